"""JSON and JSONL records to ``RawDocument``: hostile values become one failure each, never a traceback.

What a record can hold that once ended a batch: a lone surrogate (``"\\ud800"``, valid JSON, not
encodable as UTF-8), an integer of thousands of digits (over Python's int/str limit), arrays nested past
the recursion limit, and values of the wrong type. Lines are read with a length cap so one huge line
costs one failure, not the memory of the whole batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from wiretrace.errors import IngestError
from wiretrace.ingest.raw import RawDocument, UrlRef, decode_bytes, scrub
from wiretrace.model import Failure

Item = RawDocument | UrlRef | Failure

# Fields of a JSON record that become article metadata (besides the text or html body).
RECORD_FIELDS = ("id", "title", "url", "outlet", "published", "date", "source", "language")
MAX_ID_CHARS = 1000
_LONG_NUMBER_DIGITS = 1000


class _LongNumber(str):
    """An integer literal too long to convert; kept as its digits, never taken for a text body."""


def _parse_int(literal: str) -> int | str:
    return int(literal) if len(literal) <= _LONG_NUMBER_DIGITS else _LongNumber(literal)


def loads(text: str, source: str) -> Any:
    """``json.loads`` whose every failure is an ``IngestError`` naming ``source``."""
    try:
        return json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise IngestError(
            f"{source}: invalid JSON ({exc.msg}, line {exc.lineno} column {exc.colno})"
        ) from None
    except RecursionError:
        raise IngestError(f"{source}: JSON nested too deeply to read") from None
    except ValueError as exc:  # e.g. a float literal out of range for the converter
        raise IngestError(f"{source}: invalid JSON value ({exc})") from None


def failure(source: str, exc: IngestError, ident: str | None = None) -> Failure:
    return Failure(
        id=scrub(ident) if ident else ident, source=scrub(source), error=exc.message, code=exc.code
    )


def _scalar(record: dict[str, Any], key: str, source: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise IngestError(f"{source}: field {key!r} must be a string, got {type(value).__name__}")
    return scrub(str(value))


def _ident(record: Any) -> str | None:
    """The record's id for a failure message, when it has a usable one."""
    if isinstance(record, dict):
        value = record.get("id")
        if isinstance(value, str | int) and not isinstance(value, bool):
            return scrub(str(value))[:MAX_ID_CHARS]
    return None


def check_id(ident: str, source: str) -> None:
    """Ids are kept verbatim (SQL and paths never see them unparameterised); refuse only the unusable."""
    if len(ident) > MAX_ID_CHARS:
        raise IngestError(f"{source}: id of {len(ident):,} characters is over the {MAX_ID_CHARS} limit")
    if not ident.strip() or any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in ident):
        raise IngestError(f"{source}: id is empty or holds control characters")


def record_to_raw(record: Any, source: str) -> RawDocument:
    """One JSON record (``id``, ``title``, ``text`` or ``html``, ``url``, ``outlet``, ``published``)."""
    if not isinstance(record, dict):
        raise IngestError(f"{source}: a record must be a JSON object, got {type(record).__name__}")
    meta = {k: v for k in RECORD_FIELDS if (v := _scalar(record, k, source)) is not None}
    if "id" in meta:
        check_id(meta["id"], source)
    if "published" not in meta and "date" in meta:
        meta["published"] = meta["date"]
    for key, kind in (("text", "text/plain"), ("html", "text/html")):
        body = record.get(key)
        if body is None:
            continue
        if not isinstance(body, str) or isinstance(body, _LongNumber):
            got = "a number" if isinstance(body, _LongNumber) else type(body).__name__
            raise IngestError(f"{source}: field {key!r} must be a string, got {got}")
        if body.strip():
            return RawDocument(scrub(body), kind, source, meta)
    raise IngestError(f"{source}: record has no non-empty 'text' or 'html' field")


def records(value: Any, source: str) -> Iterator[Item]:
    """A parsed JSON value (one record or an array of them) as items, one failure per bad record."""
    values = value if isinstance(value, list) else [value]
    for n, rec in enumerate(values, 1):
        where = f"{source}:{n}" if isinstance(value, list) else source
        try:
            yield record_to_raw(rec, where)
        except IngestError as exc:
            yield failure(where, exc, _ident(rec))


def read_json(data: bytes, source: str) -> Iterator[Item]:
    try:
        value = loads(decode_bytes(data, source), source)
    except IngestError as exc:
        yield failure(source, exc)
        return
    yield from records(value, source)


def bounded_lines(stream: IO[bytes], max_line: int) -> Iterator[bytes | None]:
    """Lines of ``stream``; a line longer than ``max_line`` is skipped in chunks and yields ``None``."""
    while True:
        line = stream.readline(max_line + 1)
        if not line:
            return
        if len(line) > max_line and not line.endswith(b"\n"):
            while True:  # drain the rest of the over-long line without holding it
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def jsonl_lines(lines: Iterator[bytes | None], source: str, max_line: int) -> Iterator[Item]:
    """One record per line; a bad line is one failure and the rest go on (streams files of any size)."""
    for n, raw in enumerate(lines, 1):
        where = f"{source}:{n}"
        if raw is None:
            yield failure(where, IngestError(f"{where}: line longer than the {max_line:,}-byte limit"))
            continue
        if not raw.strip():
            continue
        rec: Any = None
        try:
            rec = loads(decode_bytes(raw, where), where)
            doc = record_to_raw(rec, where)  # one line, one record: an array here is one failure
        except IngestError as exc:
            yield failure(where, exc, _ident(rec))
            continue
        yield doc


def read_jsonl(data: bytes, source: str) -> Iterator[Item]:
    yield from jsonl_lines(iter(data.splitlines()), source, max(1, len(data)))


def looks_like_jsonl(lines: list[bytes]) -> bool:
    """Several lines, one of the first few a complete JSON object: JSONL even if the first is broken.

    A pretty-printed JSON document's lines are fragments (``{``, ``"id": 1,``), none an object alone.
    """
    nonempty = [ln.strip() for ln in lines if ln.strip()]
    if len(nonempty) < 2 or nonempty[0] in (b"[", b"{", b"[{"):
        return False
    for line in nonempty[:5]:
        if line.startswith(b"{") and line.endswith(b"}"):
            try:
                if isinstance(json.loads(line, parse_int=_parse_int), dict):
                    return True
            except (ValueError, RecursionError):
                continue
    return False
