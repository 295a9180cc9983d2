"""TF-IDF with document frequencies counted as articles arrive (no refit over the corpus).

A vector is weighted with the statistics at the moment its article is added and then frozen, so adding
an article never changes earlier vectors and a replay in the same order reproduces every weight.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

Vector = dict[str, float]


class TermStats:
    """Running document frequencies."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.docs = 0

    def add(self, terms: Iterable[str]) -> None:
        self.docs += 1
        self.df.update(set(terms))

    def idf(self, term: str) -> float:
        # Smoothed as in scikit-learn (smooth_idf=True): a term seen in every document keeps weight 1.
        return math.log((1 + self.docs) / (1 + self.df[term])) + 1.0

    def vector(self, counts: Mapping[str, int]) -> Vector:
        """Sublinear tf times idf, L2-normalised."""
        raw = {t: (1.0 + math.log(c)) * self.idf(t) for t, c in counts.items() if c > 0}
        norm = math.sqrt(sum(w * w for w in raw.values())) or 1.0
        return {t: w / norm for t, w in raw.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two L2-normalised sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b)


def top_terms(vec: Mapping[str, float], k: int) -> list[str]:
    """The ``k`` heaviest terms, ties broken by the term so the choice is deterministic."""
    return [t for t, _ in sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


class SparseRows:
    """Stored sparse vectors as arrays of term ids and weights, so the dot products of one query with
    a few hundred candidates are a handful of numpy operations instead of a Python loop per term."""

    def __init__(self) -> None:
        import numpy as np

        self.vocab: dict[str, int] = {}
        self.ids: list[np.ndarray] = []
        self.weights: list[np.ndarray] = []

    def add(self, vec: Mapping[str, float]) -> None:
        import numpy as np

        pairs = sorted((self.vocab.setdefault(t, len(self.vocab)), w) for t, w in vec.items())
        self.ids.append(np.fromiter((i for i, _ in pairs), dtype=np.int32, count=len(pairs)))
        self.weights.append(np.fromiter((w for _, w in pairs), dtype=np.float32, count=len(pairs)))

    def dots(self, query: Mapping[str, float], rows: list[int]) -> list[float]:
        """``cosine(query, row)`` for each row (query terms unknown to the store contribute nothing)."""
        import numpy as np

        known = sorted((self.vocab[t], w) for t, w in query.items() if t in self.vocab)
        if not rows or not known:
            return [0.0] * len(rows)
        q_ids = np.fromiter((i for i, _ in known), dtype=np.int32, count=len(known))
        q_w = np.fromiter((w for _, w in known), dtype=np.float32, count=len(known))
        cat_ids = np.concatenate([self.ids[r] for r in rows])
        cat_w = np.concatenate([self.weights[r] for r in rows])
        owner = np.repeat(np.arange(len(rows)), [len(self.ids[r]) for r in rows])
        pos = np.minimum(np.searchsorted(q_ids, cat_ids), len(q_ids) - 1)
        hit = q_ids[pos] == cat_ids
        sums = np.bincount(owner[hit], weights=(cat_w[hit] * q_w[pos[hit]]), minlength=len(rows))
        return [float(x) for x in sums]
