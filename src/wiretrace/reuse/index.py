"""The reuse index: articles in a store, and an in-memory inverted index over their sentences.

Writes go through a batched session (``add_many`` / ``session()``): fingerprints are computed only for
articles whose content is new or changed, and each batch is one transaction, so an interrupted add
keeps every committed batch and a rerun skips them. Reads build the inverted index (token hash ->
sentences) from the stored fingerprints with numpy in one pass, on first use, and extend it with
articles added later. ``query`` scores candidate source sentences by the IDF weight of the content
words they share with a sentence; ``trace`` (``reuse/trace.py``) aligns the candidates.

    >>> from wiretrace.extract import article_from_text
    >>> idx = Index.open(":memory:")
    >>> _ = idx.add(article_from_text("The Harbour Board of Vellmar approved the pier on Monday.", id="a1"))
    >>> idx.stats()["articles"]
    1
"""

from __future__ import annotations

import datetime as dt
import math
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt
import xxhash

from wiretrace.corpus.store import FingerprintRow, Store, StoredArticle, WriteResult, open_store
from wiretrace.errors import StoreError, WiretraceError
from wiretrace.model import Article, Failure, Match
from wiretrace.reuse.fingerprint import Fingerprint
from wiretrace.reuse.normalize import Normalizer, Tokens, load_aliases
from wiretrace.settings import ReuseSettings

_RELATIVE = 0.4  # candidates scoring under this share of the best one are not aligned
_TOKEN_CACHE = 4096  # source articles kept tokenised between traces

# Bump when tokenisation or fingerprint layout changes: an index built by another version is refused.
FINGERPRINT_VERSION = "wtf1-unigram-sentences-2"


def content_hash(article: Article) -> str:
    published = article.published.isoformat() if article.published else ""
    key = "\x00".join((article.text, article.title or "", published, article.url or "", article.outlet or ""))
    return xxhash.xxh3_128_hexdigest(key.encode("utf-8"))


@dataclass
class AddReport:
    """What an add did: counts, plus the failures (also recorded in the store)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.added + self.updated + self.unchanged + len(self.failures)


class Postings:
    """Inverted index in numpy arrays: sorted unique hashes, offsets into sentence ids, sentence tables."""

    def __init__(self) -> None:
        self.last_doc = 0
        self.docs: list[int] = []  # store doc numbers, by position
        self.ids: list[str] = []
        self.published: list[dt.date | None] = []
        self.sent_doc = np.zeros(0, dtype=np.int32)  # position in docs, per global sentence
        self.sent_local = np.zeros(0, dtype=np.int32)  # sentence number within its article
        self.sent_span = np.zeros((0, 2), dtype=np.int32)
        self.keys = np.zeros(0, dtype=np.uint32)
        self.starts = np.zeros(1, dtype=np.int64)
        self.post = np.zeros(0, dtype=np.int32)
        self._raw_hash = np.zeros(0, dtype=np.uint32)
        self._raw_sent = np.zeros(0, dtype=np.int32)
        self.position: dict[int, int] = {}  # store doc number -> position
        self.doc_first = np.zeros(1, dtype=np.int64)  # global number of each article's first sentence

    @property
    def n_sentences(self) -> int:
        return int(self.sent_doc.shape[0])

    def extend(self, rows: Iterable[FingerprintRow]) -> int:
        """Add fingerprints (doc numbers ascending) and rebuild the sorted arrays; returns how many.

        The blobs are sliced and joined as bytes and parsed by numpy once, not article by article:
        building the index for 100k articles is then a second or two, mostly the sort.
        """
        span_parts: list[bytes] = []
        offset_parts: list[bytes] = []
        hash_parts: list[bytes] = []
        counts: list[int] = []
        for row in rows:
            n, _m, (a, b, c, e) = Fingerprint.layout(row.fingerprint)
            blob = row.fingerprint
            span_parts.append(blob[a:b])
            offset_parts.append(blob[b:c])
            hash_parts.append(blob[c:e])
            counts.append(n)
            self.position[row.doc] = len(self.docs)
            self.docs.append(row.doc)
            self.ids.append(row.id)
            self.published.append(row.published)
            self.last_doc = max(self.last_doc, row.doc)
        if not counts:
            return 0
        n_per_doc = np.asarray(counts, dtype=np.int64)
        self.doc_first = np.concatenate([self.doc_first, self.doc_first[-1] + np.cumsum(n_per_doc)])
        offsets = np.frombuffer(b"".join(offset_parts), dtype="<i4").astype(np.int64)
        # Sentence sizes: differences of offsets within each article (drop the step across articles).
        steps = np.diff(offsets)
        boundaries = np.cumsum(n_per_doc + 1)[:-1] - 1
        sizes = np.delete(steps, boundaries)
        base_doc = len(self.docs) - len(counts)
        base_sent = self.n_sentences
        total = int(n_per_doc.sum())
        firsts = np.repeat(np.cumsum(n_per_doc) - n_per_doc, n_per_doc)
        self.sent_doc = np.concatenate(
            [self.sent_doc, np.repeat(np.arange(base_doc, base_doc + len(counts), dtype=np.int32), n_per_doc)]
        )
        self.sent_local = np.concatenate(
            [self.sent_local, (np.arange(total, dtype=np.int64) - firsts).astype(np.int32)]
        )
        spans = np.frombuffer(b"".join(span_parts), dtype="<i4").reshape(-1, 2).astype(np.int32)
        self.sent_span = np.concatenate([self.sent_span, spans])
        hashes = np.frombuffer(b"".join(hash_parts), dtype="<u4").astype(np.uint32)
        sents = np.repeat(np.arange(base_sent, base_sent + total, dtype=np.int32), sizes)
        self._raw_hash = np.concatenate([self._raw_hash, hashes])
        self._raw_sent = np.concatenate([self._raw_sent, sents])
        order = np.argsort(self._raw_hash, kind="stable")
        sorted_hash = self._raw_hash[order]
        self.post = self._raw_sent[order]
        self.keys, key_counts = np.unique(sorted_hash, return_counts=True)
        self.starts = np.zeros(self.keys.shape[0] + 1, dtype=np.int64)
        np.cumsum(key_counts, out=self.starts[1:])
        return len(counts)

    def nbytes(self) -> int:
        arrays = (
            self.sent_doc,
            self.sent_local,
            self.sent_span,
            self.keys,
            self.starts,
            self.post,
            self._raw_hash,
            self._raw_sent,
        )
        return sum(a.nbytes for a in arrays)


class Index:
    """A reuse index over a store. Open with ``Index.open(path)``; use as a context manager to close."""

    def __init__(self, store: Store, settings: ReuseSettings | None = None) -> None:
        self.store = store
        self.settings = settings or ReuseSettings()
        self.normalizer = Normalizer(load_aliases())
        version = store.get_meta("fingerprint_version")
        if version is None:
            store.set_meta("fingerprint_version", FINGERPRINT_VERSION)
        elif version != FINGERPRINT_VERSION:
            raise StoreError(
                f"index was built with fingerprint {version!r}; this wiretrace uses {FINGERPRINT_VERSION!r}"
                " (rebuild the index with `wiretrace index add`)"
            )
        self._postings = Postings()
        self._stale = True
        # Tokenised source texts, most recently used last: articles on one story share their sources.
        self._tokens: OrderedDict[int, Tokens] = OrderedDict()

    @classmethod
    def open(cls, path: str | Path, settings: ReuseSettings | None = None, *, create: bool = True) -> Index:
        return cls(open_store(path, create=create), settings)

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    # -- writing -------------------------------------------------------------------------------------

    def add(self, article: Article) -> WriteResult:
        report = self.add_many([article], on_error="raise")
        return WriteResult(report.added, report.updated, report.unchanged)

    @contextmanager
    def session(self, *, on_error: Literal["raise", "record"] = "record") -> Iterator[AddSession]:
        """Batch adds: each ``batch_size`` articles are one transaction; the rest commit on exit."""
        s = AddSession(self, on_error)
        try:
            yield s
        finally:
            s.flush()

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
        if self._stale:
            self._postings.extend(self.store.iter_fingerprints(self._postings.last_doc))
            self._stale = False
        return self._postings

    def query(self, features: set[int], within: Iterable[int] | None = None) -> list[tuple[int, float]]:
        """Candidate source sentences for one sentence's content-token hashes, best first.

        Each is ``(global sentence number, share)``: the IDF weight of the shared words over the weight
        of all the sentence's words (words never indexed get the highest IDF, so new wording lowers the
        share). Words in more than ``max_df_share`` of the sentences are not looked up, except when
        ``within`` (postings positions of articles) narrows the search to a few known sources.
        """
        p = self.postings
        n = p.n_sentences
        if not features or n == 0:
            return []
        h = np.fromiter(features, dtype=np.uint32, count=len(features))
        pos = np.searchsorted(p.keys, h)
        pos[pos >= p.keys.shape[0]] = 0
        found = p.keys[pos] == h if p.keys.shape[0] else np.zeros(h.shape[0], dtype=np.bool_)
        df = np.where(found, p.starts[pos + 1] - p.starts[pos], 0)
        idf = np.log((n + 1.0) / (df + 0.5))
        total = float(idf.sum())
        max_df = max(self.settings.max_df_share * n, 100.0) if within is None else float(n)
        use = np.flatnonzero(found & (df <= max_df))
        if use.size == 0 or total <= 0:
            return []
        slices = [p.post[p.starts[pos[i]] : p.starts[pos[i] + 1]] for i in use]
        sent = np.concatenate(slices)
        weight = np.repeat(idf[use], df[use])
        if within is not None:
            allowed = np.isin(p.sent_doc[sent], np.fromiter(within, dtype=np.int32))
            sent, weight = sent[allowed], weight[allowed]
            if sent.size == 0:
                return []
        uniq, inverse = np.unique(sent, return_inverse=True)
        score = np.bincount(inverse, weights=weight) / total
        # Absolute floor, and relative to the best candidate: copies of one passage score alike, so the
        # tail of weak partial overlaps is dropped before the (costlier) alignment.
        floor = max(self.settings.retrieval_share, _RELATIVE * float(score.max()))
        keep = np.flatnonzero(score >= floor)
        if keep.size == 0:
            return []
        k = self.settings.candidates
        top = keep[np.argsort(-score[keep], kind="stable")[:k]]
        return [(int(uniq[i]), float(score[i])) for i in top]

    def idf(self, ids: Iterable[int]) -> npt.NDArray[np.float64]:
        """IDF of each token hash (sentence frequency; unseen tokens get the highest value)."""
        p = self.postings
        h = np.fromiter(ids, dtype=np.uint32)
        if p.keys.shape[0] == 0:
            return np.full(h.shape[0], math.log(2.0), dtype=np.float64)
        pos = np.searchsorted(p.keys, h)
        pos[pos >= p.keys.shape[0]] = 0
        df = np.where(p.keys[pos] == h, p.starts[pos + 1] - p.starts[pos], 0)
        return np.log((p.n_sentences + 1.0) / (df + 0.5))

    def trace(self, article: Article) -> list[Match]:
        """Every passage of ``article`` traced to indexed articles (all sources, earliest first)."""
        from wiretrace.reuse.trace import trace_article

        return trace_article(self, article)

    def source_tokens(self, doc: int, text: str) -> Tokens:
        """Alignment tokens of a stored article, from a per-index cache of recently used ones."""
        cached = self._tokens.get(doc)
        if cached is not None:
            self._tokens.move_to_end(doc)
            return cached
        tokens = self.normalizer.tokens(text)
        self._tokens[doc] = tokens
        if len(self._tokens) > _TOKEN_CACHE:
            self._tokens.popitem(last=False)
        return tokens

    def stats(self) -> dict[str, int | str | None]:
        out = dict(self.store.stats())
        out["fingerprint_version"] = FINGERPRINT_VERSION
        return out

    def mark_stale(self) -> None:
        self._stale = True


class AddSession:
    """Buffers articles and writes them a batch per transaction (see ``Index.session``)."""

    def __init__(self, index: Index, on_error: Literal["raise", "record"]) -> None:
        self.index = index
        self.on_error = on_error
        self.report = AddReport()
        self._buffer: dict[str, tuple[Article, str]] = {}

    def add(self, item: Article | Failure) -> None:
        if isinstance(item, Failure):
            self._fail(item)
            return
        try:
            if not item.text.strip():
                raise WiretraceError(f"article {item.id!r} has no text")
            try:
                item.id.encode("utf-8")
                chash = content_hash(item)
            except UnicodeEncodeError as exc:  # lone surrogates from a JSON "\ud800" escape
                raise WiretraceError(
                    f"article {item.id!r} is not valid Unicode ({exc.reason} at position {exc.start})"
                ) from exc
        except WiretraceError as exc:
            if self.on_error == "raise":
                raise
            self._fail(Failure(id=item.id, source=item.url or item.id, error=exc.message, code=exc.code))
            return
        self._buffer.setdefault(item.id, (item, chash))
        if len(self._buffer) >= self.index.settings.batch_size:
            self.flush()

    def _fail(self, failure: Failure) -> None:
        self.report.failures.append(failure)
        self.index.store.record_failure(failure.source, failure.id, failure.code, failure.error)

    def flush(self) -> None:
        if not self._buffer:
            return
        batch = list(self._buffer.values())
        self._buffer = {}
        known = self.index.store.content_hashes([a.id for a, _ in batch])
        todo = [(a, h) for a, h in batch if known.get(a.id) != h]
        self.report.unchanged += len(batch) - len(todo)
        normalizer = self.index.normalizer
        rows = [
            StoredArticle(
                id=a.id,
                text=a.text,
                content_hash=h,
                fingerprint=Fingerprint.of(a.text, normalizer).to_bytes(),
                title=a.title,
                url=a.url,
                outlet=a.outlet,
                published=a.published,
            )
            for a, h in todo
        ]
        result = self.index.store.put_articles(rows)
        self.report.added += result.added
        self.report.updated += result.updated
        self.report.unchanged += result.unchanged
        if result.updated:
            # A changed article got a new doc number; the old one must leave the in-memory index.
            self.index._postings = Postings()
            self.index._tokens.clear()
        self.index.mark_stale()


def idf_of(df: int, n: int) -> float:
    """The IDF used by ``Index.query`` (exposed for tests and the docs)."""
    return math.log((n + 1.0) / (df + 0.5))
