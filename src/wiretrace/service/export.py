"""Export a stored table (articles, quotes, flags, matches, entities) as JSONL, CSV or Parquet.

Columns come from one definition (``corpus/columns.py``), which also generates the docs table. The file
is written next to its destination under a temporary name and renamed into place when complete, so a
reader never sees half an export and a failed export leaves any earlier file as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from wiretrace.corpus.store import Store
from wiretrace.corpus.types import TableName


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


@dataclass(frozen=True, slots=True)
class ExportReport:
    table: str
    path: Path
    rows: int


def export(store: Store, table: TableName, fmt: ExportFormat | str, path: Path) -> ExportReport:
    """Write every row of ``table`` to ``path`` in ``fmt``; returns how many rows were written."""
    from wiretrace.service.writers import write_table

    rows = write_table(store, table, ExportFormat(fmt), path)
    return ExportReport(table=table, path=path, rows=rows)
