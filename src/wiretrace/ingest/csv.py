"""CSV (and TSV) exports: one article per row, columns mapped onto record fields by a parameter.

``columns`` maps a field (id, text, html, title, url, outlet, published) to a column name; a field not
mapped uses the column of its own name. Rows are streamed, each capped by ``max_line_bytes``.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator, Mapping
from typing import IO

from wiretrace.errors import IngestError
from wiretrace.ingest.records import Item, failure, record_to_raw

FIELDS = ("id", "text", "html", "title", "url", "outlet", "published", "date", "language")


def _text_stream(stream: IO[bytes]) -> io.TextIOWrapper:
    head = stream.peek(4) if isinstance(stream, io.BufferedReader) else b""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return io.TextIOWrapper(stream, encoding="utf-16", newline="")
    # utf-8-sig drops a BOM; invalid bytes become U+FFFD rather than ending the whole file.
    return io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")


def read_csv(
    stream: IO[bytes],
    source: str,
    columns: Mapping[str, str],
    max_row_chars: int,
    delimiter: str | None = None,
) -> Iterator[Item]:
    unknown = sorted(set(columns) - set(FIELDS))
    if unknown:
        raise IngestError(f"{source}: unknown CSV field(s) {', '.join(unknown)} (known: {', '.join(FIELDS)})")
    text = _text_stream(stream)
    csv.field_size_limit(max_row_chars)
    delim = delimiter or ("\t" if source.lower().removesuffix(".gz").endswith((".tsv", ".tab")) else ",")
    reader = csv.DictReader(text, delimiter=delim)
    try:
        header = reader.fieldnames or []
    except (csv.Error, UnicodeError) as exc:
        raise IngestError(f"{source}: unreadable CSV header ({exc})") from None
    mapping = {f: columns.get(f, f) for f in FIELDS}
    if mapping["text"] not in header and mapping["html"] not in header:
        raise IngestError(
            f"{source}: no text column: expected {mapping['text']!r} or {mapping['html']!r} in the header "
            f"({', '.join(header[:20])}); map one with the CSV column mapping"
        )
    row_no = 1
    while True:
        row_no += 1
        where = f"{source}:{reader.line_num + 1}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeError) as exc:
            yield failure(where, IngestError(f"{where}: bad CSV row ({exc})"))
            continue
        record = {f: row[col] for f, col in mapping.items() if row.get(col)}
        try:
            yield record_to_raw(record, where)
        except IngestError as exc:
            yield failure(where, exc, record.get("id"))
