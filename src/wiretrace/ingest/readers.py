"""Readers: turn a path, a directory or stdin into ``RawDocument`` items, one reader per format.

A reader never stops a batch for one bad document: it yields a ``Failure`` in its place and goes on.
Whole-source problems (missing path, unknown format) raise ``IngestError``. Plugins add readers through
the ``wiretrace.readers`` entry-point group: a callable ``(data: bytes, source: str) -> Iterator[...]``
registered under a file extension.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from wiretrace.errors import IngestError
from wiretrace.ingest.raw import RawDocument, decode_bytes, sniff_type
from wiretrace.model import Failure

Item = RawDocument | Failure
Reader = Callable[[bytes, str], Iterator[Item]]

# Fields of a JSON record that become article metadata (besides the text or html body).
RECORD_FIELDS = ("id", "title", "url", "outlet", "published", "date", "source")
MAX_BYTES = 50_000_000


def _failure(source: str, exc: IngestError, ident: str | None = None) -> Failure:
    return Failure(id=ident, source=source, error=exc.message, code=exc.code)


def read_text(data: bytes, source: str) -> Iterator[Item]:
    try:
        text = decode_bytes(data, source)
    except IngestError as exc:
        yield _failure(source, exc)
        return
    yield RawDocument(text, "text/plain", source)


def read_html(data: bytes, source: str) -> Iterator[Item]:
    try:
        text = decode_bytes(data, source)
    except IngestError as exc:
        yield _failure(source, exc)
        return
    yield RawDocument(text, "text/html", source)


def record_to_raw(record: Any, source: str) -> RawDocument:
    """One JSON record (``id``, ``title``, ``text`` or ``html``, ``url``, ``outlet``, ``published``)."""
    if not isinstance(record, dict):
        raise IngestError(f"{source}: a record must be a JSON object, got {type(record).__name__}")
    meta = {k: str(record[k]) for k in RECORD_FIELDS if record.get(k) is not None}
    if "published" not in meta and "date" in meta:
        meta["published"] = meta["date"]
    for key, kind in (("text", "text/plain"), ("html", "text/html")):
        body = record.get(key)
        if isinstance(body, str) and body.strip():
            return RawDocument(body, kind, source, meta)
    raise IngestError(f"{source}: record has no non-empty 'text' or 'html' field")


def _records(values: list[Any] | Any, source: str, line_numbers: bool) -> Iterator[Item]:
    for n, rec in enumerate(values if isinstance(values, list) else [values], 1):
        where = f"{source}:{n}" if line_numbers or isinstance(values, list) else source
        try:
            yield record_to_raw(rec, where)
        except IngestError as exc:
            ident = str(rec.get("id")) if isinstance(rec, dict) and rec.get("id") is not None else None
            yield _failure(where, exc, ident)


def read_json(data: bytes, source: str) -> Iterator[Item]:
    try:
        value = json.loads(decode_bytes(data, source))
    except IngestError as exc:
        yield _failure(source, exc)
        return
    except json.JSONDecodeError as exc:
        yield _failure(source, IngestError(f"{source}: invalid JSON ({exc.msg} at line {exc.lineno})"))
        return
    yield from _records(value, source, line_numbers=False)


def read_jsonl(data: bytes, source: str) -> Iterator[Item]:
    yield from _jsonl_lines(data.splitlines(), source)


def _jsonl_lines(lines: Iterable[bytes], source: str) -> Iterator[Item]:
    """One record per line; a bad line is one failure and the rest go on (streams files of any size)."""
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        where = f"{source}:{n}"
        try:
            rec = json.loads(decode_bytes(raw, where))
        except IngestError as exc:
            yield _failure(where, exc)
            continue
        except json.JSONDecodeError as exc:
            yield _failure(where, IngestError(f"{where}: invalid JSON ({exc.msg})"))
            continue
        yield from _records(rec, where, line_numbers=False)


READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
}
_plugins_loaded = False


def _readers() -> dict[str, Reader]:
    global _plugins_loaded
    if not _plugins_loaded:
        _plugins_loaded = True
        for ep in entry_points(group="wiretrace.readers"):
            READERS[ep.name if ep.name.startswith(".") else "." + ep.name] = ep.load()
    return READERS


def read_sniffed(data: bytes, source: str) -> Iterator[Item]:
    """Guess the format from the content: JSON object(s), HTML or plain text."""
    head = data.lstrip()[:1]
    if head in (b"{", b"["):
        first_line = data.lstrip().split(b"\n", 1)[0].strip()
        try:
            json.loads(first_line)
            complete_first_line = True
        except ValueError:
            complete_first_line = False
        lines = [ln for ln in data.splitlines() if ln.strip()]
        if head == b"{" and complete_first_line and len(lines) > 1:
            yield from read_jsonl(data, source)
        else:
            yield from read_json(data, source)
        return
    try:
        text = decode_bytes(data, source)
    except IngestError as exc:
        yield _failure(source, exc)
        return
    yield RawDocument(text, sniff_type(text), source)


def _read_file(path: Path, strict_suffix: bool) -> Iterator[Item]:
    readers = _readers()
    suffix = path.suffix.lower()
    reader = readers.get(suffix)
    if reader is None:
        if suffix and strict_suffix:
            known = ", ".join(sorted(readers))
            raise IngestError(f"{path}: unknown format {suffix!r} (known: {known})")
        if suffix:  # inside a directory, skip files of other formats
            return
        reader = read_sniffed
    if reader is read_jsonl:  # stream: a JSONL corpus may be far larger than one document's limit
        try:
            with path.open("rb") as f:
                yield from _jsonl_lines(f, str(path))
        except OSError as exc:
            yield _failure(str(path), IngestError(f"{path}: cannot read ({exc.strerror})"))
        return
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise IngestError(f"{path}: {size:,} bytes is over the {MAX_BYTES:,}-byte limit for one file")
        data = path.read_bytes()
    except IngestError as exc:
        yield _failure(str(path), exc)
        return
    except OSError as exc:
        yield _failure(str(path), IngestError(f"{path}: cannot read ({exc.strerror})"))
        return
    yield from reader(data, str(path))


def read_source(source: str | Path) -> Iterator[Item]:
    """Read a file, a directory (recursively, files of known formats in name order) or ``-`` for stdin."""
    if str(source) == "-":
        yield from read_sniffed(sys.stdin.buffer.read(), "<stdin>")
        return
    path = Path(source)
    if not path.exists():
        raise IngestError(f"{path}: no such file or directory")
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        for p in files:
            yield from _read_file(p, strict_suffix=False)
        return
    yield from _read_file(path, strict_suffix=True)
