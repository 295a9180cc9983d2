"""A consistent view of the reuse index for one trace: postings, lookups and source texts.

``trace_article`` works on a view, never on the ``Index`` itself, so a refresh on another thread
cannot change the arrays under a running trace, and the articles excluded from it (the traced article
itself, when it is stored) are left out of every lookup.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping

import numpy as np
import numpy.typing as npt

from wiretrace.reuse.normalize import Normalizer, Tokens
from wiretrace.reuse.postings import Postings
from wiretrace.settings import ReuseSettings

_RELATIVE = 0.4  # candidates scoring under this share of the best one are not aligned
_TOKEN_CACHE = 4096  # source articles kept tokenised between traces

# (store doc numbers) -> {doc: (text, published)}: how a view reads source texts from the store.
TextLoader = Callable[[Iterable[int]], Mapping[int, tuple[str, object]]]


def _group(sent: npt.NDArray[np.int32]) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.intp]]:
    """``np.unique(sent, return_inverse=True)``, faster on what a lookup gives: one ascending run per
    word, which a stable sort (timsort) merges instead of sorting from scratch."""
    order = np.argsort(sent, kind="stable")
    ordered = sent[order]
    first = np.empty(ordered.shape[0], np.bool_)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    inverse = np.empty(ordered.shape[0], np.intp)
    inverse[order] = np.cumsum(first) - 1
    return ordered[first], inverse


class TokenCache:
    """Alignment tokens of recently used source articles, shared by every view of one index."""

    def __init__(self, size: int = _TOKEN_CACHE) -> None:
        self._size = size
        self._items: OrderedDict[int, Tokens] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, doc: int, text: str, normalizer: Normalizer) -> Tokens:
        with self._lock:
            cached = self._items.get(doc)
            if cached is not None:
                self._items.move_to_end(doc)
                return cached
        tokens = normalizer.tokens(text)
        with self._lock:
            self._items[doc] = tokens
            if len(self._items) > self._size:
                self._items.popitem(last=False)
        return tokens

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


class IndexView:
    """What ``trace_article`` needs, frozen at one moment (see the module docstring)."""

    def __init__(
        self,
        postings: Postings,
        settings: ReuseSettings,
        normalizer: Normalizer,
        texts: TextLoader,
        tokens: TokenCache,
        exclude: frozenset[int] = frozenset(),
    ) -> None:
        self.postings = postings
        self.settings = settings
        self.normalizer = normalizer
        self._texts = texts
        self._tokens = tokens
        # Postings positions of excluded articles, as an array for np.isin.
        self._exclude = np.fromiter(exclude, dtype=np.int32, count=len(exclude))

    def source_texts(self, docs: Iterable[int]) -> Mapping[int, tuple[str, object]]:
        return self._texts(docs)

    def source_tokens(self, doc: int, text: str) -> Tokens:
        return self._tokens.get(doc, text, self.normalizer)

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
        df = p.frequencies(h)
        found = df > 0
        idf = np.log((n + 1.0) / (df + 0.5))
        total = float(idf.sum())
        max_df = max(self.settings.max_df_share * n, 100.0) if within is None else float(n)
        use = np.flatnonzero(found & (df <= max_df))
        if use.size == 0 or total <= 0:
            return []
        hu, wu = h[use], idf[use]
        if within is None:
            uniq, score = self._scan(hu, wu, total)
        else:
            uniq, score = self._within(hu, wu, total, np.unique(np.fromiter(within, dtype=np.int32)))
        if uniq.size == 0:
            return []
        # Absolute floor, and relative to the best candidate: copies of one passage score alike, so the
        # tail of weak partial overlaps is dropped before the (costlier) alignment.
        floor = max(self.settings.retrieval_share, _RELATIVE * float(score.max()))
        keep = np.flatnonzero(score >= floor)
        if keep.size == 0:
            return []
        k = self.settings.candidates
        top = keep[np.argsort(-score[keep], kind="stable")[:k]]
        return [(int(uniq[i]), float(score[i])) for i in top]

    def _scan(
        self, h: npt.NDArray[np.uint32], w: npt.NDArray[np.float64], total: float
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float64]]:
        """Every sentence holding the words (each list read whole) and its share, ascending."""
        sent, weight = self.postings.sentences(h, w)
        if self._exclude.size:
            kept = ~np.isin(self.postings.sent_doc[sent], self._exclude)
            sent, weight = sent[kept], weight[kept]
        if sent.size == 0:
            return np.zeros(0, np.int32), np.zeros(0, np.float64)
        uniq, inverse = _group(sent)
        return uniq, np.bincount(inverse, weights=weight) / total

    def _within(
        self, h: npt.NDArray[np.uint32], w: npt.NDArray[np.float64], total: float, docs: npt.NDArray[np.int32]
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float64]]:
        """As ``_scan``, in a few articles (the second pass of a trace): their sentences are scored
        directly, each word's list only searched for them, instead of reading every list whole and
        keeping what falls in these articles, which cost as much as a first-pass lookup with every
        word allowed. ``scores_of`` adds each sentence's weights in the order the scan's
        ``bincount`` does, so the shares are bit-identical."""
        p = self.postings
        if self._exclude.size:
            docs = docs[~np.isin(docs, self._exclude)]
        docs = docs[(docs >= 0) & (docs < p.n_docs)]
        if docs.size == 0:
            return np.zeros(0, np.int32), np.zeros(0, np.float64)
        first, end = p.doc_first[docs], p.doc_first[docs + 1]
        sents = np.concatenate([np.arange(a, b, dtype=np.int32) for a, b in zip(first, end, strict=True)])
        score = p.scores_of(h, w, sents)
        held = score > 0
        return sents[held], score[held] / total

    def idf(self, ids: Iterable[int]) -> npt.NDArray[np.float64]:
        """IDF of each token hash (sentence frequency; unseen tokens get the highest value)."""
        p = self.postings
        h = np.fromiter(ids, dtype=np.uint32)
        if p.n_sentences == 0:
            return np.full(h.shape[0], math.log(2.0), dtype=np.float64)
        out: npt.NDArray[np.float64] = np.log((p.n_sentences + 1.0) / (p.frequencies(h) + 0.5))
        return out
