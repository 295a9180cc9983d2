"""Ingest throughput on 1 and 2 workers: a Dask LocalCluster and the local process pool, same input, same run.

    .venv/bin/python benchmarks/dask_scaling.py [--data FILE.jsonl] [--limit 300] [--counts 1 2]

Each configuration ingests the same articles (``service.ingest``, as ``wiretrace ingest`` runs it: reading
and store writes here, extraction, analysis and fingerprinting on the workers) into a fresh SQLite store.
Workers are warmed first (model loaded) with a throwaway ingest, so the rate is the steady state, not
start-up. ``local 1`` is ``--workers 1``: the same chunk functions in this process, no pool. Printed:
seconds, articles/s and the ratio to the 1-worker baseline of the same kind measured in this run, plus
the rate of the one writer alone (``--no-analysis`` in this process: fingerprints and store writes), which
bounds what more workers could gain before the writer is the limit.
Default data: the first 300 articles of ../shared/data/quotes/train.jsonl (PolNeAR train, text only).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from wiretrace import service
from wiretrace.corpus.store import open_store
from wiretrace.runners.workers import open_workers
from wiretrace.settings import RunnerSettings, Settings

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "quotes" / "train.jsonl"


def write_input(data: Path, start: int, limit: int, out: Path) -> int:
    if not data.exists():
        sys.exit(f"dask_scaling.py: {data} not found (pass --data FILE.jsonl with a 'text' field per line)")
    n = 0
    with data.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        lines = (line for line in src if line.strip())
        for i, line in enumerate(lines):
            if i < start:
                continue
            rec = json.loads(line)
            dst.write(json.dumps({"id": f"a{i}", "text": rec["text"]}) + "\n")
            n += 1
            if n >= limit:
                break
    return n


def timed_ingest(settings: Settings, src: Path, db: Path, *, workers: int, cluster: str | None) -> float:
    with open_workers(settings, workers=workers, cluster=cluster) as runner:
        with open_store(f"sqlite:///{db}.warm") as warm_store:
            service.ingest(warm_store, [src.with_suffix(".warm.jsonl")], settings, workers=runner)
        with open_store(f"sqlite:///{db}") as store:
            t0 = time.perf_counter()
            report = service.ingest(store, [src], settings, workers=runner)
            seconds = time.perf_counter() - t0
    if report.failures or report.analysed + report.added != report.seen:
        sys.exit(f"dask_scaling.py: unexpected ingest report: {report.summary()}")
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--counts", type=int, nargs="+", default=[1, 2])
    a = ap.parse_args()
    # min_parallel=1: even the warm-up goes to the workers, so every worker loads its model before timing.
    settings = Settings(runner=RunnerSettings(min_parallel=1))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        src = folder / "in.jsonl"
        n = write_input(a.data, 0, a.limit, src)
        # Warm-up articles come after the measured ones, so the measured store starts empty of them.
        write_input(
            a.data, a.limit, 4 * max(a.counts) * settings.runner.chunk_size, src.with_suffix(".warm.jsonl")
        )
        rows: list[tuple[str, int, float]] = []
        for kind in ("dask", "local"):
            for count in a.counts:
                cluster = f"local:{count}" if kind == "dask" else None
                db = folder / f"{kind}{count}.db"
                rows.append((kind, count, timed_ingest(settings, src, db, workers=count, cluster=cluster)))
        with open_store(f"sqlite:///{folder / 'writer.db'}") as store:
            t0 = time.perf_counter()
            service.ingest(store, [src], settings, analyse=False)
            writer = time.perf_counter() - t0
    print(
        f"{n} articles ingested into SQLite; workers warmed first; ratios against 1 worker of the same kind"
    )
    print(f"{'runner':<18} {'seconds':>8} {'articles/s':>11} {'vs 1 worker':>12}")
    base = {kind: secs for kind, count, secs in rows if count == min(a.counts)}
    for kind, count, secs in rows:
        label = f"{kind} {count} worker" + ("s" if count > 1 else "")
        print(f"{label:<18} {secs:8.1f} {n / secs:11.2f} {base[kind] / secs:11.2f}x")
    print(f"{'one writer alone':<18} {writer:8.1f} {n / writer:11.2f}  (fingerprints, store writes)")


if __name__ == "__main__":
    main()
