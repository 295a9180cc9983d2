"""``wiretrace ingest``, ``stats``, ``failures`` and ``show`` on real temporary SQLite stores."""

from __future__ import annotations

import json
from pathlib import Path

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
