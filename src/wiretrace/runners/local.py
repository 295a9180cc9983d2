"""Analyse a stream of articles on every local core, keeping input order and bounded memory.

spaCy's own ``nlp.pipe(n_process=...)`` parallelises only the parse and ships every ``Doc`` back to the
parent, where the stages would still run on one core; here each worker process builds one
``Pipeline`` (the model loads once per worker) and runs parse *and* stages over a chunk of articles,
returning finished ``Analysis`` objects (``pool.LocalWorkers`` with ``pool.analyze_partition``).
Small batches run in-process: starting workers costs a model load each, more than a few dozen
articles take on one core.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence

from wiretrace.model import Analysis, Article, Failure
from wiretrace.nlp import settle_heap
from wiretrace.runners.pool import LocalWorkers, analyze_partition, resolve_workers
from wiretrace.settings import Settings


def analyze_parallel(
    items: Iterable[Article | Failure],
    settings: Settings,
    *,
    stages: Sequence[str],
    exclude: Sequence[str] = (),
    workers: int = 0,
) -> Iterator[Analysis | Failure]:
    """Analyse ``items`` in input order, on ``workers`` processes (``0``: all cores)."""
    from wiretrace.analyze.pipeline import Pipeline

    n = resolve_workers(workers)
    stream = iter(items)
    head = list(itertools.islice(stream, settings.runner.min_parallel))
    if n <= 1 or len(head) < settings.runner.min_parallel:
        # One stream through one pipeline: nlp.pipe batches across the whole input.
        pipeline = Pipeline(settings, stages=stages, exclude=exclude)
        results = pipeline.analyze_many(itertools.chain(head, stream), on_error="record")
        for result in itertools.islice(results, 1):
            yield result
            settle_heap()
        yield from results
        return
    args = (settings.model_dump_json(), tuple(stages), tuple(exclude))
    with LocalWorkers(settings, n) as pool:
        yield from pool.map_chunks(analyze_partition, itertools.chain(head, stream), *args)
