"""A small invented corpus as JSONL, and a store made from it through `wiretrace ingest`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from wiretrace.cli.app import app

runner = CliRunner()

RECORDS = [
    {
        "id": "tide-1",
        "published": "2031-04-02",
        "outlet": "Tidewater Times",
        "title": "Pier approved",
        "text": "The Harbour Board of Vellmar approved the new deep-water pier on Monday.\n\n"
        '"This is a turning point for our town," Mayor Ilse Dorn said.',
    },
    {
        "id": "kes-2",
        "published": "2031-03-28",
        "outlet": "Kestrel News",
        "title": "Record plums",
        "text": "Plum growers in the Oskbury valley harvested a record crop.\n\n"
        '"Late frosts could halve the next crop," said Bertil Rask, the association chairman.',
    },
]


def write_corpus(tmp_path: Path, extra: list[str] = ()) -> Path:  # type: ignore[assignment]
    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps(r) for r in RECORDS] + list(extra)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ingested(tmp_path: Path, *args: str) -> str:
    url = f"sqlite:///{tmp_path / 'news.db'}"
    result = runner.invoke(app, ["ingest", str(write_corpus(tmp_path)), "--db", url, *args])
    assert result.exit_code == 0, result.output
    return url
