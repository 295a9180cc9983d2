"""``-o`` never truncates an input or a store: temporary file, then rename; inputs and databases refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from wiretrace.errors import OutputError
from wiretrace.output.atomic import atomic_output, refuse_unsafe_output


def test_atomic_output_replaces_only_when_complete(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_output(target) as f:
        f.write("partial")
        raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]  # no temporary file left behind
    with atomic_output(target) as f:
        f.write("new\n")
    assert target.read_text(encoding="utf-8") == "new\n"


def test_atomic_refuses_an_input_and_a_database(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("{}\n", encoding="utf-8")
    with pytest.raises(OutputError, match="also an input"):
        refuse_unsafe_output(tmp_path / "." / "in.jsonl", [str(src)])
    db = tmp_path / "refs.db"
    sqlite3.connect(db).execute("create table t (x)").connection.close()
    with pytest.raises(OutputError, match="database"):
        refuse_unsafe_output(db, [])
    refuse_unsafe_output(tmp_path / "new.jsonl", [str(src), "-"])  # a new file is fine
