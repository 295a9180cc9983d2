"""Reading the corpus: open it, search it, list quotes, fetch one article or analysis, count, failures;
and removing articles from it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from wiretrace.corpus.store import Store, open_store
from wiretrace.corpus.types import DeleteResult, FailureRecord, QuoteRow, SearchHit, SearchQuery
from wiretrace.model import Analysis, Article
from wiretrace.settings import Settings


def open_corpus(
    url: str | None = None,
    settings: Settings | None = None,
    *,
    create: bool = True,
    read_only: bool = False,
) -> Store:
    """Open the store at ``url`` (``sqlite:///path``, a plain path, or ``postgresql://...``).

    Without a URL, the setting ``store.url`` is used. ``create=False`` refuses a store that does not
    exist yet; ``read_only=True`` opens it for reading only (writes then raise ``StoreError``). A file
    that belongs to another application, or holds something other than a database, is refused.
    """
    target = url or (settings or Settings.from_env()).store.url
    return open_store(target, create=create, read_only=read_only)


def search(store: Store, query: SearchQuery | str, **filters: Any) -> list[SearchHit]:
    """Articles matching ``query`` (words all present, "quoted phrases" as written), best first.

    ``filters`` are the other ``SearchQuery`` fields (outlet, since, until, speaker, flag, language,
    limit, offset) when ``query`` is a string.
    """
    q = SearchQuery(text=query, **filters) if isinstance(query, str) else query
    return store.search(q)


def quotes_by(
    store: Store,
    speaker: str,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 100,
) -> list[QuoteRow]:
    """Stored quotes whose speaker name contains ``speaker`` (case-insensitive), newest article first."""
    return store.quotes_by(speaker, since=since, until=until, limit=limit)


def get_article(store: Store, article_id: str) -> Article | None:
    """The stored article with this id, or None."""
    return store.get_article(article_id)


def get_analysis(store: Store, article_id: str) -> Analysis | None:
    """The stored analysis of this article (as ``analyze`` produced it), or None if it has none."""
    return store.get_analysis(article_id)


def stats(store: Store) -> dict[str, Any]:
    """Counts: articles, analysed, quotes, flags, matches, failures, date range, backend details."""
    return store.stats()


def failures(store: Store, *, limit: int | None = None) -> list[FailureRecord]:
    """Documents that failed to be read, extracted or analysed, most recent first; one row each."""
    return store.failures(limit=limit)


def delete_articles(store: Store, ids: Sequence[str]) -> DeleteResult:
    """Remove stored articles by id, in one transaction: each with its analysis, quotes, full-text entry,
    reuse fingerprints, story and quote-group memberships (a story left empty is removed) and the
    failures recorded under its id. An open reuse index drops them before its next trace. Ids that are
    not stored come back in ``unknown``; nothing else changes for them."""
    ids = [i for i in dict.fromkeys(ids) if i]
    return store.delete(ids)
