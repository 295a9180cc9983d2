"""Ingest reading throughput on a generated WARC.gz, against trafilatura's extraction alone, same run.

    .venv/bin/python benchmarks/ingest_read.py [--records 10000] [--keep FILE.warc.gz]

The WARC is written here (CC-NEWS layout: warcinfo, then request, response and metadata records per
page; one gzip member per record) from invented template text, so no data is needed. Timed passes:

- ``read``: ``wiretrace.ingest.read_source`` over the WARC (record parsing, charset, decoding);
- ``read+extract``: ``wiretrace.extract.iter_articles`` (the above plus trafilatura and our post-processing);
- ``trafilatura alone``: warcio iteration and ``trafilatura.bare_extraction`` with the options
  ``extract`` uses, nothing else.

Printed: seconds, records/s, peak RSS growth, and the ratio trafilatura-alone time / read+extract time
(1.0 means reading adds nothing over extraction).
"""

from __future__ import annotations

import argparse
import gzip
import random
import resource
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

PLACES = ["Port Elm", "Gullhaven", "Stavik", "Norrow Bay", "Tarn Cross"]
NAMES = ["Tova Lind", "Ansel Brook", "Mara Quill", "Ilse Marrow", "Oren Fenn", "Runa Vale"]


def _page(rng: random.Random, i: int) -> bytes:
    paras = []
    for _ in range(rng.randint(4, 12)):
        who, where = rng.choice(NAMES), rng.choice(PLACES)
        paras.append(
            f"<p>{who} said on Monday that the harbour board in {where} would review ferry fares, which "
            f'rose {rng.randint(2, 40)} percent this year. "We will look at every route," {who} added.</p>'
        )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>Fares story {i}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Fares story {i}</h1>"
        f"{''.join(paras)}</article><footer>Copyright Gull Post</footer></body></html>"
    ).encode()


def _record(kind: str, url: str, block: bytes, content_type: str) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        f"WARC-Date: 2026-03-03T10:00:00Z\r\nWARC-Target-URI: {url}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return gzip.compress(head.encode() + block + b"\r\n\r\n", compresslevel=6)


def write_warc(path: Path, records: int, seed: int = 3) -> None:
    rng = random.Random(seed)
    with path.open("wb") as f:
        f.write(_record("warcinfo", "", b"software: bench\r\n", "application/warc-fields"))
        for i in range(records):
            url = f"https://gull-post.example/news/{i}"
            page = _page(rng, i)
            http = (
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                f"Content-Length: {len(page)}\r\n\r\n"
            )
            f.write(_record("request", url, b"GET / HTTP/1.1\r\n\r\n", "application/http; msgtype=request"))
            f.write(_record("response", url, http.encode() + page, "application/http; msgtype=response"))
            f.write(_record("metadata", url, b"fetchTimeMs: 12\r\n", "application/warc-fields"))


def _wiretrace_read(path: Path) -> int:
    from wiretrace.ingest import RawDocument, read_source

    return sum(1 for d in read_source(path) if isinstance(d, RawDocument))


def _wiretrace_extract(path: Path) -> int:
    from wiretrace.extract import iter_articles
    from wiretrace.model import Article

    return sum(1 for a in iter_articles([path]) if isinstance(a, Article))


def _trafilatura_alone(path: Path) -> int:
    import trafilatura
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    with path.open("rb") as f:
        for record in ArchiveIterator(f):
            if record.rec_type != "response":
                continue
            html = record.content_stream().read().decode("utf-8")
            doc = trafilatura.bare_extraction(
                html, with_metadata=True, include_comments=False, favor_precision=True
            )
            n += bool(doc is not None and getattr(doc, "text", None))
    return n


def _timed(fn: Callable[[Path], int], path: Path) -> tuple[float, int, float]:
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    n = fn(path)
    seconds = time.perf_counter() - t0
    return seconds, n, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description="WARC reading throughput against trafilatura alone.")
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--keep", type=Path, help="write the WARC here and keep it")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.warc.gz"
        t0 = time.perf_counter()
        write_warc(path, args.records)
        mb = path.stat().st_size / 1e6
        print(f"wrote {args.records} pages ({mb:.1f} MB WARC.gz) in {time.perf_counter() - t0:.1f} s")
        warm = Path(tmp) / "warm.warc.gz"  # imports and first-call caches stay out of the timings
        write_warc(warm, 20, seed=1)
        for fn in (_wiretrace_read, _trafilatura_alone, _wiretrace_extract):
            fn(warm)
        rows = {}
        for name, fn in (
            ("read", _wiretrace_read),
            ("trafilatura alone", _trafilatura_alone),
            ("read+extract", _wiretrace_extract),
        ):
            seconds, n, rss = _timed(fn, path)
            rows[name] = seconds
            print(f"{name:<18} {seconds:8.2f} s  {n:6d} docs  {n / seconds:8.1f} /s  peak RSS +{rss:.0f} MB")
        print(f"trafilatura alone / read+extract = {rows['trafilatura alone'] / rows['read+extract']:.2f}")
        print(f"read share of read+extract = {rows['read'] / rows['read+extract']:.1%}")


if __name__ == "__main__":
    main()
