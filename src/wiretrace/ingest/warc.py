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


def read_warc(stream: IO[bytes], source: str, max_bytes: int) -> Iterator[Item]:
    n = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type not in ("response", "resource"):
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
    except ArchiveLoadFailed as exc:
        yield failure(source, IngestError(f"{source}: not a readable WARC after record {n} ({exc})"))
    except Exception as exc:  # warcio raises whatever its parser hits on damaged input (AttributeError too)
        yield failure(source, IngestError(f"{source}: WARC damaged after record {n} ({type(exc).__name__})"))
