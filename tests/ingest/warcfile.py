"""Write small WARC files by hand (the WARC/1.0 grammar is a few header lines per record).

warcio's writer buffers payloads in temporary files it leaves to the garbage collector, which the test
suite's ``filterwarnings = error`` turns into failures; these files are what a crawler writes.
"""

from __future__ import annotations

import gzip
import uuid
from pathlib import Path


def _record(kind: str, url: str, block: bytes, content_type: str) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        f"WARC-Date: 2026-03-03T10:00:00Z\r\nWARC-Target-URI: {url}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def warc_records(pages: list[tuple[str, bytes, str]]) -> list[bytes]:
    """A CC-NEWS-like sequence: warcinfo, then request, response and metadata per page."""
    out = [_record("warcinfo", "", b"software: test-crawler\r\n", "application/warc-fields")]
    for url, payload, ctype in pages:
        out.append(_record("request", url, b"GET / HTTP/1.1\r\n\r\n", "application/http; msgtype=request"))
        http = f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(payload)}\r\n\r\n"
        out.append(_record("response", url, http.encode() + payload, "application/http; msgtype=response"))
        out.append(_record("metadata", url, b"fetchTimeMs: 12\r\n", "application/warc-fields"))
    return out


def write_warc(path: Path, pages: list[tuple[str, bytes, str]], gz: bool = True) -> None:
    with path.open("wb") as f:
        for rec in warc_records(pages):
            f.write(gzip.compress(rec) if gz else rec)  # one gzip member per record, as WARC.gz requires
