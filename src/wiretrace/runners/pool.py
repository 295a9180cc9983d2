"""What every runner shares: chunking, the in-order submission window, lost chunks, and a local pool.

A runner applies a plain module-level function (``analyze_partition`` here, or one of
``wiretrace.service.worker``'s chunk functions) to chunks of up to ``runner.chunk_size`` items. Results come
back in input order and at most ``2 x workers`` chunks are in flight, so memory is bounded by the window,
not the input. A chunk whose worker died yields one ``Failure`` per item (code W030, stage ``worker``)
and the run goes on. ``LocalWorkers`` does this on a process pool; ``dask_cluster.ClusterWorkers`` on a
Dask cluster.
"""

from __future__ import annotations

import itertools
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol, TypeVar

from wiretrace.errors import StageError
from wiretrace.model import Analysis, Article, Failure
from wiretrace.nlp import settle_heap
from wiretrace.settings import Settings

R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)
ChunkFn = Callable[..., list[R]]


class _Future(Protocol[R_co]):
    """What the window needs of a concurrent.futures or a Dask future."""

    def result(self) -> R_co: ...


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


def chunks(items: Iterator[Any], size: int, workers: int = 1) -> Iterator[list[Any]]:
    """Lists of ``size`` items, tapering at the end of the input so the workers finish together.

    Large chunks let each worker's ``nlp.pipe`` fill its batches (32 articles a call took 6% less
    CPU than 8), but a large last chunk keeps one worker busy while the others idle. So the last
    ``size x workers`` items, read ahead, go out in chunks of a ``2 x workers``-th of what is left
    (guided scheduling), down to single items.
    """
    if workers <= 1:
        while chunk := list(itertools.islice(items, size)):
            yield chunk
        return
    ahead: deque[Any] = deque()
    for item in items:
        ahead.append(item)
        if len(ahead) >= size * (workers + 1):
            yield [ahead.popleft() for _ in range(size)]
    while ahead:
        n = min(size, -(-len(ahead) // (2 * workers)))
        yield [ahead.popleft() for _ in range(n)]


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


def in_order(
    submit: Callable[[list[Any]], _Future[list[R]]],
    parts: Iterable[list[Any]],
    window: int,
    *,
    lost: type[BaseException] | tuple[type[BaseException], ...],
    restart: Callable[[], None] | None = None,
) -> Iterator[R | Failure]:
    """Submit ``parts`` keeping at most ``window`` in flight and yield their results in input order.

    A part whose future raises ``lost`` becomes failures; then ``restart`` (if given) replaces the
    broken executor and every part still pending is submitted again to the new one."""
    pending: deque[tuple[list[Any], _Future[list[R]]]] = deque()
    for part in itertools.chain(parts, [None]):
        if part is not None:
            pending.append((part, submit(part)))
            if len(pending) < window:
                continue
        while pending and (part is None or len(pending) >= window):
            done, future = pending.popleft()
            try:
                yield from future.result()
            except lost as exc:
                yield from lost_items(done, f"{type(exc).__name__}: {exc}" if str(exc) else "killed")
                if restart is not None:
                    restart()
                    pending = deque((p, submit(p)) for p, _ in pending)


class LocalWorkers:
    """A spawn-started process pool, kept across calls; small inputs run in this process instead
    (``runner.min_parallel``: starting a worker costs a model load, more than a few dozen articles)."""

    def __init__(self, settings: Settings, workers: int = 0) -> None:
        self.settings = settings
        self.workers = resolve_workers(workers)
        self._pool: ProcessPoolExecutor | None = None

    def map_chunks(self, fn: ChunkFn[R], items: Iterable[Any], *args: Any) -> Iterator[R | Failure]:
        size = self.settings.runner.chunk_size
        stream = iter(items)
        if self._pool is None:
            head = list(itertools.islice(stream, self.settings.runner.min_parallel))
            if self.workers <= 1 or len(head) < self.settings.runner.min_parallel:
                yield from (r for c in chunks(itertools.chain(head, stream), size) for r in fn(c, *args))
                return
            stream = itertools.chain(head, stream)
            self._pool = self._new_pool()

        def submit(chunk: list[Any]) -> _Future[list[R]]:
            assert self._pool is not None
            return self._pool.submit(fn, chunk, *args)

        def restart() -> None:  # killed or out of memory: a fresh pool takes the rest
            assert self._pool is not None
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new_pool()

        yield from in_order(
            submit,
            chunks(stream, size, self.workers),
            2 * self.workers,
            lost=BrokenProcessPool,
            restart=restart,
        )

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn, not fork: the parent holds threads (the progress display, SQLite readers) fork would copy.
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=exit_with_parent,
        )

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalWorkers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# One pipeline per worker process and settings value; the key is the frozen JSON of the settings.
_pipelines: dict[tuple[str, tuple[str, ...], tuple[str, ...]], Any] = {}


def analyze_partition(
    chunk: list[Article | Failure], settings_json: str, stages: tuple[str, ...], exclude: tuple[str, ...]
) -> list[Analysis | Failure]:
    """Run on a worker (a pool process or a Dask worker): analyse one chunk with the worker's cached
    pipeline, so the models load once per worker."""
    from wiretrace.analyze.pipeline import Pipeline

    key = (settings_json, stages, exclude)
    if key not in _pipelines:
        from wiretrace.nlp import one_blas_thread

        one_blas_thread()  # a worker per core: BLAS threads per core in each would oversubscribe
        _pipelines[key] = Pipeline(
            Settings.model_validate_json(settings_json), stages=stages, exclude=exclude
        )
    pipeline: Pipeline = _pipelines[key]
    results = list(pipeline.analyze_many(chunk, on_error="record"))
    settle_heap()
    return results
