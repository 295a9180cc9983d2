"""``--kind`` on analyze and index add reads a source as the named kind, as ``ingest --kind`` does."""

from __future__ import annotations

import json
from pathlib import Path

from .store_corpus import RECORDS, app, runner


def test_kind_index_add_reads_an_extensionless_file_as_jsonl(tmp_path: Path) -> None:
    src = tmp_path / "records.data"
    src.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    db = tmp_path / "k.db"
    result = runner.invoke(app, ["index", "add", str(src), "--kind", "jsonl", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"{len(RECORDS)} added" in result.output


def test_kind_analyze_accepts_the_option(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", "--help"])
    assert "--kind" in result.output
