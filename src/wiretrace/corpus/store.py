"""The corpus store: small interfaces, one ``Store`` that has them all, and ``open_store(url)``.

``open_store`` picks the backend from the URL scheme: ``sqlite:///path`` or a plain path opens
``corpus/sqlite/``, ``postgresql://...`` opens ``corpus/postgres/``. The backends hold all the SQL; the
service layer and the reuse index only call the methods below. Errors are ``StoreError`` (W050): a store
that is full, read-only, corrupted or not a wiretrace store says so in one line, and a failed write
leaves nothing of itself behind (each batch is one transaction).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol, Self, runtime_checkable
from urllib.parse import parse_qs, urlsplit

from wiretrace.corpus.story_tables import StoryStore
from wiretrace.corpus.types import (
    BatchItem,
    BatchResult,
    DeleteResult,
    FailureRecord,
    FingerprintRow,
    IndexState,
    KnownArticle,
    QuoteRow,
    SearchHit,
    SearchQuery,
    StoredArticle,
    TableName,
)
from wiretrace.errors import StoreError
from wiretrace.model import Analysis, Article, Failure


class ArticleStore(Protocol):
    def known(
        self,
        ids: Sequence[str],
        canonical_urls: Sequence[str],
        content_hashes: Sequence[str],
        fingerprint_version: str = "",
    ) -> list[KnownArticle]:
        """Stored articles that share an id, a canonical URL or a content hash with the given ones
        (``analysed``: it has an analysis; ``fingerprinted``: a fingerprint of that version)."""
        ...

    def write(self, items: Sequence[BatchItem], fingerprint_version: str) -> BatchResult:
        """Write a batch in one transaction (all or nothing), deciding per article, inside it:

        same id or canonical URL and same content hash -> ``unchanged`` (or ``analysed`` when it had no
        analysis and one is given); same id or canonical URL, other content -> ``updated`` (last write
        wins: the stored article, its analysis and fingerprint are replaced); same content hash under
        another id -> ``duplicate`` (not stored again); else ``added``.
        """
        ...

    def delete(self, ids: Sequence[str]) -> DeleteResult:
        """Remove these articles in one transaction (all or nothing): each with its analysis rows,
        full-text entry, fingerprints, story and quote-group memberships (a story or group left
        empty goes too) and the failures recorded under its id. Ids not stored are ``unknown``."""
        ...

    def get_article(self, article_id: str) -> Article | None: ...

    def get_articles(self, docs: Iterable[int]) -> dict[int, StoredArticle]:
        """Stored articles by internal number (what the reuse index aligns against)."""
        ...

    def same_article(self, article_id: str, content_hash: str, text_hash: str | None) -> str | None:
        """Id of the stored article that is this one: same id, else same content hash, else (when
        ``text_hash`` is given) the earliest stored article with exactly this text."""
        ...


class AnalysisStore(Protocol):
    def get_analysis(self, article_id: str) -> Analysis | None: ...

    def quotes_by(
        self, speaker: str, *, since: dt.date | None, until: dt.date | None, limit: int
    ) -> list[QuoteRow]: ...


class FingerprintStore(Protocol):
    def changed(self) -> object:
        """A cheap token that differs after any commit by any process (the index compares it)."""
        ...

    def index_state(self, version: str) -> IndexState: ...

    def iter_fingerprints(self, version: str, after_doc: int = 0) -> Iterator[FingerprintRow]:
        """Fingerprints of one version for articles numbered above ``after_doc``, in that order."""
        ...


class SearchStore(Protocol):
    def search(self, query: SearchQuery) -> list[SearchHit]: ...


class FailureStore(Protocol):
    def record_failures(self, failures: Sequence[Failure]) -> None:
        """Record failures; one row per (source, article id, code), however often it fails again."""
        ...

    def failures(self, *, limit: int | None = None) -> list[FailureRecord]: ...


@runtime_checkable
class Store(ArticleStore, AnalysisStore, FingerprintStore, SearchStore, FailureStore, StoryStore, Protocol):
    """Everything a corpus store does; each backend implements it whole."""

    url: str
    read_only: bool

    def stats(self) -> dict[str, Any]: ...

    def iter_rows(self, table: TableName) -> Iterator[tuple[Any, ...]]:
        """Every row of an export table, in the column order of ``corpus.columns.TABLES[table]``."""
        ...

    def check(self) -> list[str]:
        """Integrity problems found (empty when the store is sound)."""
        ...

    def get_meta(self, key: str) -> str | None: ...

    def set_meta(self, key: str, value: str) -> None: ...

    def applied_migrations(self) -> list[str]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...


def open_store(url_or_path: str | Path, *, create: bool = True, read_only: bool = False) -> Store:
    """Open a store by URL (``sqlite:///path``, ``postgresql://...``) or plain path (SQLite).

    ``sqlite:///relative.db`` and ``sqlite:////absolute.db`` are spelled as SQLAlchemy spells them;
    ``?mode=ro`` on a SQLite URL opens it read-only. A PostgreSQL URL may carry ``?schema=name`` (default
    ``wiretrace``): the store keeps its tables in that schema.
    """
    target = str(url_or_path)
    if target.startswith(("postgres://", "postgresql://")):
        from wiretrace.corpus.postgres.store import PostgresStore

        return PostgresStore(target, create=create, read_only=read_only)
    if target.startswith("sqlite:"):
        parts = urlsplit(target)
        path = parts.path[1:] if target.startswith("sqlite:///") else ""
        if not path:
            raise StoreError("a sqlite URL needs a path: sqlite:///path/to/wiretrace.db")
        read_only = read_only or parse_qs(parts.query).get("mode") == ["ro"]
        target = path
    elif "://" in target:
        scheme = target.split("://", 1)[0]
        raise StoreError(f"unknown store URL scheme {scheme!r} (use sqlite:///path or postgresql://...)")
    from wiretrace.corpus.sqlite.store import SqliteStore

    return SqliteStore(Path(target), create=create, read_only=read_only)
