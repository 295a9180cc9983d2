"""Near-duplicates: a passage or a quote that appears twice, in the same or in different wording.

Stitched articles often carry the same statement from two agencies ("very bad remarks by the U.S.
president" and "really bad remarks by the USA president"). Three tests, cheapest first: the same
sentence after normalisation; the same quotation (fuzzy, long enough not to be a stock phrase);
a paraphrase (close sentence embeddings and shared content words). The later copy is flagged and
``related`` points at the earlier one.

Two passages are one statement only when they *agree*: the same figures (digits and number words)
and the same polarity (no negation on one side only, no outcome opposite such as won/lost or
rose/fell). Parallel sentences in a results list ("A won 3-1", "B lost 2-0") are not repeats.

Work stays near-linear: exact repeats are found through a dictionary over the whole text; fuzzy and
embedding comparisons look back at most ``_LOOKBACK`` passages.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import cdist

from wiretrace import lexicons
from wiretrace.analyze.integrity.segments import Segmented, Unit, norm_key, words
from wiretrace.model import Flag, Quote, Span
from wiretrace.settings import FlagSettings

if TYPE_CHECKING:
    from wiretrace.nlp import Embedder

_QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{3,400})[\"\u201d]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_TOKEN = re.compile(r"[a-z]+(?:n't)?|n't")
# How many earlier passages a passage is compared with (fuzzy and embedding tests).
_LOOKBACK = 256


@cache
def _stop() -> frozenset[str]:
    return lexicons.load("flags_near_duplicate_stopwords")


@cache
def _opposites() -> dict[str, tuple[int, int]]:
    """Word -> (pair number, side) for every outcome-opposite family."""
    out: dict[str, tuple[int, int]] = {}
    for k, line in enumerate(lexicons.entries("flags_opposites")):
        for side, family in enumerate(line.split("|")):
            for w in family.split():
                out[w] = (k, side)
    return out


# A negation inside a changed stretch this short flips the sentence ("will reopen" / "will not
# reopen"); inside a longer added clause it belongs to that clause, not to the shared statement.
_SHORT_CHANGE = 3


@dataclass(frozen=True)
class _Facts:
    """What two passages must share to be one statement: the figures, and no flipped polarity."""

    numbers: frozenset[str]
    tokens: tuple[str, ...]

    def agrees(self, other: _Facts) -> bool:
        return self.numbers == other.numbers and not _opposed(self.tokens, other.tokens)


def _opposed(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """A short change that adds or drops a negation, or swaps an outcome for its opposite."""
    negations = lexicons.load("flags_negations")
    opposites = _opposites()
    for op in Levenshtein.opcodes(a, b):
        if op.tag == "equal":
            continue
        left, right = a[op.src_start : op.src_end], b[op.dest_start : op.dest_end]
        if len(left) <= _SHORT_CHANGE and len(right) <= _SHORT_CHANGE:
            neg_l = sum(1 for t in left if t in negations or t.endswith("n't"))
            neg_r = sum(1 for t in right if t in negations or t.endswith("n't"))
            if neg_l % 2 != neg_r % 2:
                return True
        poles_l = {opposites[t] for t in left if t in opposites}
        poles_r = {opposites[t] for t in right if t in opposites}
        if any((k, 1 - side) in poles_r for k, side in poles_l):
            return True
    return False


def facts(text: str) -> _Facts:
    """Figures (digits and number words) and the word sequence of one passage."""
    low = text.lower().replace("\u2019", "'")
    toks = tuple(_TOKEN.findall(low))
    number_words = lexicons.load("flags_number_words")
    numbers = {n.replace(",", "") for n in _NUMBER.findall(low)} | {t for t in toks if t in number_words}
    return _Facts(frozenset(numbers), toks)


def _content(text: str) -> set[str]:
    stop = _stop()
    return {w.lower() for w in words(text) if w.lower() not in stop and len(w) > 2}


def _quotes_in(seg: Segmented, units: list[Unit], quotes: list[Quote]) -> list[tuple[int, str]]:
    """(unit index, quote text) for every quotation: the quotes layer's spans and the text inside
    quotation marks (a reported-speech span may hold a verbatim quote that repeats elsewhere)."""
    marked = {(m.start(1), m.end(1)) for m in _QUOTED.finditer(seg.text)}
    # Partial quotes nested in a mixed quote are quotations too (they may be the repeated words).
    every = [*quotes, *(n for q in quotes for n in q.nested)]
    spans = sorted({(q.span.start, q.span.end) for q in every} | marked)
    starts = [u.start for u in units]
    out: list[tuple[int, str]] = []
    for a, b in spans:
        i = bisect_right(starts, a) - 1  # np.searchsorted would copy the list into an array each time
        if i >= 0 and units[i].start <= a < units[i].end:
            out.append((i, seg.text[a:b]))
    return out


class _Found:
    """Later unit -> (earlier unit, score, reason), keeping the best reason per later unit."""

    def __init__(self) -> None:
        self.best: dict[int, tuple[int, float, str]] = {}

    def note(self, later: int, earlier: int, score: float, reason: str) -> None:
        if later not in self.best or self.best[later][1] < score:
            self.best[later] = (earlier, score, reason)


def _repeats(keys: list[str], info: list[_Facts], min_words: int, found: _Found) -> None:
    """The same passage again: identical after normalisation (any distance) or fuzzy-equal nearby."""
    first: dict[str, int] = {}
    for j, key in enumerate(keys):
        if key in first and len(key.split()) >= min_words:
            found.note(j, first[key], 0.95, "repeats an earlier passage")
        first.setdefault(key, j)
    for lo in range(0, len(keys), _LOOKBACK):
        hi = min(len(keys), lo + _LOOKBACK)
        back = max(0, lo - _LOOKBACK)
        alike = cdist(keys[lo:hi], keys[back:hi], scorer=fuzz.ratio, score_cutoff=90, workers=1)
        for j in range(lo, hi):
            if j in found.best or len(keys[j].split()) < min_words:
                continue
            row = alike[j - lo, : j - back]
            for k in (back + int(x) for x in np.flatnonzero(row)):
                if info[k].agrees(info[j]):
                    found.note(j, k, 0.95, "repeats an earlier passage")
                    break


def _repeated_quotes(qs: list[tuple[int, str]], found: _Found) -> None:
    keyed = [(i, norm_key(q), facts(q)) for i, q in qs]
    keys = [k for _, k, _ in keyed]
    # One C-level ``cdist`` per block finds the candidate pairs (its float32 scores only filter);
    # each candidate is then checked exactly, in the order of the pairwise loop it replaces.
    for lo in range(0, len(keys), _LOOKBACK):
        hi = min(len(keys), lo + _LOOKBACK)
        back = max(0, lo - _LOOKBACK)
        alike = cdist(keys[lo:hi], keys[back:hi], scorer=fuzz.ratio, score_cutoff=74, workers=1)
        for b in range(lo, hi):
            row = alike[b - lo, max(0, b - _LOOKBACK) - back : b - back]
            for a in (max(0, b - _LOOKBACK) + int(x) for x in np.flatnonzero(row)):
                (i, qa, fa), (j, qb, fb) = keyed[a], keyed[b]
                if i == j:
                    continue
                r = fuzz.ratio(qa, qb)
                if r >= 75 and fa.agrees(fb):
                    reason = f"repeats a quotation of an earlier passage ({r:.0f}% alike)"
                    found.note(max(i, j), min(i, j), round(0.55 + 0.4 * r / 100, 3), reason)


def _paraphrases(
    texts: list[str], info: list[_Facts], embedder: Embedder, threshold: float, found: _Found
) -> None:
    content = [_content(t) for t in texts]
    vecs = embedder.embed(texts)
    n = len(texts)
    for lo in range(0, n, _LOOKBACK):
        hi = min(n, lo + _LOOKBACK)
        back = max(0, lo - _LOOKBACK)
        sims = vecs[lo:hi] @ vecs[back:hi].T
        for later, earlier in ((lo + int(a), back + int(b)) for a, b in np.argwhere(sims >= threshold)):
            if earlier >= later:
                continue
            a_words, b_words = content[earlier], content[later]
            if len(b_words) < 5:
                continue
            shared = len(a_words & b_words) / max(1, min(len(a_words), len(b_words)))
            # a restatement keeps the figures and the outcome; same-shaped sentences with other
            # numbers or the opposite result are two statements
            if shared >= 0.5 and info[earlier].agrees(info[later]):
                s = float(sims[later - lo, earlier - back])
                reason = f"says the same as an earlier passage (similarity {s:.2f})"
                found.note(later, earlier, round(min(0.95, s), 3), reason)


def find_near_duplicates(
    seg: Segmented,
    cfg: FlagSettings,
    *,
    taken: list[tuple[int, int]],
    quotes: list[Quote],
    embedder: Embedder | None = None,
) -> list[Flag]:
    first = seg.content_lines()[0].index if seg.lines else -1
    spans = sorted(taken)
    starts = [a for a, _ in spans]
    units = [u for u in seg.units if u.line != first and not _overlaps(spans, starts, u.start, u.end)]
    if len(units) < 2:
        return []
    texts = [seg.of(u.start, u.end) for u in units]
    info = [facts(t) for t in texts]
    found = _Found()
    min_words = cfg.near_duplicate_min_words
    _repeats([norm_key(t) for t in texts], info, min_words, found)
    qs = [(i, q) for i, q in _quotes_in(seg, units, quotes) if len(words(q)) >= min_words]
    _repeated_quotes(qs, found)
    if embedder is not None:
        _paraphrases(texts, info, embedder, cfg.near_duplicate_similarity, found)
    return [
        Flag(
            label="near_duplicate",
            span=Span(start=units[j].start, end=units[j].end),
            score=score,
            reason=reason,
            related=[Span(start=units[i].start, end=units[i].end)],
        )
        for j, (i, score, reason) in sorted(found.best.items())
    ]


def _overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of the sorted, non-overlapping ``spans`` (binary search)."""
    k = bisect_left(starts, end) - 1
    return k >= 0 and spans[k][1] > start
