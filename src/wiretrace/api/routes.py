"""JSON routes under ``/api/v1``: each one validates, hands the work to ``Backend`` and returns a model."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request

from wiretrace import __version__, service
from wiretrace.api import deps
from wiretrace.api.deps import Backend
from wiretrace.api.models import (
    ERROR_RESPONSES,
    MAX_PAGE,
    AnalyzeRequest,
    DeleteResult,
    Health,
    IngestRequest,
    IngestResult,
    Page,
)
from wiretrace.api.security import limit_analyse, require_read, require_write
from wiretrace.corpus.types import QuoteRow, SearchHit
from wiretrace.errors import WiretraceError
from wiretrace.model import Analysis, Article, FlagLabel, QuoteGroup, Story

router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES)
reads = [Depends(require_read)]

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
ArticleId = Annotated[str, Path(min_length=1, max_length=300)]


class NotFound(WiretraceError):
    code = "W085"


def backend(request: Request) -> Backend:
    b: Backend = request.app.state.backend
    return b


BackendDep = Annotated[Backend, Depends(backend)]


@router.get("/health", tags=["meta"])
async def health(b: BackendDep) -> Health:
    """Liveness, and whether a corpus is attached."""
    return Health(status="ok", corpus=b.has_corpus, version=__version__)


@router.post("/analyze", tags=["analysis"], dependencies=[Depends(require_read), Depends(limit_analyse)])
async def analyze(body: AnalyzeRequest, b: BackendDep) -> Analysis:
    """Analyse one article (text, HTML or a URL): quotes, speakers, entities, dates, flags, and its
    provenance when the server has a corpus. Nothing is stored."""
    return await b.analysis(lambda: b.analyse(body))


@router.post("/ingest", tags=["corpus"], dependencies=[Depends(require_write)], status_code=200)
async def ingest(body: IngestRequest, b: BackendDep) -> IngestResult:
    """Store articles in the corpus, analysed and traced (``analyse: false`` stores and fingerprints only,
    as ``wiretrace index add`` does). Needs the API token."""
    return await b.analysis(lambda: b.ingest(body))


@router.get("/articles", tags=["corpus"], dependencies=reads)
async def list_articles(
    b: BackendDep,
    limit: Limit = 20,
    offset: Offset = 0,
    outlet: Annotated[str | None, Query(max_length=300)] = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Page[SearchHit]:
    """Stored articles, newest first."""
    return await _search(b, "", limit, offset, outlet=outlet, since=since, until=until)


@router.get("/articles/{article_id:path}/analysis", tags=["corpus"], dependencies=reads)
async def get_analysis(article_id: ArticleId, b: BackendDep) -> Analysis:
    """The stored analysis of one article."""
    analysis = await b.read(lambda s: service.get_analysis(s, article_id))
    if analysis is None:
        raise NotFound(f"no stored analysis for {article_id!r}")
    return analysis


@router.get("/articles/{article_id:path}", tags=["corpus"], dependencies=reads)
async def get_article(article_id: ArticleId, b: BackendDep) -> Article:
    """One stored article."""
    article = await b.read(lambda s: service.get_article(s, article_id))
    if article is None:
        raise NotFound(f"no stored article {article_id!r}")
    return article


@router.delete("/articles/{article_id:path}", tags=["corpus"], dependencies=[Depends(require_write)])
async def delete_article(article_id: ArticleId, b: BackendDep) -> DeleteResult:
    """Delete one stored article with its analysis, quotes, search entry, reuse fingerprints, story
    memberships and recorded failures (one transaction); a story left without articles goes too.
    Needs the API token; 404 when no article has this id."""
    result = await b.analysis(lambda: b.delete([article_id]))
    if not result.deleted:
        raise NotFound(f"no stored article {article_id!r}")
    return DeleteResult(deleted=list(result.deleted), stories_removed=list(result.stories_removed))


@router.get("/search", tags=["corpus"], dependencies=reads)
async def search(
    b: BackendDep,
    q: Annotated[str, Query(max_length=500, description='Words (all must occur) and "quoted phrases".')] = "",
    outlet: Annotated[str | None, Query(max_length=300)] = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    speaker: Annotated[str | None, Query(max_length=300)] = None,
    flag: FlagLabel | None = None,
    language: Annotated[str | None, Query(min_length=2, max_length=3, pattern="^[a-z]+$")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Page[SearchHit]:
    """Full-text search of the stored articles with filters, best first."""
    return await _search(
        b,
        q,
        limit,
        offset,
        outlet=outlet,
        since=since,
        until=until,
        speaker=speaker,
        flag=flag,
        language=language,
    )


async def _search(b: Backend, text: str, limit: int, offset: int, **filters: Any) -> Page[SearchHit]:
    hits = await b.read(lambda s: service.search(s, text, limit=limit + 1, offset=offset, **filters))
    items, next_offset = deps.page(hits, limit, offset)
    return Page[SearchHit](items=items, limit=limit, offset=offset, next_offset=next_offset)


@router.get("/quotes", tags=["corpus"], dependencies=reads)
async def quotes(
    b: BackendDep,
    speaker: Annotated[str, Query(min_length=1, max_length=300, description="Part of the speaker's name.")],
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[QuoteRow]:
    """Stored quotes whose speaker name contains ``speaker``, earliest first."""
    rows = await b.read(lambda s: deps.speaker_quotes(s, speaker, since, until, limit + 1, offset))
    items, next_offset = deps.page(rows, limit, offset)
    return Page[QuoteRow](items=items, limit=limit, offset=offset, next_offset=next_offset)


@router.get("/speakers/{name:path}/quotes", tags=["corpus"], dependencies=reads)
async def speaker_quotes(
    name: Annotated[str, Path(min_length=1, max_length=300)],
    b: BackendDep,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[QuoteRow]:
    """Everything one speaker said in the corpus, earliest first."""
    return await quotes(b, name, None, None, limit, offset)


@router.get("/stories", tags=["stories"], dependencies=reads)
async def stories(b: BackendDep, limit: Limit = 20, offset: Offset = 0) -> Page[Story]:
    """Stories: articles of several outlets that report one event."""
    found = await b.read(service.list_stories)
    items, next_offset = deps.page(found[offset : offset + limit + 1], limit, offset)
    return Page[Story](items=items, limit=limit, offset=offset, next_offset=next_offset)


@router.get("/stories/{story_id}", tags=["stories"], dependencies=reads)
async def story(story_id: ArticleId, b: BackendDep) -> Story:
    """One story: its timeline, outlets and quote groups."""
    found = await b.read(lambda s: service.get_story(s, story_id))
    if found is None:
        raise NotFound(f"no story {story_id!r}")
    return found


@router.get("/quote-groups", tags=["stories"], dependencies=reads)
async def quote_groups(b: BackendDep, limit: Limit = 20, offset: Offset = 0) -> Page[QuoteGroup]:
    """The same statement across the outlets of a story, with its variants."""
    found = await b.read(service.list_quote_groups)
    items, next_offset = deps.page(found[offset : offset + limit + 1], limit, offset)
    return Page[QuoteGroup](items=items, limit=limit, offset=offset, next_offset=next_offset)


@router.get("/quote-groups/{group_id}", tags=["stories"], dependencies=reads)
async def quote_group(group_id: ArticleId, b: BackendDep) -> QuoteGroup:
    """One quote group: every appearance, the earliest first."""
    found = await b.read(lambda s: service.get_quote_group(s, group_id))
    if found is None:
        raise NotFound(f"no quote group {group_id!r}")
    return found


@router.get("/stats", tags=["corpus"], dependencies=reads)
async def stats(b: BackendDep) -> dict[str, Any]:
    """Counts: articles, analysed, quotes, flags, matches, failures, date range."""
    result: dict[str, Any] = await b.read(service.stats)
    return result
