"""Analyse a stream of articles on every local core, keeping input order and bounded memory.

spaCy's own ``nlp.pipe(n_process=...)`` parallelises only the parse and ships every ``Doc`` back to the
parent, where the stages would still run on one core; here each worker process builds one
``Pipeline`` (the model loads once per worker) and runs parse *and* stages over a chunk of articles,
returning finished ``Analysis`` objects. At most ``2 x workers`` chunks are in flight, so memory is
bounded by the chunk size, not the batch. Small batches run in-process: starting workers costs a model
load each, more than a few dozen articles take on one core.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from wiretrace.errors import StageError
from wiretrace.model import Analysis, Article, Failure
from wiretrace.settings import Settings

Item = Article | Failure
Result = Analysis | Failure

_worker_pipeline: object | None = None


def available_cores() -> int:
    """Cores this process may run on (the affinity mask where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def resolve_workers(workers: int) -> int:
    """``0`` means every available core."""
    return available_cores() if workers <= 0 else workers


def _init_worker(settings_json: str, stages: Sequence[str], exclude: Sequence[str]) -> None:
    global _worker_pipeline
    from wiretrace.analyze.pipeline import Pipeline

    _worker_pipeline = Pipeline(Settings.model_validate_json(settings_json), stages=stages, exclude=exclude)


def _run_chunk(chunk: list[Item]) -> list[Result]:
    from wiretrace.analyze.pipeline import Pipeline

    assert isinstance(_worker_pipeline, Pipeline), "worker used before its initializer ran"
    return list(_worker_pipeline.analyze_many(chunk, on_error="record"))


def _lost_chunk(chunk: list[Item], reason: str) -> list[Result]:
    """A worker died (killed, out of memory): its articles become failures, the batch goes on."""
    out: list[Result] = []
    for item in chunk:
        if isinstance(item, Failure):
            out.append(item)
            continue
        err = StageError("worker", item.id, f"the worker process analysing it stopped: {reason}")
        out.append(Failure(id=item.id, source=item.source or "", error=err.message, code=err.code))
    return out


def analyze_parallel(
    items: Iterable[Item],
    settings: Settings,
    *,
    stages: Sequence[str],
    exclude: Sequence[str] = (),
    workers: int = 0,
) -> Iterator[Result]:
    """Analyse ``items`` in input order, on ``workers`` processes (``0``: all cores)."""
    from wiretrace.analyze.pipeline import Pipeline

    n = resolve_workers(workers)
    chunk_size = settings.runner.chunk_size
    stream = iter(items)
    head = list(itertools.islice(stream, settings.runner.min_parallel))
    if n <= 1 or len(head) < settings.runner.min_parallel:
        pipeline = Pipeline(settings, stages=stages, exclude=exclude)
        yield from pipeline.analyze_many(itertools.chain(head, stream), on_error="record")
        return
    chunks = _chunks(itertools.chain(head, stream), chunk_size)
    yield from _pool_map(chunks, settings, stages, exclude, n)


def _chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def _pool_map(
    chunks: Iterator[list[Item]], settings: Settings, stages: Sequence[str], exclude: Sequence[str], n: int
) -> Iterator[Result]:
    # spawn, not fork: the parent may hold threads (progress display, a web server) that fork would copy.
    context = multiprocessing.get_context("spawn")
    init = (settings.model_dump_json(), tuple(stages), tuple(exclude))

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=n, mp_context=context, initializer=_init_worker, initargs=init)

    pool = new_pool()
    pending: deque[tuple[list[Item], Future[list[Result]]]] = deque()
    try:
        for chunk in itertools.chain(chunks, [None]):
            if chunk is not None:
                pending.append((chunk, pool.submit(_run_chunk, chunk)))
                if len(pending) < 2 * n:
                    continue
            while pending and (chunk is None or len(pending) >= 2 * n):
                done_chunk, future = pending.popleft()
                try:
                    yield from future.result()
                except BrokenProcessPool as exc:
                    yield from _lost_chunk(done_chunk, str(exc) or "killed")
                    # Every chunk still queued on the broken pool is resubmitted to a fresh one.
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = new_pool()
                    pending = deque((c, pool.submit(_run_chunk, c)) for c, _ in pending)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
