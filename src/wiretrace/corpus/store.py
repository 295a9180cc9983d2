"""The corpus store: a ``Store`` protocol and ``open_store(url_or_path)``, which picks the backend.

Backends own all SQL (``corpus/sqlite.py``; a PostgreSQL backend would sit beside it); the reuse index
and the CLI only call the methods below. A plain path or ``sqlite:///path`` opens SQLite.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from wiretrace.errors import StoreError


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """One indexed article: what trace needs to align against it and report it."""

    id: str
    text: str
    content_hash: str
    fingerprint: bytes
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True, slots=True)
class FingerprintRow:
    """The part of a stored article the in-memory index is built from."""

    doc: int
    id: str
    published: dt.date | None
    fingerprint: bytes


@dataclass(frozen=True, slots=True)
class WriteResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


@runtime_checkable
class Store(Protocol):
    """What the reuse index needs from a database."""

    def content_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        """Stored content hash per id, for the ids that are stored."""
        ...

    def put_articles(self, articles: Sequence[StoredArticle]) -> WriteResult:
        """Insert or update (when the content changed) in one transaction."""
        ...

    def iter_fingerprints(self, after_doc: int = 0) -> Iterator[FingerprintRow]:
        """Fingerprints of articles with an internal number above ``after_doc``, in that order."""
        ...

    def get_articles(self, docs: Iterable[int]) -> dict[int, StoredArticle]: ...

    def record_failure(self, source: str, article_id: str | None, code: str, error: str) -> None: ...

    def stats(self) -> dict[str, int | str | None]: ...

    def get_meta(self, key: str) -> str | None: ...

    def set_meta(self, key: str, value: str) -> None: ...

    def close(self) -> None: ...


def open_store(url_or_path: str | Path, *, create: bool = True) -> Store:
    """Open a store by URL (``sqlite:///path``) or plain path (SQLite)."""
    target = str(url_or_path)
    if target.startswith(("postgres://", "postgresql://")):
        raise StoreError(f"{target.split('@')[-1]}: the PostgreSQL backend is not available yet")
    if target.startswith("sqlite://"):
        # sqlite:///relative.db and sqlite:////absolute.db, as SQLAlchemy spells them.
        target = target[len("sqlite:///") :] if target.startswith("sqlite:///") else ""
        if not target:
            raise StoreError("sqlite URL needs a path: sqlite:///path/to/index.db")
    from wiretrace.corpus.sqlite import SqliteStore

    return SqliteStore(Path(target), create=create)
