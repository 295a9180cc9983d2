"""Writers of one export table: JSONL, CSV (csv module) and Parquet (pyarrow), to a temp file, then rename."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from wiretrace.corpus.columns import TABLES, column_names
from wiretrace.corpus.store import Store
from wiretrace.corpus.types import TableName
from wiretrace.errors import StoreError

if TYPE_CHECKING:
    from wiretrace.service.export import ExportFormat

_PARQUET_BATCH = 10_000


@contextmanager
def replace_when_done(path: Path, binary: bool) -> Iterator[IO[Any]]:
    """A temporary file beside ``path``, renamed over it only when the block finishes without error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        f: IO[Any] = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
        with f:
            yield f
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def write_table(store: Store, table: TableName, fmt: ExportFormat, path: Path) -> int:
    if table not in TABLES:
        raise StoreError(f"unknown table {table!r} (tables: {', '.join(TABLES)})")
    names = column_names(table)
    rows = store.iter_rows(table)
    count = 0
    try:
        if fmt.value == "parquet":
            return _parquet(table, rows, path)
        with replace_when_done(path, binary=False) as f:
            if fmt.value == "csv":
                w = csv.writer(f)
                w.writerow(names)
                for row in rows:
                    w.writerow(["" if v is None else _plain(v) for v in row])
                    count += 1
            else:
                for row in rows:
                    f.write(
                        json.dumps(dict(zip(names, map(_plain, row), strict=True)), ensure_ascii=False) + "\n"
                    )
                    count += 1
    except OSError as exc:
        raise StoreError(
            f"{path}: cannot write the export ({exc.strerror or exc}); nothing was replaced"
        ) from exc
    return count


def _parquet(table: TableName, rows: Iterator[tuple[Any, ...]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {
        "string": pa.string(),
        "int64": pa.int64(),
        "float64": pa.float64(),
        "date": pa.date32(),
        "bool": pa.bool_(),
    }
    schema = pa.schema([(c.name, types[c.type]) for c in TABLES[table]])
    count = 0
    with replace_when_done(path, binary=True) as f, pq.ParquetWriter(f, schema) as writer:
        while batch := list(islice(rows, _PARQUET_BATCH)):
            columns = list(zip(*batch, strict=True))
            arrays = [
                pa.array(
                    [None if v is None else (bool(v) if c.type == "bool" else v) for v in col],
                    type=types[c.type],
                )
                for c, col in zip(TABLES[table], columns, strict=True)
            ]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            count += len(batch)
        if count == 0:
            writer.write_table(schema.empty_table())
    return count
