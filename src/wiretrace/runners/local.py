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
import multiprocessing.connection
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

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


def exit_with_parent() -> None:
    """Pool-worker initializer: end this worker when its parent dies (kill -9, out of memory). Otherwise it
    idles on, holding the parent's stdout and stderr open, so whoever reads them never sees their end."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="wiretrace-parent-watch", daemon=True).start()


def _init_worker(settings_json: str, stages: Sequence[str], exclude: Sequence[str]) -> None:
    global _worker_pipeline
    exit_with_parent()
    from wiretrace.analyze.pipeline import Pipeline

    _worker_pipeline = Pipeline(Settings.model_validate_json(settings_json), stages=stages, exclude=exclude)


def _run_chunk(chunk: list[Item]) -> list[Result]:
    from wiretrace.analyze.pipeline import Pipeline

    assert isinstance(_worker_pipeline, Pipeline), "worker used before its initializer ran"
    return list(_worker_pipeline.analyze_many(chunk, on_error="record"))


def lost_items(chunk: list[Any], reason: str) -> list[Failure]:
    """A worker died (killed, out of memory): one ``Failure`` per item of its chunk, the batch goes on;
    reader failures stay as they were. Items are articles or read documents (id in their metadata)."""
    out: list[Failure] = []
    for item in chunk:
        if isinstance(item, Failure):
            out.append(item)
            continue
        ident = getattr(item, "id", None) or getattr(item, "metadata", {}).get("id")
        err = StageError("worker", ident or "?", f"the worker process handling it stopped: {reason}")
        out.append(
            Failure(id=ident, source=getattr(item, "source", None) or "", error=err.message, code=err.code)
        )
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
    stream = iter(items)
    head = list(itertools.islice(stream, settings.runner.min_parallel))
    if n <= 1 or len(head) < settings.runner.min_parallel:
        pipeline = Pipeline(settings, stages=stages, exclude=exclude)
        yield from pipeline.analyze_many(itertools.chain(head, stream), on_error="record")
        return
    with ProcessAnalyzer(settings, stages=stages, exclude=exclude, workers=n) as analyzer:
        yield from analyzer.analyze_many(itertools.chain(head, stream))


def chunks(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


class ProcessAnalyzer:
    """A pool of worker processes with one ``Pipeline`` each, kept across calls (for batched ingest).

    ``analyze_many`` has the ``Pipeline.analyze_many(..., on_error="record")`` contract, so the service
    layer takes either.
    """

    def __init__(
        self, settings: Settings, *, stages: Sequence[str], exclude: Sequence[str] = (), workers: int = 0
    ) -> None:
        self.settings = settings
        self.workers = resolve_workers(workers)
        self._init = (settings.model_dump_json(), tuple(stages), tuple(exclude))
        self._pool: ProcessPoolExecutor | None = None

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn, not fork: the parent may hold threads (progress display, a web server) that fork would copy.
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(
            max_workers=self.workers, mp_context=context, initializer=_init_worker, initargs=self._init
        )

    def analyze_many(self, items: Iterable[Item], *, on_error: str = "record") -> Iterator[Result]:
        if on_error != "record":
            raise ValueError("worker processes record failures per document; use on_error='record'")
        if self._pool is None:
            self._pool = self._new_pool()
        window = 2 * self.workers
        pending: deque[tuple[list[Item], Future[list[Result]]]] = deque()
        parts = chunks(iter(items), self.settings.runner.chunk_size)
        for chunk in itertools.chain(parts, [None]):
            if chunk is not None:
                pending.append((chunk, self._pool.submit(_run_chunk, chunk)))
                if len(pending) < window:
                    continue
            while pending and (chunk is None or len(pending) >= window):
                done_chunk, future = pending.popleft()
                try:
                    yield from future.result()
                except BrokenProcessPool as exc:
                    yield from lost_items(done_chunk, str(exc) or "killed")
                    # Every chunk still queued on the broken pool is resubmitted to a fresh one.
                    self._pool.shutdown(wait=False, cancel_futures=True)
                    self._pool = self._new_pool()
                    pending = deque((c, self._pool.submit(_run_chunk, c)) for c, _ in pending)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ProcessAnalyzer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
