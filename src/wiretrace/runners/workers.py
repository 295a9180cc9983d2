"""Ingest workers: the service layer's chunk functions run on a local process pool or a Dask cluster.

``LocalWorkers`` and ``ClusterWorkers`` both offer ``map_chunks(fn, items, *args)``: ``fn`` (a plain
module-level function of ``wiretrace.service.worker``) is applied to chunks of ``runner.chunk_size``
items, results come back in input order, and at most ``2 x workers`` chunks are in flight, so memory is
bounded by the window, not the input. A chunk whose worker died yields one ``Failure`` per item (code
W030, stage ``worker``) and the run goes on. ``open_workers`` builds the right one from CLI options.

Nothing here writes to the store: the caller (``service.ingest``) is the one writer.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from wiretrace.model import Failure
from wiretrace.runners.local import chunks, exit_with_parent, lost_items, resolve_workers
from wiretrace.settings import Settings

if TYPE_CHECKING:
    from distributed import Client

R = TypeVar("R")
ChunkFn = Callable[..., list[R]]


class LocalWorkers:
    """A spawn-started process pool, kept across calls; small inputs run in this process instead
    (``runner.min_parallel``: starting a worker costs a model load, more than a few dozen articles)."""

    def __init__(self, settings: Settings, workers: int = 0) -> None:
        self.settings = settings
        self.workers = resolve_workers(workers)
        self._pool: ProcessPoolExecutor | None = None

    def map_chunks(self, fn: ChunkFn[R], items: Iterable[Any], *args: Any) -> Iterator[R | Failure]:
        stream = iter(items)
        if self._pool is None:
            head = list(itertools.islice(stream, self.settings.runner.min_parallel))
            if self.workers <= 1 or len(head) < self.settings.runner.min_parallel:
                if head:
                    yield from fn(head, *args)
                yield from (r for c in chunks(stream, self.settings.runner.chunk_size) for r in fn(c, *args))
                return
            stream = itertools.chain(head, stream)
            self._pool = self._new_pool()
        window = 2 * self.workers
        pending: deque[tuple[list[Any], Future[list[R]]]] = deque()
        for chunk in itertools.chain(chunks(stream, self.settings.runner.chunk_size), [None]):
            if chunk is not None:
                pending.append((chunk, self._pool.submit(fn, chunk, *args)))
                if len(pending) < window:
                    continue
            while pending and (chunk is None or len(pending) >= window):
                done, future = pending.popleft()
                try:
                    yield from future.result()
                except BrokenProcessPool as exc:  # killed or out of memory: its chunk fails, the rest goes on
                    yield from lost_items(done, str(exc) or "killed")
                    self._pool.shutdown(wait=False, cancel_futures=True)
                    self._pool = self._new_pool()
                    pending = deque((c, self._pool.submit(fn, c, *args)) for c, _ in pending)

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


class ClusterWorkers:
    """The same over a Dask cluster; Dask itself retries a task whose worker was lost (up to its
    ``allowed-failures``), after which the chunk's items are failures."""

    def __init__(self, settings: Settings, client: Client) -> None:
        self.settings = settings
        self.client = client

    def map_chunks(self, fn: ChunkFn[R], items: Iterable[Any], *args: Any) -> Iterator[R | Failure]:
        window = 2 * max(1, len(self.client.scheduler_info().get("workers", {})))
        pending: deque[tuple[list[Any], Any]] = deque()
        for chunk in itertools.chain(chunks(iter(items), self.settings.runner.chunk_size), [None]):
            if chunk is not None:
                # pure=False: two equal chunks are still two pieces of work with their own results.
                pending.append((chunk, self.client.submit(fn, chunk, *args, pure=False)))
                if len(pending) < window:
                    continue
            while pending and (chunk is None or len(pending) >= window):
                done, future = pending.popleft()
                try:
                    yield from future.result()
                except Exception as exc:  # a worker lost for good (or a bug): only its chunk fails
                    yield from lost_items(done, f"{type(exc).__name__}: {exc}")

    def close(self) -> None:
        cluster = getattr(self.client, "cluster", None)  # set when we started a LocalCluster
        self.client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()


@contextmanager
def open_workers(
    settings: Settings, *, workers: int | None = None, cluster: str | None = None
) -> Iterator[LocalWorkers | ClusterWorkers | None]:
    """``cluster`` (``local:N`` or ``tcp://host:port``) wins over ``workers``; ``None`` means run in
    this process (one worker). ``workers=None`` takes ``settings.runner.workers`` (0: every core)."""
    from wiretrace.runners.dask_cluster import connect

    runner: LocalWorkers | ClusterWorkers | None = None
    if cluster:
        runner = ClusterWorkers(settings, connect(cluster, timeout=settings.runner.connect_timeout))
    else:
        n = resolve_workers(settings.runner.workers if workers is None else workers)
        runner = LocalWorkers(settings, n) if n > 1 else None
    try:
        yield runner
    finally:
        if runner is not None:
            runner.close()
