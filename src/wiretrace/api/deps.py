"""What the HTTP edge needs from the library, composed from ``wiretrace.service`` calls only.

The library is synchronous; the server is async. Blocking work runs in thread pools here:

- one *analysis* thread owns the pipeline (spaCy loads once) and its store connection for tracing, so
  analyses run one at a time (the machine's cores go to spaCy, not to lock contention);
- a few *read* threads each keep their own read-only store connection (a SQLite connection belongs to
  the thread that opened it), so search and page views do not wait behind an analysis.

Functions the service does not offer as such are thin compositions of its calls, noted where they are.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from wiretrace import service
from wiretrace.api.models import AnalyzeRequest, IngestRequest, IngestResult
from wiretrace.errors import ExtractError, IngestError, WiretraceError
from wiretrace.model import Analysis, Article, Failure, QuoteGroup, QuoteMember, Story
from wiretrace.settings import Settings

if TYPE_CHECKING:
    from wiretrace.analyze.pipeline import Pipeline
    from wiretrace.corpus.store import Store
    from wiretrace.corpus.types import DeleteResult, QuoteRow

R = TypeVar("R")


class NoCorpus(WiretraceError):
    """The server was started without a store, so stored articles, search and speakers do not exist."""

    code = "W084"


@dataclass(frozen=True, slots=True)
class SourcePassage:
    """An article passage beside the passage of the source it was traced to."""

    match_index: int
    source_id: str
    source_title: str | None
    source_outlet: str | None
    source_published: dt.date | None
    article_text: str
    source_text: str | None


class Backend:
    """The server's handle on the library: settings, an optional store URL, the pools."""

    def __init__(
        self,
        settings: Settings,
        db_url: str | None = None,
        *,
        pipeline: Pipeline | None = None,
        read_threads: int = 4,
    ) -> None:
        self.settings = settings
        self.db_url = db_url
        self._read_threads = read_threads
        self._analysis_pool: ThreadPoolExecutor | None = None
        self._read_pool: ThreadPoolExecutor | None = None
        self._local = threading.local()
        self._pipeline: Pipeline | None = pipeline  # a caller's own (tests share one); else built once
        self._analysis_store: Store | None = None

    @property
    def has_corpus(self) -> bool:
        return self.db_url is not None

    def close(self) -> None:
        """Stop the pools (at server shutdown); they start again on the next request."""
        for pool in (self._analysis_pool, self._read_pool):
            if pool is not None:
                pool.shutdown(wait=True)
        self._analysis_pool = self._read_pool = None
        self._local = threading.local()  # read threads are gone, and with them their connections

    # -- running blocking work -------------------------------------------------------------------------

    async def read(self, fn: Callable[[Store], R]) -> R:
        """Run ``fn(store)`` on a read thread with that thread's own read-only store."""
        loop = asyncio.get_running_loop()
        if self._read_pool is None:
            self._read_pool = ThreadPoolExecutor(self._read_threads, thread_name_prefix="wiretrace-read")
        return await loop.run_in_executor(self._read_pool, lambda: fn(self._read_store()))

    async def analysis(self, fn: Callable[[], R]) -> R:
        loop = asyncio.get_running_loop()
        if self._analysis_pool is None:
            self._analysis_pool = ThreadPoolExecutor(1, thread_name_prefix="wiretrace-analyse")
        return await loop.run_in_executor(self._analysis_pool, fn)

    def _read_store(self) -> Store:
        if self.db_url is None:
            raise NoCorpus("this server has no corpus: start it with `wiretrace serve --db URL`")
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = service.open_corpus(self.db_url, self.settings, create=False, read_only=True)
            self._local.store = store
        return store

    # -- analysis (on the analysis thread) -------------------------------------------------------------

    def pipeline(self) -> Pipeline:
        """The one pipeline, tracing against the corpus when there is one (built on first use)."""
        if self._pipeline is None:
            index = None
            if self.db_url is not None:
                from wiretrace.reuse.index import Index  # the public `wiretrace.Index`, built once here

                self._analysis_store = self._write_store()
                index = Index(self._analysis_store, self.settings)
            self._pipeline = service.build_pipeline(self.settings, index=index)
        return self._pipeline

    def _write_store(self) -> Store:
        """The analysis thread's read-write store (the index traces against it; writes go through it)."""
        if self.db_url is None:
            raise NoCorpus("this server has no corpus to write to: start it with `wiretrace serve --db URL`")
        if self._analysis_store is None:
            self._analysis_store = service.open_corpus(self.db_url, self.settings, create=False)
        return self._analysis_store

    def delete(self, ids: list[str]) -> DeleteResult:
        """Delete stored articles (on the analysis thread, so the open index sees it before its next
        trace). The read threads' connections see the commit on their next query."""
        return service.delete_articles(self._write_store(), ids)

    def analyse(self, request: AnalyzeRequest) -> Analysis:
        article = self.article_of(request)
        (result,) = list(service.analyse([article], self.settings, pipeline=self.pipeline()))
        if isinstance(result, Failure):
            raise ExtractError(result.error)
        return result

    def ingest(self, request: IngestRequest) -> IngestResult:
        """Store (and analyse, and trace against the corpus) the given articles; a bad one is reported
        in ``failures`` and the others are stored."""
        if self.db_url is None:
            raise NoCorpus("this server has no corpus to write to: start it with `wiretrace serve --db URL`")
        pipe = self.pipeline()
        items: list[Article | Failure] = []
        for i, r in enumerate(request.articles):
            try:
                items.append(self.article_of(r))
            except WiretraceError as exc:
                items.append(Failure(id=None, source=f"articles[{i}]", error=exc.message, code=exc.code))
        assert self._analysis_store is not None
        report = service.ingest_items(
            self._analysis_store,
            items,
            self.settings,
            analyse=request.analyse,
            trace=request.analyse,
            pipeline=pipe if request.analyse else None,
        )
        return IngestResult(
            added=report.added,
            updated=report.updated,
            unchanged=report.unchanged,
            duplicates=report.duplicates,
            analysed=report.analysed,
            failures=report.failures,
            seconds=round(report.seconds, 3),
        )

    def article_of(self, request: AnalyzeRequest) -> Article:
        """An Article from a request. Composition: the service analyses Articles, so text and HTML are
        turned into one with the library's extract functions and a URL goes through the ingest fetch."""
        meta = {
            "title": request.title,
            "outlet": request.outlet,
            "published": request.published.isoformat() if request.published else None,
        }
        if request.text is not None:
            from wiretrace import article_from_text

            return article_from_text(request.text, **meta)
        if request.html is not None:
            from wiretrace.extract import article_from_html

            return article_from_html(request.html, "request", {k: v for k, v in meta.items() if v})
        assert request.url is not None
        return fetch_article(request.url, self.settings, {k: v for k, v in meta.items() if v})


def fetch_article(url: str, settings: Settings, metadata: dict[str, str]) -> Article:
    """Fetch one URL through the ingest package's guarded fetcher (public addresses only, size and
    redirect caps from ``settings.fetch``) and extract it. Composition: the service reads sources by
    name, and a name that is not an http(s) URL would be read as a local path, so that is refused first."""
    from wiretrace.extract import iter_articles
    from wiretrace.ingest import ReadContext
    from wiretrace.ingest.urls import is_url

    if not is_url(url):
        raise IngestError(f"{url[:200]!r} is not an http(s) URL")
    with ReadContext(ingest=settings.ingest, fetch=settings.fetch) as ctx:
        items = list(iter_articles([url.strip()], context=ctx))
    if not items:
        raise ExtractError(f"{url}: no article found")
    first = items[0]
    if isinstance(first, Failure):
        raise IngestError(first.error)
    updates = {k: v for k, v in metadata.items() if v and k in ("title", "outlet")}
    return first.model_copy(update=updates) if updates else first


# -- reads (each takes the store first, so routes pass them to Backend.read) -----------------------------


def source_passages(store: Store, analysis: Analysis) -> list[SourcePassage]:
    """Each match with the text of its source passage. Composition of ``service.get_article``."""
    sources: dict[str, Article | None] = {}
    out: list[SourcePassage] = []
    for i, m in enumerate(analysis.matches):
        if m.source_id not in sources:
            sources[m.source_id] = service.get_article(store, m.source_id)
        src = sources[m.source_id]
        out.append(
            SourcePassage(
                match_index=i,
                source_id=m.source_id,
                source_title=src.title if src else None,
                source_outlet=src.outlet if src else None,
                source_published=m.source_published or (src.published if src else None),
                article_text=analysis.text_of(m.span),
                source_text=m.source_span.of(src.text) if src else None,
            )
        )
    return out


def stored_view(store: Store, article_id: str) -> tuple[Analysis, list[SourcePassage], str | None] | None:
    """A stored article's analysis (or the bare article), its source passages and its story id.
    Composition of ``get_analysis``/``get_article`` and ``story_assignments`` (a scan: the service has
    no per-article lookup yet)."""
    analysis = service.get_analysis(store, article_id)
    if analysis is None:
        article = service.get_article(store, article_id)
        if article is None:
            return None
        analysis = Analysis(article=article)
    story = next((s for a, s in service.story_assignments(store) if a == article_id), None)
    return analysis, source_passages(store, analysis), story


def page(items: list[Any], limit: int, offset: int) -> tuple[list[Any], int | None]:
    """Trim a ``limit + 1`` fetch to ``limit`` and say where the next page starts."""
    more = len(items) > limit
    return items[:limit], (offset + limit if more else None)


# The store lists a speaker's quotes newest first and has no offset; the pages show them earliest first,
# so this composition reads up to this many and orders them (a store-side order would lift the cap).
SPEAKER_QUOTES_CAP = 5000


def speaker_quotes(
    store: Store, speaker: str, since: dt.date | None, until: dt.date | None, limit: int, offset: int
) -> list[QuoteRow]:
    """A speaker's stored quotes, earliest first. Composition of ``service.quotes_by``."""
    rows = service.quotes_by(store, speaker, since=since, until=until, limit=SPEAKER_QUOTES_CAP)
    rows.sort(key=lambda r: (r.published or dt.date.max, r.article_id, r.start))
    return rows[offset : offset + limit]


@dataclass(frozen=True, slots=True)
class MemberText:
    """One appearance of a grouped quote with its words (cut from its stored article)."""

    member: QuoteMember
    text: str | None
    title: str | None


def quote_group_view(store: Store, group_id: str) -> tuple[QuoteGroup, list[MemberText]] | None:
    """A quote group with each member's words, earliest first. Composition of ``service.get_quote_group``
    and ``service.get_article``."""
    group = service.get_quote_group(store, group_id)
    if group is None:
        return None
    out: list[MemberText] = []
    for m in sorted(
        group.members, key=lambda m: (m.published or dt.date.max, m.article_id != group.earliest)
    ):
        article = service.get_article(store, m.article_id)
        out.append(
            MemberText(m, m.span.of(article.text) if article else None, article.title if article else None)
        )
    return group, out


def story_view(store: Store, story_id: str) -> tuple[Story, list[QuoteGroup]] | None:
    """A story with its quote groups. Composition of ``service.get_story`` and ``get_quote_group``."""
    story = service.get_story(store, story_id)
    if story is None:
        return None
    groups = [g for g in (service.get_quote_group(store, q) for q in story.quotes) if g is not None]
    return story, groups
