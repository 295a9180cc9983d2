"""Plain values that cross the store boundary: what the backends return and what the service passes in.

No SQL and no backend import here, so ``corpus/store.py``, the backends and the reuse index all import
this module and none of them imports another in a circle.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from wiretrace.model import Analysis

TableName = Literal["articles", "quotes", "flags", "matches", "entities"]


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """One stored article: ``content_hash`` covers text and metadata (the identity key), ``text_hash``
    the text alone."""

    id: str
    text: str
    content_hash: str
    text_hash: str = ""
    title: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    language: str | None = None
    source: str | None = None
    extra: str | None = None  # JSON: paragraphs and reader metadata, for giving the Article back whole
    doc: int = 0  # the store's internal number; 0 before it is written


@dataclass(frozen=True, slots=True)
class KnownArticle:
    """What ingest needs to know about an article already stored, to decide new / changed / unchanged."""

    doc: int
    id: str
    canonical_url: str | None
    content_hash: str
    analysed: bool
    fingerprinted: bool = False


@dataclass(frozen=True, slots=True)
class FingerprintRow:
    """The part of a stored article the in-memory reuse index is built from."""

    doc: int
    id: str
    published: dt.date | None
    fingerprint: bytes


@dataclass(frozen=True, slots=True)
class IndexState:
    """Where the fingerprints table stands: the index refreshes when this changes.

    ``last_doc`` grows with every added article; ``removed`` counts the fingerprints dropped since the
    store was made (an article replaced by new content), so postings built before must be rebuilt.
    """

    last_doc: int
    removed: int


@dataclass(frozen=True, slots=True)
class WriteResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """Full-text query plus filters; every filter is optional and they combine with AND.

    ``text`` is words (all must occur) and ``"quoted phrases"`` (must occur as written); an empty text
    with filters lists the matching articles, newest first.
    """

    text: str = ""
    outlet: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    speaker: str | None = None
    flag: str | None = None
    language: str | None = None
    limit: int = 20
    offset: int = 0


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    url: str | None
    score: float
    snippet: str


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One stored quote, flat: its text is cut from the article text by the offsets when read."""

    article_id: str
    n: int
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None
    speaker_kind: str | None
    cue: str | None
    outlet: str | None
    published: dt.date | None


@dataclass(frozen=True, slots=True)
class FailureRecord:
    """A document that could not be read, extracted or analysed; one row however often it failed."""

    source: str
    article_id: str | None
    code: str
    error: str
    first_seen: str
    last_seen: str
    attempts: int = 1


@dataclass(frozen=True, slots=True)
class BatchItem:
    """One article to write, with its reuse fingerprint and (when analysed) its analysis."""

    article: StoredArticle
    fingerprint: bytes | None = None
    analysis: Analysis | None = None


@dataclass(slots=True)
class BatchResult:
    """What one write did: ``outcome[id]`` is the last outcome of each id (added/updated/unchanged/
    duplicate/analysed); ``tally`` counts every record's outcome, so an id given twice in one batch
    (the later copy replaces the earlier: ``updated``) is counted twice, once per record."""

    outcome: dict[str, str] = field(default_factory=dict)
    tally: dict[str, int] = field(default_factory=dict)

    def record(self, article_id: str, kind: str) -> None:
        self.outcome[article_id] = kind
        self.tally[kind] = self.tally.get(kind, 0) + 1

    def count(self, kind: str) -> int:
        """Records of the batch with this outcome."""
        return self.tally.get(kind, 0)


@dataclass(frozen=True, slots=True)
class DeleteResult:
    """What ``Store.delete`` did: the ids removed, the ids it does not hold, the stories that lost
    their last article (and so were removed too)."""

    deleted: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    stories_removed: tuple[str, ...] = ()
