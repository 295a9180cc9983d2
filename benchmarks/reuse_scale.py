"""Reuse index at scale: open time with postings memory-mapped from disk against the in-memory rebuild.

Indexes a corpus from ``make_scale.py`` (written outside the repo, never committed) into a SQLite store,
then in fresh processes measures the open time (first ``postings``) with the snapshot (mmap) and with
``reuse.postings_on_disk`` off (rebuild from the stored fingerprints, the baseline), trace p50/p95 over
the cases, and peak memory (``ru_maxrss``) of each. With the snapshot every case is also traced by a
baseline, the second-pass lookup (``within`` a few known sources) reading every postings list whole
and then filtering, as before ``IndexView._within``: same process, alternating order, and the two
traces must agree (``traces_differing``). The corpus is read a line at a time (1M articles fit),
and the load average is recorded with each phase.

    python3 ../shared/data/reuse/make_scale.py --n 100000 --out /tmp/scale100k.jsonl
    .venv/bin/python benchmarks/reuse_scale.py --corpus /tmp/scale100k.jsonl \\
        --cases ../shared/data/reuse/cases.jsonl --db /tmp/scale100k.db
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _index(corpus: Path, db: Path) -> dict[str, object]:
    from wiretrace.extract import iter_articles
    from wiretrace.reuse.index import Index

    with Index.open(db) as idx:
        t = time.perf_counter()
        report = idx.add_many(iter_articles([corpus]))
        took = time.perf_counter() - t
    disk = sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.is_file())
    disk += sum(p.stat().st_size for p in Path(f"{db}.postings").rglob("*") if p.is_file())
    n = report.added + report.unchanged
    return {
        "articles": n,
        "index_s": took,
        "articles_per_s": n / took,
        "disk_bytes_per_article": disk / n,
        "peak_mb": _peak_mb(),
        "load_avg": os.getloadavg(),
    }


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _within_by_scan(self, h, w, total, docs):  # type: ignore[no-untyped-def]
    """The second-pass lookup as it was before ``IndexView._within``: every list read whole, then
    filtered to the known sources (the same results)."""
    import numpy as np

    p = self.postings
    sent, weight = p.sentences(h, w)
    keep = np.isin(p.sent_doc[sent], docs)
    if self._exclude.size:
        keep &= ~np.isin(p.sent_doc[sent], self._exclude)
    sent, weight = sent[keep], weight[keep]
    if sent.size == 0:
        return np.zeros(0, np.int32), np.zeros(0, np.float64)
    uniq, inverse = np.unique(sent, return_inverse=True)
    return uniq, np.bincount(inverse, weights=weight) / total


def _summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "trace_p50_ms": 1000 * statistics.median(ordered),
        "trace_p95_ms": 1000 * ordered[int(0.95 * (len(ordered) - 1))],
        "first_trace_ms": 1000 * times[0],
    }


def _open(db: Path, cases: Path, on_disk: bool) -> dict[str, object]:
    """Open time, then every case traced; with the snapshot, each case is traced twice, by the current
    lookup and by the full-scan baseline, in alternating order (so load changes and warm caches fall
    on both alike), and the two traces must agree."""
    from wiretrace.extract import article_from_text
    from wiretrace.reuse import view
    from wiretrace.reuse.index import Index
    from wiretrace.settings import ReuseSettings

    t = time.perf_counter()
    idx = Index.open(db, ReuseSettings(postings_on_disk=on_disk), read_only=not on_disk)
    _ = idx.postings
    open_s = time.perf_counter() - t
    current = view.IndexView._within
    variants = {"current": current, "full_scan": _within_by_scan} if on_disk else {"current": current}
    times: dict[str, list[float]] = {name: [] for name in variants}
    # Each variant keeps its own cache of tokenised sources, as it would running alone.
    caches = {name: view.TokenCache() for name in variants}
    differ = 0
    for n, line in enumerate(cases.open(encoding="utf-8")):
        case = json.loads(line)
        a = article_from_text(case["text"], id=case["case_id"])
        names = list(variants) if n % 2 == 0 else list(reversed(variants))
        got = []
        for name in names:
            view.IndexView._within = variants[name]  # type: ignore[method-assign]
            idx._tokens = caches[name]
            t = time.perf_counter()
            got.append(idx.trace(a))
            times[name].append(time.perf_counter() - t)
        differ += any(g != got[0] for g in got)
    view.IndexView._within = current  # type: ignore[method-assign]
    out: dict[str, object] = {"open_s": open_s, **_summary(times["current"])}
    if "full_scan" in times:
        out["full_scan"] = _summary(times["full_scan"])
        out["traces_differing"] = differ
    out["peak_mb"] = _peak_mb()
    out["load_avg"] = os.getloadavg()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--cases", type=Path, required=True)
    ap.add_argument("--db", type=Path, required=True, help="store to build (reused when it exists)")
    ap.add_argument(
        "--modes",
        default="rebuild,mmap",
        help="comma-separated: rebuild (postings_on_disk off, the open-time baseline), mmap",
    )
    ap.add_argument("--child", choices=["mmap", "rebuild"], help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        print(json.dumps(_open(a.db, a.cases, a.child == "mmap")))
        return 0
    if not a.db.exists():
        print("index:", json.dumps(_index(a.corpus, a.db)))
    out = {}
    for mode in a.modes.split(","):  # each in a fresh process, as a new server or CLI run would be
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
    if "mmap" in out and "rebuild" in out:
        for key in ("open_s", "trace_p50_ms", "trace_p95_ms", "peak_mb"):
            print(f"{key}, mmap vs rebuild: {out['mmap'][key] / out['rebuild'][key]:.3f}x")
    if "mmap" in out and "full_scan" in out["mmap"]:
        for key in ("trace_p50_ms", "trace_p95_ms"):
            ratio = out["mmap"][key] / out["mmap"]["full_scan"][key]
            print(f"{key}, current vs full-scan baseline: {ratio:.3f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
