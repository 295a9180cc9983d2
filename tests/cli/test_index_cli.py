"""``wiretrace index add|stats`` and ``wiretrace trace`` on real temporary SQLite files."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from wiretrace.cli.app import app
from wiretrace.reuse.index import FINGERPRINT_VERSION, Index

runner = CliRunner()

RECORDS = [
    {
        "id": "ferrypost-1",
        "published": "2030-06-01",
        "outlet": "Ferry Post",
        "text": "The Ostrand ferry will stop running on Sundays from July, the operator Brask Lines said. "
        "Ticket prices for weekday crossings rise by eight percent.",
    },
    {
        "id": "dunwick-2",
        "published": "2030-06-03",
        "outlet": "Dunwick Herald",
        "text": "Dunwick's council voted to close the old swimming baths after inspectors found damp "
        "in the roof.",
    },
]


def _corpus(tmp_path: Path, bad_line: bool = False) -> Path:
    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps(r) for r in RECORDS]
    if bad_line:
        lines.insert(1, '{"id": "broken", "text": ')
        lines.insert(2, json.dumps({"id": "no-text", "title": "nothing here"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_index_add_twice_then_stats(tmp_path: Path) -> None:
    db = tmp_path / "idx.db"
    corpus = _corpus(tmp_path)
    first = runner.invoke(app, ["index", "add", str(corpus), "--index", str(db)])
    assert first.exit_code == 0, first.output
    assert "2 added" in first.output
    second = runner.invoke(app, ["index", "add", str(corpus), "--index", str(db)])
    assert "0 added" in second.output and "2 unchanged" in second.output
    stats = runner.invoke(app, ["index", "stats", "--index", str(db), "--json"])
    assert json.loads(stats.stdout)["articles"] == 2
    with Index.open(db) as idx:  # the records' own ids are the source ids
        assert {r.id for r in idx.store.iter_fingerprints(FINGERPRINT_VERSION)} == {
            "ferrypost-1",
            "dunwick-2",
        }


def test_index_add_reports_bad_records_and_keeps_good_ones(tmp_path: Path) -> None:
    db = tmp_path / "idx.db"
    result = runner.invoke(app, ["index", "add", str(_corpus(tmp_path, bad_line=True)), "--index", str(db)])
    assert result.exit_code == 1
    assert "invalid JSON" in result.output and "no non-empty 'text'" in result.output
    assert "2 added" in result.output and "2 failed" in result.output
    stats = json.loads(runner.invoke(app, ["index", "stats", "--index", str(db), "--json"]).stdout)
    assert stats["articles"] == 2 and stats["failures"] == 2


def test_trace_json_names_the_source(tmp_path: Path) -> None:
    db = tmp_path / "idx.db"
    runner.invoke(app, ["index", "add", str(_corpus(tmp_path)), "--index", str(db)])
    article = tmp_path / "farm.txt"
    article.write_text(
        "Ferry news\n\nThe Ostrand ferry will stop running on Sundays from July, "
        "the operator Brask Lines stated.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["trace", str(article), "--index", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    [match] = data["matches"]
    assert match["source_id"] == "ferrypost-1"
    assert {"source": "said", "article": "stated"} in match["substitutions"]
    text = data["article"]["text"]
    assert text[match["span"]["start"] : match["span"]["end"]].startswith("The Ostrand ferry")


def test_trace_without_an_index_fails_clearly(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Some text.", encoding="utf-8")
    result = runner.invoke(app, ["trace", str(article), "--index", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no such store" in result.output


def test_help_ends_with_examples() -> None:
    for args in (["index", "add", "--help"], ["index", "stats", "--help"], ["trace", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0 and "Example" in result.output
