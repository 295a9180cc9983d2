"""Does any stage grow faster than its input? Time every stage on inputs of size n and 2n.

    .venv/bin/python benchmarks/scaling.py [--chars 50000] [--shapes prose storm short] [--repeat 1]

Inputs are generated here (invented text, no data needed) in three shapes: ``prose`` (news paragraphs
with quotes, names, dates and numbers), ``storm`` (paragraphs dense with quotation marks) and ``short``
(many one-line paragraphs). For each shape the spaCy pass and every stage are timed at ``--chars`` and
at twice that, and the time ratio printed: about 2.0 is linear, above 2.3 means the stage grows faster
than n log n and needs a fix or a cap. Peak RSS of the process is printed at the end. After the warm-up
the loaded resources are frozen out of garbage collection (``wiretrace.nlp.settle_heap``), as the batch
runners do after their first chunk: otherwise full collections walk them over and over, which reads as
super-linear growth of whichever stage allocates most.

``--clock cpu`` (the default) times with this process's CPU time, so that other work on a shared
machine does not move the ratios; ``--clock wall`` times with the wall clock.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from collections.abc import Callable

from wiretrace.analyze.layers import Layers
from wiretrace.analyze.pipeline import DEFAULT_STAGES, Pipeline
from wiretrace.extract import article_from_text
from wiretrace.nlp import settle_heap
from wiretrace.settings import NlpSettings, Settings

FIRST = ["Amara", "Tomas", "Lena", "Kofi", "Ines", "Piotr", "Sanna", "Rafael", "Mirela", "Joon"]
LAST = ["Quist", "Okonkwo", "Varga", "Lindqvist", "Moreau", "Sato", "Haddad", "Brennan", "Costa", "Ilves"]
PLACES = ["Port Elm", "Carrow", "Lake Tesh", "Mirefield", "Duncliff", "Westmarch"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def prose(rng: random.Random) -> str:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    place = rng.choice(PLACES)
    n = rng.randint(2, 900)
    return (
        f"Officials in {place} said on {rng.choice(DAYS)} that {n} households had been moved after the "
        f'river rose. "We are doing everything we can," said {name}, the district\'s emergency chief. '
        f"{name.split()[1]} added that repairs could take until March, according to the {place} Courier."
    )


def storm(rng: random.Random) -> str:
    words = [f'"{rng.choice(LAST).lower()}"' for _ in range(12)]
    return f'{rng.choice(FIRST)} called the plan {", ".join(words)} and said "no" twice.'


def short(rng: random.Random) -> str:
    return f"{rng.choice(PLACES)}: {rng.randint(1, 99)} boats in, {rng.choice(DAYS)}."


SHAPES: dict[str, Callable[[random.Random], str]] = {"prose": prose, "storm": storm, "short": short}


def make_text(shape: str, chars: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < chars:
        para = SHAPES[shape](rng)
        out.append(para)
        size += len(para) + 2
    return "\n\n".join(out)


CLOCKS: dict[str, Callable[[], float]] = {"cpu": time.process_time, "wall": time.perf_counter}


def time_stages(
    pipeline: Pipeline, text: str, clock: Callable[[], float] = time.process_time
) -> dict[str, float]:
    article = article_from_text(text, id="bench", published="2026-03-02")
    times: dict[str, float] = {}
    t0 = clock()
    doc = pipeline.nlp(text)
    times["spacy"] = clock() - t0
    layers = Layers(doc, matches=[])
    for s in pipeline.stages:
        t0 = clock()
        layers.set(s.assigns, s.fn(article, layers, pipeline.settings))
        times[s.name.split("+")[0]] = clock() - t0
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=int, default=50_000)
    ap.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=list(SHAPES))
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--clock", choices=list(CLOCKS), default="cpu")
    a = ap.parse_args()
    clock = CLOCKS[a.clock]
    settings = Settings(nlp=NlpSettings(max_chars=max(2_000_000, 4 * a.chars)))
    pipeline = Pipeline(settings, stages=DEFAULT_STAGES)
    pipeline.nlp.max_length = 4 * a.chars + 10
    time_stages(pipeline, make_text("prose", 2000))  # warm up: model and embedder loads
    settle_heap()  # as the batch runners do after their first chunk
    print(
        f"{a.clock} time per stage at {a.chars:,} and {2 * a.chars:,} chars"
        f" (best of {a.repeat}); 2.0 = linear"
    )
    for shape in a.shapes:
        small, large = make_text(shape, a.chars), make_text(shape, 2 * a.chars)
        t1: dict[str, float] = {}
        t2: dict[str, float] = {}
        for _ in range(a.repeat):
            for store, text in ((t1, small), (t2, large)):
                for k, v in time_stages(pipeline, text, clock).items():
                    store[k] = min(store.get(k, float("inf")), v)
        print(f"\n{shape}: {len(small):,} / {len(large):,} chars")
        print(f"  {'stage':<14} {'n (s)':>8} {'2n (s)':>8} {'ratio':>6}")
        for k in t1:
            ratio = t2[k] / t1[k] if t1[k] > 1e-4 else float("nan")
            print(f"  {k:<14} {t1[k]:8.3f} {t2[k]:8.3f} {ratio:6.2f}")
    print(f"\npeak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
