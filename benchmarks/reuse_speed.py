"""Provenance speed: wiretrace's reuse index against a datasketch MinHashLSH baseline, same corpus, same run.

Measures indexing rate (articles/s, into the SQLite store for wiretrace; in memory for datasketch),
trace latency per article (median and p95: wiretrace retrieves, aligns and describes; datasketch only
queries its LSH, so the comparison flatters the baseline), index bytes per article, and peak memory.
The baseline follows the data README's reference: one MinHash per sentence over word 5-shingles,
128 permutations, LSH threshold 0.3. datasketch is a benchmark-only dependency.

    .venv/bin/python benchmarks/reuse_speed.py --corpus ../shared/data/reuse/corpus.jsonl \\
        --cases ../shared/data/reuse/cases.jsonl
    # scale run (no baseline; generate the corpus outside the repo first):
    python3 ../shared/data/reuse/make_scale.py --n 100000 --out /tmp/scale100k.jsonl
    .venv/bin/python benchmarks/reuse_speed.py --corpus /tmp/scale100k.jsonl \\
        --cases ../shared/data/reuse/cases.jsonl --no-baseline
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from wiretrace.model import Article


def _load(path: Path, limit: int | None, id_field: str) -> list[Article]:
    from wiretrace.extract import article_from_text

    out: list[Article] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            published = rec.get("published") or rec.get("date")
            out.append(
                article_from_text(rec["text"], id=rec[id_field], title=rec.get("title"), published=published)
            )
            if limit and len(out) >= limit:
                break
    return out


def _latency(fn: Callable[[Article], Any], articles: Sequence[Article]) -> tuple[float, float]:
    times: list[float] = []
    for a in articles:
        t = time.perf_counter()
        fn(a)
        times.append(time.perf_counter() - t)
    times.sort()
    return statistics.median(times) * 1000, times[int(0.95 * (len(times) - 1))] * 1000


def run_wiretrace(corpus: Sequence[Article], cases: Sequence[Article], tmp: Path) -> dict[str, float]:
    from wiretrace.reuse.index import Index

    path = tmp / "speed.db"
    with Index.open(path) as index:
        t = time.perf_counter()
        index.add_many(corpus)
        add_s = time.perf_counter() - t
        t = time.perf_counter()
        _ = index.postings
        load_s = time.perf_counter() - t
        median, p95 = _latency(index.trace, cases)
        memory_index = index.postings.nbytes()
    disk = sum(p.stat().st_size for p in tmp.glob("speed.db*"))
    return {
        "articles_per_s": len(corpus) / add_s,
        "index_s": add_s,
        "load_s": load_s,
        "trace_median_ms": median,
        "trace_p95_ms": p95,
        "disk_bytes_per_article": disk / len(corpus),
        "memory_bytes_per_article": memory_index / len(corpus),
    }


def run_datasketch(corpus: Sequence[Article], cases: Sequence[Article]) -> dict[str, float]:
    from datasketch import MinHash, MinHashLSH

    from wiretrace.reuse.normalize import split_sentences

    def minhashes(text: str) -> list[MinHash]:
        out = []
        for a, b in split_sentences(text):
            words = text[a:b].lower().split()
            shingles = [" ".join(words[i : i + 5]).encode() for i in range(max(1, len(words) - 4))]
            m = MinHash(num_perm=128)
            m.update_batch(shingles)
            out.append(m)
        return out

    lsh = MinHashLSH(threshold=0.3, num_perm=128)
    t = time.perf_counter()
    with lsh.insertion_session() as session:
        for art in corpus:
            for i, m in enumerate(minhashes(art.text)):
                session.insert(f"{art.id}:{i}", m, check_duplication=False)
    add_s = time.perf_counter() - t

    def query(art: Article) -> list[set[str]]:
        return [set(lsh.query(m)) for m in minhashes(art.text)]

    median, p95 = _latency(query, cases)
    size = len(pickle.dumps(lsh, protocol=pickle.HIGHEST_PROTOCOL))
    return {
        "articles_per_s": len(corpus) / add_s,
        "index_s": add_s,
        "trace_median_ms": median,
        "trace_p95_ms": p95,
        "memory_bytes_per_article": size / len(corpus),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--corpus", required=True, type=Path)
    ap.add_argument("--cases", required=True, type=Path, help="articles to trace (JSONL with case_id, text)")
    ap.add_argument("--limit", type=int, help="index only the first N corpus articles")
    ap.add_argument("--queries", type=int, default=200, help="cases to trace for latency")
    ap.add_argument("--no-baseline", action="store_true", help="skip datasketch (for the scale run)")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = ap.parse_args(argv)
    missing = [str(p) for p in (args.corpus, args.cases) if not p.is_file()]
    if missing:
        print(
            f"reuse_speed: data not found: {', '.join(missing)} (../shared/data/reuse is not part of the "
            "repository; scale corpora come from make_scale.py)",
            file=sys.stderr,
        )
        return 2
    corpus = _load(args.corpus, args.limit, "id")
    cases = _load(args.cases, args.queries, "case_id")
    result: dict[str, Any] = {
        "corpus": str(args.corpus),
        "articles": len(corpus),
        "queries": len(cases),
        "machine": f"{platform.machine()}, {os.cpu_count()} cpu, Python {platform.python_version()}",
    }
    with tempfile.TemporaryDirectory() as tmp:
        result["wiretrace"] = run_wiretrace(corpus, cases, Path(tmp))
    if not args.no_baseline:
        result["datasketch"] = run_datasketch(corpus, cases)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    w = result["wiretrace"]
    print(f"{result['articles']:,} articles, {result['queries']} traced; {result['machine']}")
    print(
        f"wiretrace   index {w['articles_per_s']:,.0f} articles/s ({w['index_s']:.1f}s), "
        f"load {w['load_s']:.2f}s, "
        f"trace median {w['trace_median_ms']:.1f} ms p95 {w['trace_p95_ms']:.1f} ms, "
        f"{w['disk_bytes_per_article']:,.0f} B/article on disk (text included), "
        f"{w['memory_bytes_per_article']:,.0f} B/article in memory"
    )
    if "datasketch" in result:
        d = result["datasketch"]
        print(
            f"datasketch  index {d['articles_per_s']:,.0f} articles/s ({d['index_s']:.1f}s), "
            f"query median {d['trace_median_ms']:.1f} ms p95 {d['trace_p95_ms']:.1f} ms, "
            f"{d['memory_bytes_per_article']:,.0f} B/article (pickled LSH, no text)"
        )
        print(
            f"ratios      indexing {w['articles_per_s'] / d['articles_per_s']:.1f}x faster; "
            f"trace median {w['trace_median_ms'] / d['trace_median_ms']:.2f}x, "
            f"p95 {w['trace_p95_ms'] / d['trace_p95_ms']:.2f}x the baseline's time; "
            f"bytes/article {w['memory_bytes_per_article'] / d['memory_bytes_per_article']:.2f}x (memory), "
            f"{w['disk_bytes_per_article'] / d['memory_bytes_per_article']:.2f}x (disk, with text)"
        )
    print(f"peak memory {result['peak_rss_mb']:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
