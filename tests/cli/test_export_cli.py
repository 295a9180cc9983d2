"""``wiretrace export``: every table in every format, written atomically, with stable columns."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from wiretrace.corpus.columns import column_names

from .store_corpus import app, ingested, runner


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_articles_have_an_id_column(tmp_path: Path, fmt: str) -> None:
    url = ingested(tmp_path, "--no-analysis")
    out = tmp_path / f"articles.{fmt}"
    result = runner.invoke(app, ["export", "--db", url, "--table", "articles", "--to", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    if fmt == "parquet":
        ids = pq.read_table(out).column("id").to_pylist()
    elif fmt == "csv":
        with out.open(encoding="utf-8") as f:
            reader = csv.DictReader(f)
            ids = [r["id"] for r in reader]
            assert reader.fieldnames == column_names("articles")
    else:
        ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(ids) == ["kes-2", "tide-1"]


def test_export_quotes_flags_matches_tables(tmp_path: Path) -> None:
    url = ingested(tmp_path)
    for table in ("quotes", "flags", "matches"):
        out = tmp_path / f"{table}.parquet"
        result = runner.invoke(app, ["export", "--db", url, "-t", table, "--to", "parquet", "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert pq.read_table(out).column_names == column_names(table)  # type: ignore[arg-type]
    speakers = pq.read_table(tmp_path / "quotes.parquet").column("speaker").to_pylist()
    assert "Ilse Dorn" in speakers and "Bertil Rask" in speakers
