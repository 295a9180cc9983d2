"""Analyse a stream of articles on a Dask cluster: ``local:N`` for a LocalCluster, or a scheduler address.

The unit of work is a partition (a list of articles); the per-partition function is plain Python
(``analyze_partition``), so a Spark or Ray adapter would only replace the submission loop. Each worker
builds one ``Pipeline`` per settings value and reuses it for every partition it gets. Results come back
to the submitting process in input order, and reach the store there through its one writer: a store
write is one transaction per batch keyed by content hash, which keeps ingest idempotent and resumable
without a second, bulk-load path (per-partition Parquet would need its own dedup and failure bookkeeping).
At most ``2 x workers`` partitions are in flight, so the client's memory is bounded.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from wiretrace.errors import RunnerError
from wiretrace.model import Analysis, Article, Failure
from wiretrace.runners.pool import ChunkFn, analyze_partition, chunks, in_order
from wiretrace.settings import Settings

if TYPE_CHECKING:
    from distributed import Client

Item = Article | Failure
Result = Analysis | Failure
R = TypeVar("R")


class ClusterError(RunnerError):
    """The cluster cannot be started or reached, or its workers cannot run wiretrace (W060)."""


def connect(cluster: str, *, timeout: float = 10.0) -> Client:
    """``local:N`` starts a LocalCluster of N single-threaded worker processes; anything else is a
    scheduler address such as ``tcp://10.0.0.5:8786``. Waits up to ``timeout`` seconds for the
    scheduler and for one worker, then checks every worker can import this wiretrace version."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dask is a declared dependency
        raise ClusterError("Dask is not installed: pip install 'dask[distributed]'") from exc
    if cluster.startswith("local"):
        _, _, count = cluster.partition(":")
        try:
            n = int(count) if count else 2
        except ValueError:
            n = 0
        if n < 1:
            raise ClusterError(f"--cluster {cluster!r}: expected local:N with N a number of workers (>= 1)")
        local = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        )
        return Client(local)  # type: ignore[no-untyped-call]
    try:
        client = Client(cluster, timeout=timeout)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {cluster!r}: {exc}") from None
    try:
        _check_workers(client, cluster, timeout)
    except BaseException:
        client.close()  # type: ignore[no-untyped-call]
        raise
    return client


def _check_workers(client: Client, cluster: str, timeout: float) -> None:
    """Fail before any work is sent when the scheduler has no workers or one runs another wiretrace."""
    from importlib.metadata import version

    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError:
        raise ClusterError(
            f"the Dask scheduler at {cluster!r} has no workers (start some: dask worker {cluster})"
        ) from None
    mine = version("wiretrace")
    try:
        theirs: dict[str, str] = client.run(version, "wiretrace")
    except Exception as exc:  # whatever a worker raised (no wiretrace there), report it in one line
        raise ClusterError(
            f"a Dask worker of {cluster!r} cannot run wiretrace ({type(exc).__name__}: {exc});"
            " install the same wiretrace on every worker"
        ) from None
    other = {w: v for w, v in theirs.items() if v != mine}
    if other:
        worker, v = next(iter(other.items()))
        raise ClusterError(
            f"Dask worker {worker} runs wiretrace {v}, this is {mine}: install the same version everywhere"
        )


def analyze_on_cluster(
    items: Iterable[Item],
    settings: Settings,
    client: Client,
    *,
    stages: Sequence[str],
    exclude: Sequence[str] = (),
) -> Iterator[Result]:
    """Analyse ``items`` in input order on the cluster behind ``client``."""
    return ClusterAnalyzer(settings, client, stages=stages, exclude=exclude).analyze_many(items)


class ClusterWorkers:
    """``LocalWorkers.map_chunks`` over a Dask cluster. Dask itself retries a task whose worker was lost
    (up to its ``allowed-failures``), after which the chunk's items are failures."""

    def __init__(self, settings: Settings, client: Client) -> None:
        self.settings = settings
        self.client = client

    def map_chunks(self, fn: ChunkFn[R], items: Iterable[Any], *args: Any) -> Iterator[R | Failure]:
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        window = 2 * workers

        def submit(chunk: list[Any]) -> Any:
            # pure=False: two equal chunks are still two pieces of work with their own results.
            return self.client.submit(fn, chunk, *args, pure=False)

        # Any exception: a worker lost for good (or a bug) fails only its chunk.
        parts = chunks(iter(items), self.settings.runner.chunk_size, workers)
        yield from in_order(submit, parts, window, lost=Exception)

    def close(self) -> None:
        cluster = getattr(self.client, "cluster", None)  # set when we started a LocalCluster
        self.client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()


class ClusterAnalyzer:
    """``Pipeline.analyze_many(..., on_error="record")`` over a Dask cluster, for the service layer."""

    def __init__(
        self, settings: Settings, client: Client, *, stages: Sequence[str], exclude: Sequence[str] = ()
    ) -> None:
        self.workers = ClusterWorkers(settings, client)
        self._args = (settings.model_dump_json(), tuple(stages), tuple(exclude))

    def analyze_many(self, items: Iterable[Item], *, on_error: str = "record") -> Iterator[Result]:
        if on_error != "record":
            raise ValueError("cluster workers record failures per document; use on_error='record'")
        return self.workers.map_chunks(analyze_partition, items, *self._args)
