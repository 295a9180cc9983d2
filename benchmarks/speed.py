"""Throughput of the full wiretrace analysis against a bare spaCy pass over the same articles, same run.

    .venv/bin/python benchmarks/speed.py [--data FILE.jsonl] [--limit N] [--repeat R]

FILE is JSONL with a ``text`` field per line (default: ../shared/data/quotes/dev.jsonl). Prints articles/s
for each system and ratios against the bare spaCy pass measured in the same run (the machine is shared
and noisy, so absolute numbers mean little; each system runs R times interleaved and keeps its best run).
When textacy is installed (``pip install -e .[bench]``), its ``direct_quotations`` (with its own spaCy pass,
as a textacy user runs it) is timed too. Per-stage times of the wiretrace run are printed at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from wiretrace.analyze.pipeline import Pipeline
from wiretrace.extract import article_from_text
from wiretrace.model import Article

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "quotes" / "dev.jsonl"


def load_articles(path: Path, limit: int | None) -> list[Article]:
    if not path.exists():
        sys.exit(
            f"speed.py: data file {path} not found (pass --data FILE.jsonl with a 'text' field per line)"
        )
    arts = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f):
            if line.strip():
                rec = json.loads(line)
                arts.append(article_from_text(rec["text"], id=str(rec.get("id", n))))
    return arts[:limit] if limit else arts


def best_of(fn: Callable[[], None], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    articles = load_articles(a.data, a.limit)
    texts = [x.text for x in articles]
    pipeline = Pipeline()
    nlp = pipeline.nlp
    batch = pipeline.settings.nlp.batch_size
    list(pipeline.analyze_many(articles[:5]))  # warm up caches and lazy loads

    def bare() -> None:
        for _ in nlp.pipe(texts, batch_size=batch):
            pass

    def full() -> None:
        for _ in pipeline.analyze_many(articles):
            pass

    systems: dict[str, Callable[[], None]] = {"spacy (bare pass)": bare, "wiretrace analyze": full}
    try:
        from textacy.extract.triples import direct_quotations

        def textacy_run() -> None:
            for doc in nlp.pipe(texts, batch_size=batch):
                # textacy refuses docs with an odd number of quote marks
                with contextlib.suppress(ValueError):
                    list(direct_quotations(doc))

        systems["textacy direct_quotations"] = textacy_run
    except ImportError:
        print("(textacy not installed: pip install -e '.[bench]' to time it too)")

    results: dict[str, list[float]] = defaultdict(list)
    for _ in range(a.repeat):  # interleave so load changes hit every system alike
        for name, fn in systems.items():
            results[name].append(best_of(fn, 1))
    base = len(articles) / min(results["spacy (bare pass)"])
    chars = sum(len(t) for t in texts)
    print(
        f"{len(articles)} articles, {chars:,} chars, best of {a.repeat}, model {pipeline.settings.nlp.model}"
    )
    print(f"{'system':<28}{'articles/s':>12}{'vs spaCy':>10}")
    for name, times in results.items():
        rate = len(articles) / min(times)
        print(f"{name:<28}{rate:>12.1f}{rate / base:>9.2f}x")
    if "textacy direct_quotations" in results:
        t_rate = len(articles) / min(results["textacy direct_quotations"])
        w_rate = len(articles) / min(results["wiretrace analyze"])
        print(f"wiretrace vs textacy: {w_rate / t_rate:.2f}x")

    # Per-stage cost, from one more run with the docs made once.
    docs = list(nlp.pipe(texts, batch_size=batch))
    stage_time = dict.fromkeys(pipeline.stage_names, 0.0)
    from wiretrace.analyze.layers import Layers

    for art, doc in zip(articles, docs, strict=True):
        layers = Layers(doc, matches=[])
        for s in pipeline.stages:
            t0 = time.perf_counter()
            layers.set(s.assigns, s.fn(art, layers, pipeline.settings))
            stage_time[s.name] += time.perf_counter() - t0
    spacy_time = min(results["spacy (bare pass)"])
    print("per-stage time as a share of the bare spaCy pass:")
    for name, t in stage_time.items():
        print(f"  {name:<16}{t / spacy_time:>8.1%}  ({1000 * t / len(articles):.2f} ms/article)")


if __name__ == "__main__":
    main()
