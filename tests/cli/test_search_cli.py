"""``wiretrace search`` and ``wiretrace quotes`` over an ingested store."""

from __future__ import annotations

import json

import pytest

from .store_corpus import app, ingested, runner


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return ingested(tmp_path_factory.mktemp("search"))


def test_search_jsonl_one_line_per_hit_with_id(url: str) -> None:
    result = runner.invoke(app, ["search", "crop", "--db", url, "--format", "jsonl"])
    assert result.exit_code == 0
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert [h["id"] for h in hits] == ["kes-2"] and "**crop**" in hits[0]["snippet"]


def test_search_filters(url: str) -> None:
    def ids(*args: str) -> list[str]:
        out = runner.invoke(app, ["search", *args, "--db", url, "--format", "json"])
        assert out.exit_code == 0, out.output
        return [h["id"] for h in json.loads(out.stdout)]

    assert ids('"deep-water pier"') == ["tide-1"]
    assert ids("--since", "2031-04-01") == ["tide-1"] and ids("--until", "2031-03-31") == ["kes-2"]
    assert ids("--outlet", "Kestrel News") == ["kes-2"] and ids("--speaker", "dorn") == ["tide-1"]
    assert ids("--language", "en", "--limit", "1") == ["tide-1"]
    bad = runner.invoke(app, ["search", "x", "--since", "last week", "--db", url])
    assert bad.exit_code == 2 and "ISO date" in bad.output


def test_quotes_by_speaker(url: str) -> None:
    result = runner.invoke(app, ["quotes", "--speaker", "bertil rask", "--db", url, "--format", "jsonl"])
    [quote] = [json.loads(line) for line in result.stdout.splitlines()]
    assert quote["article_id"] == "kes-2" and quote["text"].startswith("Late frosts")
    text = runner.invoke(app, ["quotes", "-s", "Dorn", "--db", url])
    assert "tide-1" in text.stdout and "turning point" in text.stdout
