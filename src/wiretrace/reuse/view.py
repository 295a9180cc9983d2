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


def _lazy(weights: npt.NDArray[np.float64], floor: float) -> npt.NDArray[np.bool_]:
    """The words that cannot make a candidate on their own (the "non-essential" terms of MaxScore).

    A source sentence is kept only when the weights of the words it shares add up to at least
    ``floor`` (``retrieval_share`` of the sentence's weight; the relative cut only raises it). The
    lowest-weighted (most common) words whose weights together stay under ``floor`` cannot reach it
    without a rarer word, so only sentences holding a rarer word are candidates, and the common words'
    long postings lists are only probed for those. The results are exactly those of a full scan. The
    margin keeps the bound safe from rounding (sums here and in the scores are in different orders).
    """
    lazy = np.zeros(weights.shape[0], np.bool_)
    if floor <= 0 or weights.shape[0] == 0:
        return lazy
    order = np.argsort(weights, kind="stable")
    within = np.cumsum(weights[order]) < floor * (1.0 - 1e-9)
    lazy[order[within]] = True
    return lazy


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
        sent, weight = p.sentences(h[use], idf[use], _lazy(idf[use], self.settings.retrieval_share * total))
        if within is not None:
            allowed = np.isin(p.sent_doc[sent], np.fromiter(within, dtype=np.int32))
            sent, weight = sent[allowed], weight[allowed]
        if self._exclude.size:
            kept = ~np.isin(p.sent_doc[sent], self._exclude)
            sent, weight = sent[kept], weight[kept]
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
        if p.n_sentences == 0:
            return np.full(h.shape[0], math.log(2.0), dtype=np.float64)
        out: npt.NDArray[np.float64] = np.log((p.n_sentences + 1.0) / (p.frequencies(h) + 0.5))
        return out
