"""Reuse index at scale: open time with postings memory-mapped from disk against the in-memory rebuild.

Indexes a corpus from ``make_scale.py`` (written outside the repo, never committed) into a SQLite store,
then in fresh processes measures the open time (first ``postings``) with the snapshot (mmap) and with
``reuse.postings_on_disk`` off (rebuild from the stored fingerprints, the baseline), trace p50/p95 over
the cases, and peak memory (``ru_maxrss``) of each.

    python3 ../shared/data/reuse/make_scale.py --n 100000 --out /tmp/scale100k.jsonl
    .venv/bin/python benchmarks/reuse_scale.py --corpus /tmp/scale100k.jsonl \\
        --cases ../shared/data/reuse/cases.jsonl --db /tmp/scale100k.db
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _index(corpus: Path, db: Path) -> dict[str, float]:
    from wiretrace.extract import iter_articles
    from wiretrace.reuse.index import Index

    with Index.open(db) as idx:
        t = time.perf_counter()
        report = idx.add_many(iter_articles([corpus]))
        took = time.perf_counter() - t
    disk = sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.is_file())
    disk += sum(p.stat().st_size for p in Path(f"{db}.postings").rglob("*") if p.is_file())
    n = report.added + report.unchanged
    return {"articles": n, "index_s": took, "articles_per_s": n / took, "disk_bytes_per_article": disk / n}


def _open(db: Path, cases: Path, on_disk: bool) -> dict[str, float]:
    from wiretrace.extract import article_from_text
    from wiretrace.reuse.index import Index
    from wiretrace.settings import ReuseSettings

    t = time.perf_counter()
    idx = Index.open(db, ReuseSettings(postings_on_disk=on_disk), read_only=not on_disk)
    _ = idx.postings
    open_s = time.perf_counter() - t
    times = []
    for line in cases.open(encoding="utf-8"):
        case = json.loads(line)
        a = article_from_text(case["text"], id=case["case_id"])
        t = time.perf_counter()
        idx.trace(a)
        times.append(time.perf_counter() - t)
    times.sort()
    return {
        "open_s": open_s,
        "trace_p50_ms": 1000 * statistics.median(times),
        "trace_p95_ms": 1000 * times[int(0.95 * (len(times) - 1))],
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--cases", type=Path, required=True)
    ap.add_argument("--db", type=Path, required=True, help="store to build (reused when it exists)")
    ap.add_argument("--child", choices=["mmap", "rebuild"], help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        print(json.dumps(_open(a.db, a.cases, a.child == "mmap")))
        return 0
    if not a.db.exists():
        print("index:", json.dumps(_index(a.corpus, a.db)))
    out = {}
    for mode in ("rebuild", "mmap"):  # each in a fresh process, as a new server or CLI run would be
        args = [
            sys.executable,
            __file__,
            "--corpus",
            str(a.corpus),
            "--cases",
            str(a.cases),
            "--db",
            str(a.db),
        ]
        res = subprocess.run([*args, "--child", mode], capture_output=True, text=True, check=True)
        out[mode] = json.loads(res.stdout)
        print(mode, json.dumps(out[mode]))
    print(f"open time, mmap vs rebuild: {out['mmap']['open_s'] / out['rebuild']['open_s']:.3f}x")
    print(f"trace p95, mmap vs rebuild: {out['mmap']['trace_p95_ms'] / out['rebuild']['trace_p95_ms']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
