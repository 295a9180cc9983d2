"""Choose where ingest's chunk functions run: this process, a local pool, or a Dask cluster.

Nothing here writes to the store: the caller (``service.ingest``) is the one writer.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from wiretrace.runners.dask_cluster import ClusterWorkers, connect
from wiretrace.runners.pool import LocalWorkers, resolve_workers
from wiretrace.settings import Settings


@contextmanager
def open_workers(
    settings: Settings, *, workers: int | None = None, cluster: str | None = None
) -> Iterator[LocalWorkers | ClusterWorkers | None]:
    """``cluster`` (``local:N`` or ``tcp://host:port``) wins over ``workers``; ``None`` means run in
    this process (one worker). ``workers=None`` takes ``settings.runner.workers`` (0: every core)."""
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
