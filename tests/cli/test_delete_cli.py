"""``wiretrace delete``: confirmation, counts, unknown ids reported, the articles gone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wiretrace.cli import delete as delete_module

from .store_corpus import app, ingested, runner


@pytest.fixture()
def url(tmp_path: Path) -> str:
    return ingested(tmp_path, "--no-analysis")


def _ids(url: str) -> list[str]:
    out = runner.invoke(app, ["search", "--db", url, "--format", "json"])
    return sorted(h["id"] for h in json.loads(out.stdout))


def test_delete_yes_deletes_and_counts(url: str) -> None:
    result = runner.invoke(app, ["delete", "tide-1", "--db", url, "--yes"])
    assert result.exit_code == 0, result.output
    assert "1 deleted, 0 not found" in result.output
    assert _ids(url) == ["kes-2"]
    shown = runner.invoke(app, ["show", "tide-1", "--db", url])
    assert shown.exit_code == 1 and "no article" in shown.output


def test_delete_reports_unknown_ids_and_exits_1(url: str) -> None:
    result = runner.invoke(app, ["delete", "kes-2", "ghost-9", "--db", url, "-y"])
    assert result.exit_code == 1
    assert "no article with id 'ghost-9'" in result.output and "1 deleted, 1 not found" in result.output
    assert _ids(url) == ["tide-1"]


def test_delete_without_yes_off_a_terminal_refuses(url: str) -> None:
    result = runner.invoke(app, ["delete", "tide-1", "--db", url])
    assert result.exit_code == 2 and "--yes" in result.output
    assert _ids(url) == ["kes-2", "tide-1"]


def test_delete_asks_on_a_terminal(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delete_module, "_interactive", lambda: True)
    no = runner.invoke(app, ["delete", "tide-1", "--db", url], input="n\n")
    assert no.exit_code == 1 and "nothing deleted" in no.output
    assert _ids(url) == ["kes-2", "tide-1"]
    yes = runner.invoke(app, ["delete", "tide-1", "--db", url], input="y\n")
    assert yes.exit_code == 0 and "1 deleted" in yes.output
    assert _ids(url) == ["kes-2"]


def test_delete_prompt_and_report_strip_escapes(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delete_module, "_interactive", lambda: True)
    hostile = "evil\x1b]52;c;aGk=\x07\x1b[2J\u202eid"
    result = runner.invoke(app, ["delete", hostile, "--db", url], input="y\n")
    assert result.exit_code == 1 and "not found" in result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output


def test_search_and_failures_output_strip_escapes(tmp_path: Path) -> None:
    hostile = "Pier\x1b]52;c;aGk=\x07\x1b[2J\u202eevil\x9b6n"
    line = json.dumps({"id": "bad\x1b[31m-1", "title": hostile, "text": f"Harbour {hostile} pier text."})
    src = tmp_path / "h.jsonl"
    src.write_text(line + "\n{broken\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'h.db'}"
    runner.invoke(app, ["ingest", str(src), "--db", url, "--no-analysis"])
    for args in (
        ["search", "pier"],
        ["search", "pier", "-f", "jsonl"],
        ["failures"],
        ["show", "bad\x1b[31m-1"],
    ):
        out = runner.invoke(app, [*args, "--db", url]).output
        assert "\x1b" not in out and "\u202e" not in out and "\x9b" not in out, args
