"""Readers: turn a path, a directory, a URL or stdin into ``RawDocument`` items, one reader per format.

A reader never stops a batch for one bad document: it yields a ``Failure`` in its place and goes on.
Whole-source problems (missing path, unknown format) raise ``IngestError``. The format comes from an
explicit ``kind``, else the extension (``.gz`` is looked through), else the content (see ``sniff_kind``).
Streams (JSONL, CSV, WARC, stdin) are read incrementally, so memory follows the largest record, not the
batch. Plugins add readers through the ``wiretrace.readers`` entry-point group: a callable
``(data: bytes, source: str) -> Iterator[RawDocument | Failure]`` registered under a file extension.
"""

from __future__ import annotations

import gzip
import io
import sys
import zlib
from collections.abc import Callable, Iterator
from importlib.metadata import entry_points
from pathlib import Path
from typing import IO

from wiretrace.errors import IngestError
from wiretrace.ingest.charset import decode_document
from wiretrace.ingest.context import ReadContext
from wiretrace.ingest.raw import RawDocument, UrlRef, sniff_type
from wiretrace.ingest.records import (
    Item,
    bounded_lines,
    failure,
    jsonl_lines,
    loads,
    looks_like_jsonl,
    read_json,
    read_jsonl,
    record_to_raw,
    records,
)
from wiretrace.ingest.urls import is_url, looks_like_url_list, read_url_list
from wiretrace.model import Failure

Reader = Callable[[bytes, str], Iterator[RawDocument | Failure]]
KINDS = ("text", "html", "json", "jsonl", "csv", "warc", "feed", "sitemap", "urls")
EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".urls": "urls",
    ".xml": "xml",  # a feed or a sitemap: decided by the root element
}
MAX_BYTES = 50_000_000  # kept for callers of the first API; settings.ingest.max_bytes is the limit used
_HEAD = 65536
_MAX_SITEMAP_DEPTH = 3

__all__ = ["KINDS", "READERS", "Reader", "read_source", "record_to_raw", "sniff_kind"]


def _whole(data: bytes, source: str, content_type: str) -> Iterator[RawDocument | Failure]:
    try:
        text, warnings = decode_document(data, source)
    except IngestError as exc:
        yield failure(source, exc)
        return
    yield RawDocument(text, content_type, source, {}, warnings)


def read_text(data: bytes, source: str) -> Iterator[RawDocument | Failure]:
    yield from _whole(data, source, "text/plain")


def read_html(data: bytes, source: str) -> Iterator[RawDocument | Failure]:
    yield from _whole(data, source, "text/html")


# Readers over whole bytes, by extension: the built-ins that plugins extend or replace.
READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,  # type: ignore[dict-item]
    ".jsonl": read_jsonl,  # type: ignore[dict-item]
    ".ndjson": read_jsonl,  # type: ignore[dict-item]
}
_BUILTIN_READERS = dict(READERS)
_plugins_loaded = False


def _plugin_reader(suffix: str) -> Reader | None:
    global _plugins_loaded
    if not _plugins_loaded:
        _plugins_loaded = True
        for ep in entry_points(group="wiretrace.readers"):
            READERS[ep.name if ep.name.startswith(".") else "." + ep.name] = ep.load()
    reader = READERS.get(suffix)
    return reader if reader is not None and reader is not _BUILTIN_READERS.get(suffix) else None


class _Prefixed(io.RawIOBase):
    """A stream that replays the bytes already read for sniffing, then the rest."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head, self._rest = memoryview(head), rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _peek(stream: IO[bytes]) -> tuple[bytes, IO[bytes]]:
    head = stream.read(_HEAD)
    return head, io.BufferedReader(_Prefixed(head, stream), buffer_size=1 << 16)


def sniff_kind(head: bytes, at_eof: bool = False) -> str:
    """The format of a stream from its first bytes: WARC, JSON/JSONL, feed, sitemap, HTML, URLs or text."""
    if head.startswith(b"WARC/"):
        return "warc"
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    lines = body.splitlines()
    if not at_eof and len(lines) > 1:
        lines = lines[:-1]  # the last line of a head may be cut
    if body[:1] in (b"{", b"["):
        return "jsonl" if looks_like_jsonl(lines) else "json"
    if body[:1] == b"<":
        from wiretrace.ingest.feeds import is_feed
        from wiretrace.ingest.sitemaps import is_sitemap

        if is_sitemap(body):
            return "sitemap"
        if is_feed(body):
            return "feed"
        return "html"
    if looks_like_url_list(lines):
        return "urls"
    return "text"


def _document(
    data: bytes,
    source: str,
    kind: str,
    ctx: ReadContext,
    meta: dict[str, str] | None = None,
    declared: str | None = None,
) -> Iterator[Item]:
    """One whole document (text or HTML) from bytes."""
    try:
        text, warnings = decode_document(data, source, declared)
    except IngestError as exc:
        ident = (meta or {}).get("id")
        yield failure(source, exc, ident if ident != source else None)  # a path id would repeat itself
        return
    content_type = "text/html" if kind == "html" else sniff_type(text) if kind == "sniff" else "text/plain"
    yield RawDocument(text, content_type, source, dict(meta or {}), warnings)


def _read_all(stream: IO[bytes], source: str, ctx: ReadContext) -> bytes:
    cap = ctx.ingest.max_bytes
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise IngestError(f"{source}: over the {cap:,}-byte limit for one document or JSON file")
    return data


def _from_stream(
    stream: IO[bytes], source: str, kind: str | None, ctx: ReadContext, meta: dict[str, str] | None = None
) -> Iterator[Item]:
    """Read one stream of a known or sniffed kind."""
    head, stream = _peek(stream)
    if head.startswith(b"\x1f\x8b") and kind != "warc":
        try:  # sniff inside the compression; the head may end mid-stream
            inner_head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
        except zlib.error as exc:
            yield failure(source, IngestError(f"{source}: damaged gzip data ({exc})"))
            return
        if not inner_head.startswith(b"WARC/"):
            yield from _from_stream(gzip.GzipFile(fileobj=stream), source, kind, ctx, meta)  # type: ignore[arg-type]
            return
        kind = "warc"
    if kind in (None, "xml"):
        kind = sniff_kind(head, at_eof=len(head) < _HEAD)
        if kind == "html":
            kind = "sniff"  # starts with "<": HTML only if it looks like markup
    max_line = ctx.ingest.max_line_bytes
    if kind == "jsonl":
        yield from jsonl_lines(bounded_lines(stream, max_line), source, max_line)
    elif kind == "csv":
        from wiretrace.ingest.csv import read_csv

        yield from read_csv(stream, source, ctx.ingest.csv_columns, max_line)
    elif kind == "warc":
        from wiretrace.ingest.warc import read_warc

        yield from read_warc(stream, source, ctx.ingest.max_bytes)
    elif kind == "urls":
        yield from read_url_list(bounded_lines(stream, max_line), source)
    else:
        try:
            data = _read_all(stream, source, ctx)
        except IngestError as exc:
            yield failure(source, exc)
            return
        yield from _from_bytes(data, source, kind, ctx, meta)


def _from_bytes(
    data: bytes,
    source: str,
    kind: str,
    ctx: ReadContext,
    meta: dict[str, str] | None,
    declared: str | None = None,
    depth: int = 0,
) -> Iterator[Item]:
    try:
        if kind == "json":
            text, _ = decode_document(data, source, declared)
            yield from records(loads(text, source), source)
        elif kind == "feed":
            from wiretrace.ingest.feeds import read_feed

            yield from read_feed(data, source, follow_links=ctx.fetch.follow_feed_links)
        elif kind == "sitemap":
            yield from _sitemap(data, source, ctx, depth)
        else:
            yield from _document(data, source, kind, ctx, meta, declared)
    except IngestError as exc:
        yield failure(source, exc)


def _sitemap(data: bytes, source: str, ctx: ReadContext, depth: int) -> Iterator[Item]:
    from wiretrace.ingest.sitemaps import read_sitemap

    for entry in read_sitemap(data, source):
        if isinstance(entry, UrlRef):
            yield entry
        elif depth >= _MAX_SITEMAP_DEPTH:
            yield failure(entry, IngestError(f"{entry}: sitemap index nested over {_MAX_SITEMAP_DEPTH} deep"))
        else:
            yield from _fetch(UrlRef(entry, entry, {}), ctx, depth + 1, expect="sitemap")


def _fetch(ref: UrlRef, ctx: ReadContext, depth: int = 0, expect: str | None = None) -> Iterator[Item]:
    """Fetch a URL and read what came back by its content type (HTML, text, feed, sitemap, JSON)."""
    if ctx.offline:
        yield failure(ref.source, IngestError(f"{ref.url}: fetching is off"), ref.metadata.get("id"))
        return
    try:
        resp = ctx.get_fetcher().fetch(ref.url)
    except IngestError as exc:
        yield failure(ref.source, exc, ref.metadata.get("id"))
        return
    meta = {**ref.metadata, "url": resp.url}
    ctype = resp.content_type
    if ctype in ("text/html", "application/xhtml+xml"):
        kind = "html"
    elif ctype == "text/plain":
        kind = "text"
    elif ctype.endswith("json"):
        kind = "json"
    elif "xml" in ctype or ctype in ("application/rss+xml", "application/atom+xml"):
        kind = expect or sniff_kind(resp.content[:_HEAD], at_eof=True)
    elif not ctype:
        kind = sniff_kind(resp.content[:_HEAD], at_eof=True)
    else:
        yield failure(resp.url, IngestError(f"{resp.url}: unsupported content type {ctype!r}"))
        return
    if kind in ("urls", "jsonl", "csv", "warc"):
        kind = "sniff"
    for item in _from_bytes(resp.content, resp.url, kind, ctx, meta, resp.charset, depth):
        if isinstance(item, UrlRef):
            yield from _fetch(item, ctx, depth)
        else:
            yield item


def _kind_of(path: Path) -> tuple[str | None, bool]:
    """(kind from the extension or None when unknown, whether the name ends in .gz)."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    suffix = (suffixes[-2] if len(suffixes) == 2 else "") if gz else (suffixes[-1] if suffixes else "")
    if not suffix:
        return "", gz  # no extension: sniffed from the content
    return EXTENSIONS.get(suffix), gz


def _read_file(path: Path, kind: str | None, ctx: ReadContext, in_directory: bool) -> Iterator[Item]:
    source = str(path)
    plugin = _plugin_reader(path.suffix.lower()) if kind is None else None
    if plugin is not None:
        try:
            with path.open("rb") as f:
                data = _read_all(f, source, ctx)
            yield from plugin(data, source)
        except IngestError as exc:
            yield failure(source, exc)
        return
    if kind is None:
        found, _gz = _kind_of(path)
        if found is None:
            if in_directory:
                return  # inside a directory, files of other formats are skipped
            known = ", ".join(sorted(EXTENSIONS))
            raise IngestError(f"{path}: unknown format {path.suffix!r} (known: {known}, and .gz of them)")
        kind = found or None
    # A single document found by walking a directory is named after its path.
    meta = {"id": source} if in_directory and kind in ("text", "html") else None
    try:
        with path.open("rb") as f:
            yield from _from_stream(f, source, kind, ctx, meta)
    except (OSError, EOFError, zlib.error) as exc:  # unreadable file, damaged or truncated .gz
        yield failure(source, IngestError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})"))


def _read_directory(path: Path, kind: str | None, ctx: ReadContext) -> Iterator[Item]:
    files = sorted(
        p
        for p in path.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
    )
    known = [
        p for p in files if kind is not None or _kind_of(p)[0] is not None or _plugin_reader(p.suffix.lower())
    ]
    if not known:
        what = f"{len(files)} file(s), none of a known format" if files else "no files"
        yield failure(str(path), IngestError(f"{path}: the directory holds {what}"))
        return
    for p in known:
        yield from _read_file(p, kind, ctx, in_directory=True)


def _items(source: str | Path, kind: str | None, ctx: ReadContext) -> Iterator[Item]:
    if kind is not None and kind not in KINDS:
        raise IngestError(f"unknown source kind {kind!r} (known: {', '.join(KINDS)})")
    name = str(source)
    if name == "-":
        yield from _from_stream(sys.stdin.buffer, "<stdin>", kind, ctx)
        return
    if isinstance(source, str) and is_url(name):
        yield from _fetch(UrlRef(name.strip(), name.strip(), {}), ctx, expect=kind)
        return
    path = Path(source)
    if not path.exists():
        raise IngestError(f"{path}: no such file or directory")
    if path.is_dir():
        yield from _read_directory(path, kind, ctx)
    else:
        yield from _read_file(path, kind, ctx, in_directory=False)


def read_source(
    source: str | Path, *, kind: str | None = None, context: ReadContext | None = None
) -> Iterator[RawDocument | Failure]:
    """Read a file, a directory (recursively, known formats in name order), a URL or ``-`` for stdin.

    ``kind`` (one of ``KINDS``) overrides the extension and content sniffing. Pages listed by feeds,
    sitemaps and URL lists are fetched through ``context``'s fetcher (guarded; see ``ingest.fetch``).
    """
    ctx = context or ReadContext()
    try:
        for item in _items(source, kind, ctx):
            if isinstance(item, UrlRef):
                yield from (i for i in _fetch(item, ctx) if not isinstance(i, UrlRef))
            else:
                yield item
    finally:
        if context is None:
            ctx.close()
