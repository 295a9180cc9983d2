"""WARC and WARC.gz (warcio), Common Crawl News layout included: one article per HTML response record.

CC-NEWS files hold ``warcinfo``, ``request``, ``response`` and ``metadata`` records; only ``response``
(and ``resource``) records with an HTML or text payload are articles. The URL is ``WARC-Target-URI``, the
charset is the HTTP ``Content-Type``'s (kept, and checked against the bytes), the crawl time is kept as
metadata. Records are streamed, and a payload over ``max_bytes`` is one failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from wiretrace.errors import IngestError
from wiretrace.ingest.charset import decode_document
from wiretrace.ingest.raw import RawDocument, sniff_type
from wiretrace.ingest.records import Item, failure

_ARTICLE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def _http_content_type(record: Any) -> tuple[str, str | None]:
    from wiretrace.ingest.fetch import _content_type

    header = record.http_headers.get_header("Content-Type") if record.http_headers else None
    if header is None:
        header = record.rec_headers.get_header("Content-Type")
    return _content_type(header)


def _truncated(record: Any) -> bool:
    """Read what is left of ``record``'s block and say whether the file ended before its
    ``Content-Length`` (or inside its headers): warcio stops quietly at the end of a cut-off file,
    keeping the partial record."""
    if record.rec_headers.get_header("Content-Length") is None:  # its headers were cut off
        return True
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    return bool(getattr(raw, "limit", 0))


def _record_end(records: ArchiveIterator, record: Any) -> int:
    """Where ``record`` ends in the file (compressed offsets for WARC.gz)."""
    records.read_to_end(record)
    return int(records.get_record_offset() + records.get_record_length())


class _Counted:
    """A read-only stream that counts the bytes read through it (any stream: a pipe, a gzip member)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.total = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.total += len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        data = self.stream.readline(size)
        self.total += len(data)
        return data

    def size(self) -> int:
        """Read to the end, and say how many bytes the stream held."""
        while self.read(1 << 16):
            pass
        return self.total


def _unread_tail(stream: _Counted, end: int) -> bool:
    """Whether the file holds bytes after its last whole record beyond the closing blank lines:
    warcio ends without a word at a record whose headers were cut off (a WARC.gz member cut short)."""
    return stream.size() - end > 4


def _cut_off(source: str, n: int) -> Item:
    return failure(
        source, IngestError(f"{source}: the file ends inside a WARC record (cut off after record {n})")
    )


def read_warc(stream: IO[bytes], source: str, max_bytes: int) -> Iterator[Item]:
    n = 0
    try:
        counted = _Counted(stream)
        records = ArchiveIterator(counted)
        end = 0
        for record in records:
            if record.rec_type not in ("response", "resource"):
                if _truncated(record):
                    yield _cut_off(source, n)
                    return
                end = _record_end(records, record)
                continue
            n += 1
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            where = f"{source}#{n}" + (f" {url}" if url else "")
            status = record.http_headers.get_statuscode() if record.http_headers else "200"
            kind, charset = _http_content_type(record)
            if kind and kind not in _ARTICLE_TYPES:
                continue  # images, scripts, feeds in a crawl: not articles, not failures
            if status and not str(status).startswith("2"):
                continue  # redirects and errors a crawler stored
            data = record.content_stream().read(max_bytes + 1)
            if _truncated(record):
                yield _cut_off(source, n - 1)
                return
            end = _record_end(records, record)
            if len(data) > max_bytes:
                yield failure(where, IngestError(f"{where}: payload over the {max_bytes:,}-byte limit"))
                continue
            try:
                text, warnings = decode_document(data, where, charset)
            except IngestError as exc:
                yield failure(where, exc)
                continue
            meta = {"url": url} if url else {}
            crawled = record.rec_headers.get_header("WARC-Date")
            if crawled:
                meta["crawled"] = crawled
            content_type = "text/plain" if kind == "text/plain" else "text/html"
            if not kind:
                content_type = sniff_type(text)
            yield RawDocument(text, content_type, where, meta, warnings)
        if _unread_tail(counted, end):
            yield _cut_off(source, n)
    except ArchiveLoadFailed as exc:
        yield failure(source, IngestError(f"{source}: not a readable WARC after record {n} ({exc})"))
    except Exception as exc:  # warcio raises whatever its parser hits on damaged input (AttributeError too)
        yield failure(source, IngestError(f"{source}: WARC damaged after record {n} ({type(exc).__name__})"))
