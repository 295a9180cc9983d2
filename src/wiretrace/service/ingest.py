"""Ingest: read sources, analyse what is new, fingerprint it for the reuse index, store it.

Idempotent and resumable. Each batch of ``store.batch_size`` articles is one store transaction, so a
run killed at any point keeps every committed batch and nothing of the next; running it again skips
what is stored (same id or canonical URL with the same content hash) and adds the rest. The rule for
changed content is **last write wins**: a record whose id or canonical URL is stored with other content
replaces the stored article, its analysis and its fingerprint (counted as ``updated``). A record with
the same content hash as a stored article under another id is a ``duplicate`` and is not stored again.
Failures (unreadable records, articles with no text, analyses that failed) are recorded in the store,
one row per document however often it fails, and listed by ``wiretrace failures``.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from wiretrace.corpus.keys import canonical_url, content_hash
from wiretrace.corpus.store import Store
from wiretrace.errors import WiretraceError
from wiretrace.model import Analysis, Article, Failure
from wiretrace.settings import Settings

if TYPE_CHECKING:
    from wiretrace.analyze.pipeline import Pipeline
    from wiretrace.corpus.types import BatchItem
    from wiretrace.ingest.context import ReadContext
    from wiretrace.reuse.index import Index

_R = TypeVar("_R")


class Workers(Protocol):
    """Where ingest's per-document work runs (``wiretrace.runners.workers`` builds them): ``fn`` (a
    function of ``wiretrace.service.worker``) over chunks of ``items``, results in input order; a chunk
    whose worker died yields one ``Failure`` per item.

    The store is written only by the caller, from this process: one writer keeps SQLite safe (no
    second writing process) and keeps one code path for dedup counting and for recovery after kill -9
    (each batch is one transaction). At the measured rates shipping results to that one writer is not
    the bottleneck, so a per-partition Parquet bulk-load (with its own dedup) was not needed."""

    def map_chunks(
        self, fn: Callable[..., list[_R]], items: Iterable[Any], *args: Any
    ) -> Iterator[_R | Failure]: ...


@dataclass
class IngestProgress:
    """Counts so far, passed to the progress callback after every batch."""

    done: int = 0
    total: int | None = None  # estimated from the sources when they can be counted cheaply
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    analysed: int = 0
    failed: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def rate(self) -> float:
        """Documents per second since the start."""
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0


@dataclass
class IngestReport:
    """What an ingest did. ``failures`` are this run's; the store keeps them too."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    analysed: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def seen(self) -> int:
        return (
            self.added + self.updated + self.unchanged + self.duplicates + self.analysed + len(self.failures)
        )

    def summary(self) -> str:
        return (
            f"{self.added} added, {self.updated} updated (last write wins), {self.unchanged} unchanged, "
            f"{self.analysed} analysed, {self.duplicates} duplicates, {len(self.failures)} failed"
        )


def ingest(
    store: Store,
    sources: Sequence[str | Path],
    settings: Settings | None = None,
    *,
    analyse: bool = True,
    trace: bool = False,
    pipeline: Pipeline | None = None,
    progress: Callable[[IngestProgress], None] | None = None,
    kind: str | None = None,
    context: ReadContext | None = None,
    workers: Workers | None = None,
) -> IngestReport:
    """Read every source (anything ``analyze`` reads, plus the formats of ``wiretrace.ingest``) into the
    store. ``analyse=False`` stores and fingerprints only; ``trace=True`` also traces each new article
    against those already stored (its matches are stored with its analysis). ``kind`` forces a reader
    (``wiretrace.ingest.KINDS``); ``context`` carries reader and fetch settings (CSV columns, the fetch
    guard), made from ``settings`` when not given. With ``workers`` (a local process pool or a Dask
    cluster) extraction, analysis and fingerprinting run on the workers; reading the sources and
    writing the store stay here. Tracing reads the store, so ``trace=True`` runs in this process."""
    from wiretrace.extract import iter_articles
    from wiretrace.ingest.context import ReadContext

    settings = settings or Settings.from_env()
    total = estimate_total(sources) if kind is None else None
    ctx = context or ReadContext(ingest=settings.ingest, fetch=settings.fetch)
    with ctx:
        articles: Iterable[Article | Failure]
        if workers is not None and not trace:
            from wiretrace.service.worker import extract_chunk

            articles = workers.map_chunks(extract_chunk, _read_raw(sources, kind, ctx))
        else:
            articles = iter_articles(sources, kind=kind, context=ctx)
        return ingest_items(
            store,
            articles,
            settings,
            analyse=analyse,
            trace=trace,
            pipeline=pipeline,
            progress=progress,
            total=total,
            workers=workers,
        )


def _read_raw(sources: Sequence[str | Path], kind: str | None, ctx: ReadContext) -> Iterator[Any]:
    """Read documents without extracting them (``iter_articles`` minus its extraction step)."""
    from wiretrace.ingest import read_source

    for source in sources:
        yield from read_source(source, kind=kind, context=ctx)


def index(
    store: Store,
    sources: Sequence[str | Path],
    settings: Settings | None = None,
    *,
    progress: Callable[[IngestProgress], None] | None = None,
    kind: str | None = None,
) -> IngestReport:
    """Store and fingerprint articles for the reuse index, without analysing them (``index add``)."""
    return ingest(store, sources, settings, analyse=False, progress=progress, kind=kind)


def ingest_items(
    store: Store,
    items: Iterable[Article | Failure],
    settings: Settings | None = None,
    *,
    analyse: bool = True,
    trace: bool = False,
    pipeline: Pipeline | None = None,
    progress: Callable[[IngestProgress], None] | None = None,
    total: int | None = None,
    workers: Workers | None = None,
) -> IngestReport:
    """``ingest`` over articles already read (what the HTTP API and the runners pass in); ``workers``
    as for ``ingest`` (analysis and fingerprinting there; not with ``trace``)."""
    from wiretrace.reuse.index import Index

    settings = settings or Settings.from_env()
    idx = Index(store, settings)
    pipe = pipeline
    remote = None if trace or workers is None else _Remote(workers, settings.model_dump_json(), analyse)
    if remote is None and pipe is None and (analyse or trace):
        from wiretrace.service.analysis import build_pipeline

        pipe = build_pipeline(settings, index=idx if trace else None, full=analyse)
    report = IngestReport()
    state = IngestProgress(total=total)
    started = time.monotonic()
    stream = iter(items)
    while batch := list(islice(stream, settings.store.batch_size)):
        _ingest_batch(store, idx, pipe, batch, report, remote)
        state.done += len(batch)
        for name in ("added", "updated", "unchanged", "duplicates", "analysed"):
            setattr(state, name, getattr(report, name))
        state.failed = len(report.failures)
        if progress:
            progress(state)
    report.seconds = time.monotonic() - started
    return report


@dataclass(frozen=True)
class _Remote:
    """Analysis (when ``analyse``) and fingerprinting on workers, in place of the pipeline here."""

    workers: Workers
    settings_json: str
    analyse: bool


def _ingest_batch(
    store: Store,
    idx: Index,
    pipe: Pipeline | None,
    batch: list[Article | Failure],
    report: IngestReport,
    remote: _Remote | None = None,
) -> None:
    from wiretrace.reuse.index import FINGERPRINT_VERSION, check_storable

    failures: list[Failure] = []
    articles: list[Article] = []
    for item in batch:
        if isinstance(item, Failure):
            failures.append(item)
            continue
        try:
            check_storable(item)
        except WiretraceError as exc:
            failures.append(Failure.of(exc, id=item.id, source=item.source or item.url or item.id))
            continue
        articles.append(item)  # every copy goes on: the store applies them in order (last wins)
    known = store.known(
        list(dict.fromkeys(a.id for a in articles)),
        [u for a in articles if (u := canonical_url(a.url))],
        [content_hash(a) for a in articles],
        FINGERPRINT_VERSION,
    )
    by_id = {k.id: k for k in known}
    repeated = {i for i, n in Counter(a.id for a in articles).items() if n > 1}
    todo: list[Article] = []
    for a in articles:
        k = by_id.get(a.id)
        if (
            k is not None
            and a.id not in repeated  # a repeated id is decided by the store, record by record
            and k.content_hash == content_hash(a)
            and k.fingerprinted
            and (k.analysed or (pipe is None and not (remote and remote.analyse)))
        ):
            report.unchanged += 1
        else:
            todo.append(a)
    analyses: dict[int, Analysis] = {}  # by position in todo: an id may occur twice
    if pipe is not None and todo:
        for n, (a, outcome) in enumerate(zip(todo, pipe.analyze_many(todo, on_error="record"), strict=True)):
            if isinstance(outcome, Failure):
                failures.append(
                    outcome.model_copy(update={"id": a.id, "source": outcome.source or a.source or a.id})
                )
            else:
                analyses[n] = outcome
    # An analysed article carries what the pipeline learnt about it (its language): store that copy.
    items = (
        _prepared_remotely(remote, todo, failures)
        if remote is not None
        else [
            idx.item(analyses[n].article if n in analyses else a, analyses.get(n)) for n, a in enumerate(todo)
        ]
    )
    result = store.write(items, FINGERPRINT_VERSION)
    report.added += result.count("added")
    report.updated += result.count("updated")
    report.unchanged += result.count("unchanged")
    report.duplicates += result.count("duplicate")
    report.analysed += result.count("analysed")
    if failures:
        store.record_failures(failures)
        report.failures.extend(failures)


def _prepared_remotely(remote: _Remote, todo: list[Article], failures: list[Failure]) -> list[BatchItem]:
    """Analyses and fingerprints from the workers. An article whose worker died is not stored (a rerun
    retries it); one whose analysis failed is stored unanalysed with its failure, as in this process."""
    from wiretrace.corpus.keys import to_stored
    from wiretrace.corpus.types import BatchItem
    from wiretrace.service.worker import prepare_chunk

    items: list[BatchItem] = []
    outcomes = remote.workers.map_chunks(prepare_chunk, todo, remote.settings_json, remote.analyse)
    for a, outcome in zip(todo, outcomes, strict=True):
        if isinstance(outcome, Failure):
            failures.append(outcome)
            continue
        if outcome.failure is not None:
            source = outcome.failure.source or a.source or a.id
            failures.append(outcome.failure.model_copy(update={"id": a.id, "source": source}))
        items.append(BatchItem(to_stored(outcome.article), outcome.fingerprint, outcome.analysis))
    return items


def estimate_total(sources: Sequence[str | Path]) -> int | None:
    """Documents in the sources when that is cheap to know (line counts of JSONL files, files in a
    directory); None for streams, URLs and archives, where progress shows counts and rate only."""
    total = 0
    for source in sources:
        path = Path(source)
        if str(source) == "-" or not path.exists():
            return None
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        for f in files:
            suffix = f.suffix.lower()
            if suffix in (".jsonl", ".ndjson"):
                total += _count_lines(f)
            elif suffix in (".txt", ".text", ".md", ".html", ".htm", ".json"):
                total += 1
            else:
                return None
    return total


def _count_lines(path: Path) -> int:
    n = 0
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            n += block.count(b"\n")
    return n
