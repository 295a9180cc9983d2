"""The reuse index: fingerprints in a store, and an in-memory inverted index over their sentences.

Writes go through a batched session (``add_many`` / ``session()``): fingerprints are computed only for
articles whose content is new or changed, and each batch is one store transaction, so an interrupted
add keeps every committed batch and a rerun skips them. Reads use the inverted index
(``reuse/postings.py``): memory-mapped from a snapshot on disk when one matches the store
(``reuse/snapshot.py``), else built from the stored fingerprints and written as a snapshot for the next
process. Articles stored after the snapshot are read into memory, and the index refreshes whenever the
store says something was committed (``Store.changed``: ``PRAGMA data_version`` on SQLite), so an open
index sees articles other processes add; once more than ``reuse.postings_delta`` articles are outside
the snapshot (or an ``add`` stored that many), a new snapshot is written. One ``Index`` can serve
several threads: the store gives each thread its own reader, and every trace runs on an immutable view
(``reuse/view.py``).

An article never matches itself: when the traced article is stored (same id, same content hash, or
the same text without naming another outlet or address: ``Index.same_article``), it is left out of
its own trace and ``same_article`` names it, which the trace stage reports once as
``Analysis.indexed_as``.

    >>> from wiretrace.extract import article_from_text
    >>> idx = Index.open(":memory:")
    >>> _ = idx.add(article_from_text("The Harbour Board of Vellmar approved the pier on Monday.", id="a1"))
    >>> idx.stats()["articles"]
    1
"""

from __future__ import annotations

import math
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from wiretrace.corpus.keys import canonical_url, content_hash, text_hash, to_stored
from wiretrace.corpus.store import Store, open_store
from wiretrace.corpus.types import BatchItem, WriteResult
from wiretrace.errors import StoreError, WiretraceError
from wiretrace.model import Analysis, Article, Failure, Match
from wiretrace.reuse import snapshot
from wiretrace.reuse.fingerprint import Fingerprint
from wiretrace.reuse.normalize import NORMALIZER_VERSION, Normalizer, Tokens, load_aliases
from wiretrace.reuse.postings import Postings
from wiretrace.reuse.trace import trace_article
from wiretrace.reuse.view import IndexView, TokenCache
from wiretrace.settings import ReuseSettings, Settings

# Bump when tokenisation or fingerprint layout changes: fingerprints (and postings snapshots) are stored
# per version, and the normaliser's version is part of it, so a change to either invalidates both.
FINGERPRINT_VERSION = f"wtf1-unigram-sentences-3+{NORMALIZER_VERSION}"

__all__ = ["FINGERPRINT_VERSION", "AddReport", "Index", "content_hash", "idf_of"]


@dataclass
class AddReport:
    """What an add did: counts, plus the failures (also recorded in the store)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    analysed: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return (
            self.added + self.updated + self.unchanged + self.duplicates + self.analysed + len(self.failures)
        )


class Index:
    """A reuse index over a store. Open with ``Index.open(url)``; use as a context manager to close.

    ``settings`` may be the whole ``Settings``: then the user's entity aliases (``entities.alias_file``,
    ``entities.aliases``) are folded too, as the entities stage folds them; with ``ReuseSettings`` alone
    only the built-in alias table is.
    """

    def __init__(
        self, store: Store, settings: ReuseSettings | Settings | None = None, *, owns_store: bool = False
    ) -> None:
        self.store = store
        if isinstance(settings, Settings):
            self.settings = settings.reuse
            self.normalizer = Normalizer(load_aliases(settings))
        else:
            self.settings = settings or ReuseSettings()
            self.normalizer = Normalizer(load_aliases())
        self._owns_store = owns_store
        version = store.get_meta("fingerprint_version")
        if version is None and not store.read_only:
            store.set_meta("fingerprint_version", FINGERPRINT_VERSION)
        # Fingerprints of another version (an older normaliser) cannot be traced against, but the index
        # still opens: adding the corpus again fingerprints the stored articles anew (``AddSession``).
        self._built_with = version or FINGERPRINT_VERSION
        self._snapshots = self._snapshot_dir()
        self._postings = Postings()
        self._loaded = False
        self._removed = 0
        self._seen: dict[int, object] = {}  # per thread: the store's change token when last checked
        self._lock = threading.Lock()
        self._tokens = TokenCache()

    @classmethod
    def open(
        cls,
        url: str | Path,
        settings: ReuseSettings | Settings | None = None,
        *,
        create: bool = True,
        read_only: bool = False,
    ) -> Index:
        return cls(open_store(url, create=create, read_only=read_only), settings, owns_store=True)

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._owns_store:
            self.store.close()

    # -- writing -------------------------------------------------------------------------------------

    def fingerprint(self, text: str) -> bytes:
        return Fingerprint.of(text, self.normalizer).to_bytes()

    def item(self, article: Article, analysis: Analysis | None = None) -> BatchItem:
        """A store batch item with the article's keys and fingerprint (raises on invalid Unicode)."""
        return BatchItem(to_stored(article), self.fingerprint(article.text), analysis)

    def add(self, article: Article) -> WriteResult:
        report = self.add_many([article], on_error="raise")
        return WriteResult(report.added, report.updated, report.unchanged + report.duplicates)

    @contextmanager
    def session(self, *, on_error: Literal["raise", "record"] = "record") -> Iterator[AddSession]:
        """Batch adds: each ``batch_size`` articles are one transaction; the rest commit on exit."""
        s = AddSession(self, on_error)
        try:
            yield s
        finally:
            s.flush()
            if self._snapshots and s.report.added + s.report.updated >= max(1, self.settings.postings_delta):
                _ = self.postings  # writes a snapshot now rather than in the next reader

    def add_many(
        self,
        items: Iterable[Article | Failure],
        *,
        on_error: Literal["raise", "record"] = "record",
        progress: Callable[[int], None] | None = None,
    ) -> AddReport:
        """Add articles; ``Failure`` items (bad records from a reader) are recorded, not raised."""
        with self.session(on_error=on_error) as s:
            for item in items:
                s.add(item)
                if progress:
                    progress(1)
        return s.report

    # -- reading -------------------------------------------------------------------------------------

    @property
    def postings(self) -> Postings:
        """The postings as of now: refreshed when another connection (or process) has committed."""
        if self._built_with != FINGERPRINT_VERSION:
            raise StoreError(
                f"index was built with fingerprint {self._built_with!r}; this wiretrace uses"
                f" {FINGERPRINT_VERSION!r} (rebuild the index: `wiretrace index add` the corpus again)"
            )
        me = threading.get_ident()
        token = self.store.changed()
        if self._seen.get(me) == token:
            return self._postings
        with self._lock:
            # The state is read before any fingerprint, so a snapshot is never named newer than its data.
            state = self.store.index_state(FINGERPRINT_VERSION)
            p = self._postings
            if not self._loaded or state.removed != self._removed:
                # First use, or an article was replaced (its old sentences must go): from a snapshot
                # that matches the store, else from the store's fingerprints.
                if self._loaded:
                    self._tokens.clear()
                p = self._load(state.removed, state.last_doc)
                self._loaded, self._removed = True, state.removed
            elif state.last_doc > p.last_doc:
                p = p.extended(self.store.iter_fingerprints(FINGERPRINT_VERSION, p.last_doc))
            if p.delta_docs > self.settings.postings_delta:
                p = self._persist(p, state.removed)
            self._postings = p
            self._seen[me] = token
            return p

    def _snapshot_dir(self) -> Path | None:
        """Where this store's postings snapshots go, or ``None`` when they are off or cannot be named."""
        if not self.settings.postings_on_disk:
            return None
        uid = self.store.get_meta("store_uid")
        if uid is None and not self.store.read_only:
            uid = uuid.uuid4().hex
            self.store.set_meta("store_uid", uid)
        if uid is None:
            return None
        return snapshot.location(self.store.url, uid, self.settings.postings_dir)

    def _key(self, removed: int) -> snapshot.Key:
        return snapshot.Key(FINGERPRINT_VERSION, self.store.get_meta("store_uid") or "", removed)

    def _load(self, removed: int, last_doc: int) -> Postings:
        if self._snapshots:
            key = self._key(removed)
            found = snapshot.find(self._snapshots, key, last_doc)
            base = snapshot.load(found, key) if found else None
            if base is not None:
                return base.extended(self.store.iter_fingerprints(FINGERPRINT_VERSION, base.last_doc))
        p = Postings.build(self.store.iter_fingerprints(FINGERPRINT_VERSION))
        return self._persist(p, removed) if p.n_docs else p

    def _persist(self, p: Postings, removed: int) -> Postings:
        """Merge the delta in and write a snapshot; the memory-mapped copy is returned when it worked."""
        merged = p.merged()
        if not self._snapshots:
            return merged
        key = self._key(removed)
        try:
            path = snapshot.write(self._snapshots, key, merged)
        except OSError:  # a read-only or full disk: keep serving from memory
            return merged
        return snapshot.load(path, key) or merged

    def view(self, exclude: Iterable[str] = ()) -> IndexView:
        """A snapshot for one trace, leaving out the stored articles with these ids."""
        p = self.postings
        ids = sorted({i for i in exclude if i})
        known = self.store.known(ids, [], [], FINGERPRINT_VERSION) if ids else []
        skip = frozenset(pos for k in known if k.id in ids and (pos := p.position_of(k.doc)) is not None)
        return IndexView(p, self.settings, self.normalizer, self._texts, self._tokens, skip)

    def _texts(self, docs: Iterable[int]) -> Mapping[int, tuple[str, object]]:
        return {doc: (a.text, a.published) for doc, a in self.store.get_articles(docs).items()}

    def query(self, features: set[int], within: Iterable[int] | None = None) -> list[tuple[int, float]]:
        """Candidate source sentences for one sentence's content-token hashes (see ``IndexView.query``)."""
        return self.view().query(features, within)

    def idf(self, ids: Iterable[int]) -> npt.NDArray[np.float64]:
        return self.view().idf(ids)

    def same_article(self, article: Article) -> str | None:
        """The id under which this same article is stored, if it is (see the module docstring).

        The same id or the same content hash (text and metadata) is the same article. So is the same
        text, unless the traced article names another publication: a canonical URL or an outlet that
        differs from the stored copy's. A title or a date of its own does not make it another article
        (a pasted article with a headline or date typed in); another outlet's or address's copy of the
        same text is a verbatim reprint, and the stored copy is its source.
        """
        try:
            chash = content_hash(article)
            thash = text_hash(article.text)
        except UnicodeEncodeError:
            return None
        found = self.store.same_article(article.id, chash, None)
        if found is not None:
            return found
        url = canonical_url(article.url)
        if url:  # the stored copy of this address, when it has this text
            for k in self.store.known([], [url], []):
                stored = self.store.get_article(k.id)
                if stored is not None and stored.text == article.text and _same_outlet(article, stored):
                    return stored.id
        found = self.store.same_article(article.id, chash, thash)  # the earliest stored copy of this text
        if found is None:
            return None
        stored = self.store.get_article(found)
        if stored is None or (url and canonical_url(stored.url) not in (None, url)):
            return None
        return found if _same_outlet(article, stored) else None

    def trace(self, article: Article) -> list[Match]:
        """Every passage of ``article`` traced to indexed articles other than itself, earliest first."""
        return self.trace_excluding(article, self.same_article(article))

    def trace_excluding(self, article: Article, self_id: str | None) -> list[Match]:
        return trace_article(self.view(exclude=[self_id] if self_id else []), article)

    def source_tokens(self, doc: int, text: str) -> Tokens:
        return self._tokens.get(doc, text, self.normalizer)

    def stats(self) -> dict[str, Any]:
        out = dict(self.store.stats())
        out["fingerprint_version"] = FINGERPRINT_VERSION
        return out


class AddSession:
    """Buffers articles and writes them a batch per transaction (see ``Index.session``)."""

    def __init__(self, index: Index, on_error: Literal["raise", "record"]) -> None:
        self.index = index
        self.on_error = on_error
        self.report = AddReport()
        self._buffer: dict[str, Article] = {}
        self._failed: list[Failure] = []

    def add(self, item: Article | Failure) -> None:
        if isinstance(item, Failure):
            self._fail(item)
            return
        try:
            check_storable(item)
        except WiretraceError as exc:
            if self.on_error == "raise":
                raise
            self._fail(Failure.of(exc, id=item.id, source=item.source or item.url or item.id))
            return
        self._buffer.setdefault(item.id, item)
        if len(self._buffer) >= self.index.settings.batch_size:
            self.flush()

    def _fail(self, failure: Failure) -> None:
        self.report.failures.append(failure)
        self._failed.append(failure)

    def flush(self) -> None:
        store = self.index.store
        if self._failed:
            store.record_failures(self._failed)
            self._failed = []
        if not self._buffer:
            return
        batch = list(self._buffer.values())
        self._buffer = {}
        stored = {k.id: k for k in store.known([a.id for a in batch], [], [], FINGERPRINT_VERSION)}
        todo = []
        for a in batch:
            k = stored.get(a.id)
            if k is not None and k.fingerprinted and k.content_hash == content_hash(a):
                self.report.unchanged += 1
            else:
                todo.append(self.index.item(a))
        result = store.write(todo, FINGERPRINT_VERSION)
        if self.index._built_with != FINGERPRINT_VERSION:  # re-adding the corpus is the rebuild
            store.set_meta("fingerprint_version", FINGERPRINT_VERSION)
            self.index._built_with = FINGERPRINT_VERSION
        self.report.added += result.count("added")
        self.report.updated += result.count("updated")
        self.report.unchanged += result.count("unchanged") + result.count("analysed")
        self.report.duplicates += result.count("duplicate")


def check_storable(article: Article) -> None:
    """Refuse, with a clear error, an article the store cannot keep: no text, or not valid Unicode."""
    if not article.text.strip():
        raise WiretraceError(f"article {article.id!r} has no text")
    try:
        article.id.encode("utf-8")
        article.text.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates from a JSON "\ud800" escape
        raise WiretraceError(
            f"article {article.id!r} is not valid Unicode ({exc.reason} at position {exc.start})"
        ) from exc


def _same_outlet(article: Article, stored: Article) -> bool:
    """No outlet on one side, or the same outlet's name on both."""
    if not article.outlet or not stored.outlet:
        return True
    return article.outlet.strip().casefold() == stored.outlet.strip().casefold()


def idf_of(df: int, n: int) -> float:
    """The IDF used by ``IndexView.query`` (exposed for tests and the docs)."""
    return math.log((n + 1.0) / (df + 0.5))
