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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from wiretrace.corpus.keys import canonical_url, content_hash
from wiretrace.corpus.store import Store
from wiretrace.errors import WiretraceError
from wiretrace.model import Analysis, Article, Failure
from wiretrace.settings import Settings

if TYPE_CHECKING:
    from wiretrace.analyze.pipeline import Pipeline
    from wiretrace.ingest.context import ReadContext
    from wiretrace.reuse.index import Index


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
) -> IngestReport:
    """Read every source (anything ``analyze`` reads, plus the formats of ``wiretrace.ingest``) into the
    store. ``analyse=False`` stores and fingerprints only; ``trace=True`` also traces each new article
    against those already stored (its matches are stored with its analysis). ``kind`` forces a reader
    (``wiretrace.ingest.KINDS``); ``context`` carries reader and fetch settings (CSV columns, the fetch
    guard), made from ``settings`` when not given."""
    from wiretrace.extract import iter_articles
    from wiretrace.ingest.context import ReadContext

    settings = settings or Settings.from_env()
    total = estimate_total(sources) if kind is None else None
    ctx = context or ReadContext(ingest=settings.ingest, fetch=settings.fetch)
    with ctx:
        return ingest_items(
            store,
            iter_articles(sources, kind=kind, context=ctx),
            settings,
            analyse=analyse,
            trace=trace,
            pipeline=pipeline,
            progress=progress,
            total=total,
        )


def index(
    store: Store,
    sources: Sequence[str | Path],
    settings: Settings | None = None,
    *,
    progress: Callable[[IngestProgress], None] | None = None,
) -> IngestReport:
    """Store and fingerprint articles for the reuse index, without analysing them (``index add``)."""
    return ingest(store, sources, settings, analyse=False, progress=progress)


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
) -> IngestReport:
    """``ingest`` over articles already read (what the HTTP API and the runners pass in)."""
    from wiretrace.reuse.index import Index

    settings = settings or Settings.from_env()
    idx = Index(store, settings.reuse)
    pipe = pipeline
    if pipe is None and (analyse or trace):
        from wiretrace.service.analysis import build_pipeline

        pipe = build_pipeline(settings, index=idx if trace else None, full=analyse)
    report = IngestReport()
    state = IngestProgress(total=total)
    started = time.monotonic()
    stream = iter(items)
    while batch := list(islice(stream, settings.store.batch_size)):
        _ingest_batch(store, idx, pipe, batch, report)
        state.done += len(batch)
        for name in ("added", "updated", "unchanged", "duplicates", "analysed"):
            setattr(state, name, getattr(report, name))
        state.failed = len(report.failures)
        if progress:
            progress(state)
    report.seconds = time.monotonic() - started
    return report


def _ingest_batch(
    store: Store, idx: Index, pipe: Pipeline | None, batch: list[Article | Failure], report: IngestReport
) -> None:
    from wiretrace.reuse.index import FINGERPRINT_VERSION, check_storable

    failures: list[Failure] = []
    articles: dict[str, Article] = {}
    for item in batch:
        if isinstance(item, Failure):
            failures.append(item)
            continue
        try:
            check_storable(item)
        except WiretraceError as exc:
            failures.append(Failure.of(exc, id=item.id, source=item.source or item.url or item.id))
            continue
        articles[item.id] = item  # the last copy of an id in a batch wins, as across batches
    known = store.known(
        list(articles),
        [u for a in articles.values() if (u := canonical_url(a.url))],
        [content_hash(a) for a in articles.values()],
        FINGERPRINT_VERSION,
    )
    by_id = {k.id: k for k in known}
    todo: list[Article] = []
    for a in articles.values():
        k = by_id.get(a.id)
        if (
            k is not None
            and k.content_hash == content_hash(a)
            and k.fingerprinted
            and (k.analysed or pipe is None)
        ):
            report.unchanged += 1
        else:
            todo.append(a)
    analyses: dict[str, Analysis] = {}
    if pipe is not None and todo:
        for a, outcome in zip(todo, pipe.analyze_many(todo, on_error="record"), strict=True):
            if isinstance(outcome, Failure):
                failures.append(
                    outcome.model_copy(update={"id": a.id, "source": outcome.source or a.source or a.id})
                )
            else:
                analyses[a.id] = outcome
    # An analysed article carries what the pipeline learnt about it (its language): store that copy.
    items = [idx.item(analyses[a.id].article if a.id in analyses else a, analyses.get(a.id)) for a in todo]
    result = store.write(items, FINGERPRINT_VERSION)
    report.added += result.count("added")
    report.updated += result.count("updated")
    report.unchanged += result.count("unchanged")
    report.duplicates += result.count("duplicate")
    report.analysed += result.count("analysed")
    if failures:
        store.record_failures(failures)
        report.failures.extend(failures)


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
