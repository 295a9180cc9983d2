"""Candidate lookup within a few articles (searched, not scanned) gives exactly the full scan's results."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace.extract import article_from_text
from wiretrace.reuse import view
from wiretrace.reuse.index import Index
from wiretrace.reuse.postings import _meet
from wiretrace.settings import ReuseSettings

# Invented syllables; a Zipf-like draw makes a few words very common and most of them rare.
_SYLLABLES = ["ka", "lo", "mi", "ne", "su", "ra", "to", "vel", "dor", "bri", "qua", "zen"]


def _vocabulary(rng: random.Random, n: int) -> list[str]:
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _sentence(rng: random.Random, vocab: list[str]) -> str:
    weights = [1.0 / (i + 1) for i in range(len(vocab))]
    words = rng.choices(vocab, weights=weights, k=rng.randint(6, 14))
    return " ".join(words).capitalize() + "."


def _corpus(seed: int, n: int, vocab: list[str]) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(_sentence(rng, vocab) for _ in range(rng.randint(2, 6))) for _ in range(n)]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 300), max_size=60, unique=True),
    st.lists(st.integers(0, 300), max_size=60, unique=True),
)
def test_meet_is_the_sorted_intersection(a: list[int], b: list[int]) -> None:
    left, right = np.array(sorted(a), np.int32), np.array(sorted(b), np.int32)
    assert _meet(left, right).tolist() == sorted(set(a) & set(b))


def _reference_query(
    v: view.IndexView, features: set[int], within: list[int] | None
) -> list[tuple[int, float]]:
    """The lookup as first written: every postings list read whole, then filtered and scored."""
    p = v.postings
    n = p.n_sentences
    h = np.fromiter(features, dtype=np.uint32, count=len(features))
    df = p.frequencies(h)
    idf = np.log((n + 1.0) / (df + 0.5))
    total = float(idf.sum())
    max_df = max(v.settings.max_df_share * n, 100.0) if within is None else float(n)
    use = np.flatnonzero((df > 0) & (df <= max_df))
    if not features or use.size == 0 or total <= 0:
        return []
    sent, weight = p.sentences(h[use], idf[use])
    if within is not None:
        allowed = np.isin(p.sent_doc[sent], np.array(within, np.int32))
        sent, weight = sent[allowed], weight[allowed]
    if v._exclude.size:
        kept = ~np.isin(p.sent_doc[sent], v._exclude)
        sent, weight = sent[kept], weight[kept]
    if sent.size == 0:
        return []
    uniq, inverse = np.unique(sent, return_inverse=True)
    score = np.bincount(inverse, weights=weight) / total
    floor = max(v.settings.retrieval_share, 0.4 * float(score.max()))
    keep = np.flatnonzero(score >= floor)
    top = keep[np.argsort(-score[keep], kind="stable")[: v.settings.candidates]]
    return [(int(uniq[i]), float(score[i])) for i in top]


@pytest.mark.parametrize(("share", "k"), [(0.25, 8), (0.05, 8), (0.6, 8), (0.25, 2)])
def test_query_equals_the_full_scan_bit_for_bit(tmp_path: Path, share: float, k: int) -> None:
    rng = random.Random(7)
    vocab = _vocabulary(rng, 400)
    settings_ = ReuseSettings(retrieval_share=share, candidates=k, max_df_share=0.5, postings_delta=1000)
    with Index.open(tmp_path / "p.db", settings_) as idx:
        idx.add_many(article_from_text(t, id=f"a{i}") for i, t in enumerate(_corpus(1, 300, vocab)))
        _ = idx.postings  # the snapshot segment; the next articles go to the in-memory delta
        idx.add_many(article_from_text(t, id=f"b{i}") for i, t in enumerate(_corpus(2, 40, vocab)))
        assert len(idx.postings.segments) == 2
        queries = [idx.normalizer.features(_sentence(rng, vocab)) for _ in range(150)]
        within = sorted({rng.randrange(idx.postings.n_docs) for _ in range(60)})
        v = idx.view(exclude=["a5", "b3", idx.postings.ids[within[0]]])
        fast = [(v.query(f), v.query(f, within=within)) for f in queries]
        full = [(_reference_query(v, f, None), _reference_query(v, f, within)) for f in queries]
    assert fast == full
    # The check means something: candidates were found, in and out of ``within``.
    assert sum(len(a) for a, _ in fast) > 20 and sum(len(b) for _, b in fast) > 10


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(0, 500), max_size=40, unique=True), min_size=1, max_size=8))
def test_group_is_unique_with_inverse(runs: list[list[int]]) -> None:
    sent = np.array([s for run in runs for s in sorted(run)], np.int32)
    uniq, inverse = view._group(sent)
    want_uniq, want_inverse = np.unique(sent, return_inverse=True)
    assert uniq.tolist() == want_uniq.tolist() and inverse.tolist() == want_inverse.tolist()


def test_owned_pairs_build_the_same_segment_and_let_go_of_the_inputs() -> None:
    from wiretrace.reuse.postings import Inverted

    rng = np.random.default_rng(3)
    hashes = rng.integers(0, 2**32, 500, dtype=np.uint64).astype(np.uint32)
    hashes[::3] = hashes[0]  # one hash with many sentences
    sents = rng.integers(0, 2**31 - 1, 500).astype(np.int32)
    kept = Inverted.from_pairs(hashes, sents)
    pairs: list = [hashes.copy(), sents.copy()]
    owned = Inverted.from_owned_pairs(pairs)
    assert pairs == []
    for a, b in ((kept.keys, owned.keys), (kept.starts, owned.starts), (kept.post, owned.post)):
        assert np.array_equal(a, b)
    first = int(np.searchsorted(kept.keys, hashes[0]))
    got = kept.post[kept.starts[first] : kept.starts[first + 1]]
    assert got.tolist() == sorted(sents[hashes == hashes[0]].tolist())  # ascending within a hash
