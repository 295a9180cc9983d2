"""``wiretrace ingest``, ``stats``, ``failures`` and ``show`` on real temporary SQLite stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .store_corpus import RECORDS, app, ingested, runner, write_corpus


def test_ingest_keeps_record_ids_and_is_idempotent(tmp_path: Path) -> None:
    url = ingested(tmp_path, "--no-analysis")
    again = runner.invoke(app, ["ingest", str(write_corpus(tmp_path)), "--db", url, "--no-analysis"])
    assert again.exit_code == 0 and "0 added" in again.output and "2 unchanged" in again.output
    stats = json.loads(runner.invoke(app, ["stats", "--db", url, "--format", "json"]).stdout)
    assert stats["articles"] == 2 and stats["analysed"] == 0
    show = runner.invoke(app, ["show", "kes-2", "--db", url, "--format", "json"])
    assert json.loads(show.stdout)["article"]["id"] == "kes-2"


def test_ingest_changed_record_last_write_wins(tmp_path: Path) -> None:
    url = ingested(tmp_path, "--no-analysis")
    changed = dict(RECORDS[0], text="The Harbour Board of Vellmar postponed the pier vote to June.")
    path = tmp_path / "changed.jsonl"
    path.write_text(json.dumps(changed) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(path), "--db", url, "--no-analysis"])
    assert "1 updated" in result.output
    shown = json.loads(runner.invoke(app, ["show", "tide-1", "--db", url, "--format", "json"]).stdout)
    assert "postponed" in shown["article"]["text"]


def test_ingest_records_failures_once_and_lists_them(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'news.db'}"
    corpus = write_corpus(tmp_path, extra=['{"id": "broken", "text": ', json.dumps({"id": "empty"})])
    for _ in range(2):
        result = runner.invoke(app, ["ingest", str(corpus), "--db", url, "--no-analysis"])
        assert result.exit_code == 1 and "2 failed" in result.output
    listed = runner.invoke(app, ["failures", "--db", url, "--format", "jsonl"])
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(rows) == 2 and all(r["attempts"] == 2 for r in rows)
    assert {r["article_id"] for r in rows} == {None, "empty"}


def test_ingest_with_analysis_then_show_prints_the_report(tmp_path: Path) -> None:
    url = ingested(tmp_path)
    stats = json.loads(runner.invoke(app, ["stats", "--db", url, "--format", "json", "--check"]).stdout)
    assert stats["analysed"] == 2 and stats["quotes"] >= 2 and stats["integrity"] == "ok"
    shown = runner.invoke(app, ["show", "tide-1", "--db", url])
    assert shown.exit_code == 0 and "Ilse Dorn" in shown.stdout


def test_store_commands_refuse_a_file_that_is_not_a_store(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list: eggs, flour\n" * 10, encoding="utf-8")
    for args in (["stats"], ["search", "eggs"], ["ingest", str(write_corpus(tmp_path))]):
        result = runner.invoke(app, [*args, "--db", str(notes)])
        assert result.exit_code == 2 and "W050" in result.output
    assert notes.read_text(encoding="utf-8").startswith("shopping list")
    missing = runner.invoke(app, ["show", "x", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "no such store" in missing.output


def test_corpus_commands_help_ends_with_examples() -> None:
    for cmd in ("ingest", "search", "quotes", "show", "stats", "export", "failures"):
        result = runner.invoke(app, [cmd, "--help"])
        assert result.exit_code == 0 and "Example" in result.output


# Several invented records, an HTML one (extracted on the workers) and a broken line (a reader failure).
SPREAD = [
    json.dumps(
        {
            "id": f"quay-{n}",
            "outlet": "Quayside Courier",
            "text": f"Ferry crossing {n} to Marrow Island will close for repairs in May.\n\n"
            f'"We expect the berth to reopen within {n + 2} weeks," said harbour master Tobiah Wren.',
        }
    )
    for n in range(5)
] + [
    json.dumps(
        {
            "id": "page-1",
            "html": "<html><head><title>Bridge vote</title></head><body><article>"
            "<h1>Bridge vote delayed</h1><p>The Oskbury council delayed its vote on the river bridge "
            "until the autumn, citing rising steel prices and a pending survey.</p>"
            '<p>"Nobody wants a bridge we cannot pay for," councillor Mirela Haas told the meeting.</p>'
            "</article></body></html>",
        }
    ),
    '{"id": "torn", "text": ',
]


def _stored(url: str) -> tuple[dict[str, object], dict[str, dict[str, object]], dict[str, bytes]]:
    from wiretrace.corpus.store import open_store
    from wiretrace.reuse.index import FINGERPRINT_VERSION

    with open_store(url, create=False) as store:
        stats = {k: store.stats()[k] for k in ("articles", "analysed", "quotes")}
        ids = [row.id for row in store.iter_fingerprints(FINGERPRINT_VERSION)]
        analyses = {}
        for i in ids:
            analysis = store.get_analysis(i)
            assert analysis is not None
            analyses[i] = analysis.model_dump(mode="json")
        prints = {row.id: row.fingerprint for row in store.iter_fingerprints(FINGERPRINT_VERSION)}
    return stats, analyses, prints


def _ingest_spread(tmp_path: Path, name: str, *args: str) -> str:
    corpus = tmp_path / "spread.jsonl"
    corpus.write_text("\n".join(SPREAD) + "\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / name}"
    # One article per chunk and no in-process shortcut, so the few records really spread over workers.
    env = {"WIRETRACE_RUNNER__MIN_PARALLEL": "1", "WIRETRACE_RUNNER__CHUNK_SIZE": "1"}
    result = runner.invoke(app, ["ingest", str(corpus), "--db", url, "-q", *args], env=env)
    assert result.exit_code == 1 and "1 failed" in result.output, result.output  # the torn line
    assert "Traceback" not in result.output
    return url


@pytest.mark.slow
@pytest.mark.parametrize("spread", [["--workers", "2"], ["--cluster", "local:2"]])
def test_ingest_on_workers_stores_what_one_process_stores(tmp_path: Path, spread: list[str]) -> None:
    here = _stored(_ingest_spread(tmp_path, "here.db", "--workers", "1"))
    there = _stored(_ingest_spread(tmp_path, "there.db", *spread))
    assert here[0] == there[0] and here[0]["articles"] == 6 and here[0]["analysed"] == 6
    assert set(there[1]) == {f"quay-{n}" for n in range(5)} | {"page-1"}
    for ident, analysis in here[1].items():
        assert there[1][ident] == analysis, ident  # quotes, speakers, entities, flags: all the same
    # Fingerprints made on the workers hold the same sentences and token hashes as those made here (the
    # order of hashes within a sentence is that of a Python set, so it is compared as a set).
    assert {i: _sentence_sets(f) for i, f in there[2].items()} == {
        i: _sentence_sets(f) for i, f in here[2].items()
    }


def _sentence_sets(data: bytes) -> list[tuple[tuple[int, int], frozenset[int]]]:
    from wiretrace.reuse.fingerprint import Fingerprint

    fp = Fingerprint.from_bytes(data)
    bounds = zip(fp.offsets[:-1].tolist(), fp.offsets[1:].tolist(), strict=True)
    spans = [(int(s), int(e)) for s, e in fp.spans.tolist()]
    return [(span, frozenset(fp.hashes[a:b].tolist())) for span, (a, b) in zip(spans, bounds, strict=True)]


def test_ingest_unreachable_scheduler_is_one_line_and_exit_2(tmp_path: Path) -> None:
    env = {"WIRETRACE_RUNNER__CONNECT_TIMEOUT": "1"}
    args = ["ingest", str(write_corpus(tmp_path)), "--db", f"sqlite:///{tmp_path / 'n.db'}"]
    for address in ("tcp://127.0.0.1:9", "local:none"):
        result = runner.invoke(app, [*args, "--cluster", address], env=env)
        assert result.exit_code == 2 and "W060" in result.output, result.output
        assert address in result.output and "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "n.db").exists()  # refused before the store is created


def test_ingest_trace_with_workers_is_refused(tmp_path: Path) -> None:
    args = ["ingest", str(write_corpus(tmp_path)), "--db", f"sqlite:///{tmp_path / 'n.db'}", "--trace"]
    result = runner.invoke(app, [*args, "--cluster", "local:2"])
    assert result.exit_code == 2 and "--trace" in result.output
