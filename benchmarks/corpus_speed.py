"""Corpus store speed: ingest throughput (analysis off and on) and search latency, SQLite and PostgreSQL.

    .venv/bin/python benchmarks/corpus_speed.py ingest --corpus /tmp/scale10k.jsonl [--warc X.warc.gz] \\
        [--analysed 1000] [--postgres URL]
    .venv/bin/python benchmarks/corpus_speed.py search --corpus /tmp/scale100k.jsonl [--postgres URL] \\
        [--queries 300]

Make the corpora with ``../shared/data/reuse/make_scale.py --n 10000 --out /tmp/scale10k.jsonl`` (never
commit them). ``ingest`` times, in one run: reading and extraction alone (``iter_articles``, the
baseline), ingest with analysis off (store + fingerprint + FTS), and ingest with the whole analysis on
the first ``--analysed`` articles; it prints articles/s and the ratio to the baseline. ``search`` fills
a store with the corpus (analysis off) and times ``service.search`` for word, two-word and phrase
queries drawn from the corpus text: p50 and p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from wiretrace import service
from wiretrace.corpus.store import Store, open_store
from wiretrace.extract import iter_articles
from wiretrace.model import Article, Failure
from wiretrace.service.ingest import ingest_items
from wiretrace.settings import Settings


def _stores(tmp: Path, pg: str | None) -> Iterator[tuple[str, str]]:
    yield "sqlite", f"sqlite:///{tmp / f'bench-{uuid.uuid4().hex[:6]}.db'}"
    if pg:
        sep = "&" if "?" in pg else "?"
        yield "postgresql", f"{pg}{sep}schema=bench_{uuid.uuid4().hex[:8]}"


def _drop(name: str, url: str, store: Store) -> None:
    if name == "postgresql":
        store.drop()  # type: ignore[attr-defined]


def _articles(source: Path, limit: int | None = None) -> list[Article | Failure]:
    return list(itertools.islice(iter_articles([source]), limit))


def bench_ingest(args: argparse.Namespace) -> None:
    settings = Settings()
    sources = [] if args.skip_off else [("jsonl", args.corpus)] + ([("warc", args.warc)] if args.warc else [])
    with tempfile.TemporaryDirectory() as tmp:
        for label, source in sources:
            t = time.perf_counter()
            n = sum(1 for _ in iter_articles([source]))
            base = time.perf_counter() - t
            print(f"{label}: read+extract alone     {n} docs  {base:7.2f} s  {n / base:8.0f} /s  (baseline)")
            for name, url in _stores(Path(tmp), args.postgres):
                store = open_store(url)
                t = time.perf_counter()
                report = service.ingest(store, [source], settings, analyse=False)
                took = time.perf_counter() - t
                print(
                    f"{label}: ingest {name:<10} off {report.added} added  {took:7.2f} s  {n / took:8.0f} /s"
                    f"  ({base / took:.2f} x baseline)"
                )
                _drop(name, url, store)
                store.close()
        if args.analysed:
            items = _articles(args.corpus, args.analysed)
            from wiretrace.analyze.pipeline import Pipeline

            pipe = service.build_pipeline(settings)
            assert isinstance(pipe, Pipeline)
            list(pipe.analyze_many(items[:20], on_error="record"))  # load the model outside the timing
            t = time.perf_counter()
            list(pipe.analyze_many(items, on_error="record"))
            alone = time.perf_counter() - t
            print(
                f"jsonl: analysis alone      {len(items)} docs  {alone:7.2f} s  {len(items) / alone:8.1f} /s"
            )
            for name, url in _stores(Path(tmp), args.postgres):
                store = open_store(url)
                t = time.perf_counter()
                report = ingest_items(store, items, settings, pipeline=pipe)
                took = time.perf_counter() - t
                print(
                    f"jsonl: ingest {name:<10} on  {report.added} added  {took:7.2f} s  "
                    f"{len(items) / took:8.1f} /s  ({alone / took:.2f} x analysis alone)"
                )
                _drop(name, url, store)
                store.close()


def _queries(corpus: Path, n: int, rng: random.Random) -> list[str]:
    texts = [json.loads(line)["text"] for line in itertools.islice(corpus.open(encoding="utf-8"), 5000)]
    out: list[str] = []
    while len(out) < n:
        words = [w.strip(".,;:\"'()") for w in rng.choice(texts).split()]
        words = [w for w in words if len(w) > 3 and w.isalpha()]
        if len(words) < 4:
            continue
        i = rng.randrange(len(words) - 3)
        kind = len(out) % 3
        out.append(
            words[i]
            if kind == 0
            else f"{words[i]} {words[i + 2]}"
            if kind == 1
            else f'"{words[i]} {words[i + 1]}"'
        )
    return out


def _fill(store: Store, corpus: Path) -> int:
    """Store the corpus for searching only: articles in batches of 2,000, no fingerprint, no analysis
    (the readers and the fingerprints are timed by ``ingest``; search reads neither)."""
    from wiretrace.corpus.keys import to_stored
    from wiretrace.corpus.types import BatchItem
    from wiretrace.extract import parse_date

    added = 0
    with corpus.open(encoding="utf-8") as f:
        while lines := list(itertools.islice(f, 2000)):
            batch = []
            for line in lines:
                r = json.loads(line)
                a = Article(
                    id=str(r["id"]),
                    text=r["text"],
                    title=r.get("title"),
                    outlet=r.get("outlet"),
                    published=parse_date(r.get("published") or r.get("date")),
                    language="en",
                )
                batch.append(BatchItem(to_stored(a)))
            added += store.write(batch, "none").count("added")
    return added


def bench_search(args: argparse.Namespace) -> None:
    rng = random.Random(11)
    queries = _queries(args.corpus, args.queries, rng)
    with tempfile.TemporaryDirectory() as tmp:
        for name, url in _stores(Path(tmp), args.postgres):
            store = open_store(url)
            t = time.perf_counter()
            added = _fill(store, args.corpus)
            fill = time.perf_counter() - t
            for q in queries[:10]:
                service.search(store, q)  # warm the page cache
            times: list[float] = []
            hits = 0
            for q in queries:
                t = time.perf_counter()
                hits += len(service.search(store, q, limit=20))
                times.append((time.perf_counter() - t) * 1000)
            p95 = statistics.quantiles(times, n=20)[18]
            print(
                f"{name:<10} {added} articles (filled in {fill:.0f} s)  {len(queries)} queries  "
                f"p50 {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms  "
                f"({hits / len(queries):.1f} hits/query)"
            )
            _drop(name, url, store)
            store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["ingest", "search"])
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--warc", type=Path)
    ap.add_argument("--analysed", type=int, default=1000)
    ap.add_argument("--postgres", help="PostgreSQL URL (a scratch schema is made and dropped)")
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--skip-off", action="store_true", help="ingest: time only the analysed ingest")
    args = ap.parse_args()
    if not args.corpus.is_file():
        raise SystemExit(f"corpus_speed: {args.corpus} not found (make it with make_scale.py, see --help)")
    bench_ingest(args) if args.what == "ingest" else bench_search(args)


if __name__ == "__main__":
    main()
