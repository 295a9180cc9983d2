"""Near-duplicates: a passage or a quote that appears twice, in the same or in different wording.

Stitched articles often carry the same statement from two agencies ("very bad remarks by the U.S.
president" and "really bad remarks by the USA president"). Three tests, cheapest first: the same
sentence after normalisation; the same quotation (fuzzy, long enough not to be a stock phrase);
a paraphrase (close sentence embeddings and shared content words). The later copy is flagged and
``related`` points at the earlier one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from wiretrace.analyze.integrity.segments import Segmented, Unit, norm_key, words, wordset
from wiretrace.model import Flag, Quote, Span
from wiretrace.settings import FlagSettings

if TYPE_CHECKING:
    from wiretrace.nlp import Embedder

_QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{3,400})[\"\u201d]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_STOP = wordset(
    "the a an of in on at to for from by with and or but as is are was were be been has have had "
    "it its this that these those he she they we i you his her their our said says told"
)


def _content(text: str) -> set[str]:
    return {w.lower() for w in words(text) if w.lower() not in _STOP and len(w) > 2}


def _quotes_in(seg: Segmented, units: list[Unit], quotes: list[Quote]) -> list[tuple[int, str]]:
    """(unit index, quote text) for every quotation: the quotes layer when present, else quote marks."""
    spans = [(q.span.start, q.span.end) for q in quotes]
    if not spans:
        spans = [(m.start(1), m.end(1)) for m in _QUOTED.finditer(seg.text)]
    out: list[tuple[int, str]] = []
    for a, b in spans:
        for i, u in enumerate(units):
            if u.start <= a < u.end:
                out.append((i, seg.text[a:b]))
                break
    return out


def find_near_duplicates(
    seg: Segmented,
    cfg: FlagSettings,
    *,
    taken: list[tuple[int, int]],
    quotes: list[Quote],
    embedder: Embedder | None = None,
) -> list[Flag]:
    first = seg.content_lines()[0].index if seg.lines else -1
    units = [u for u in seg.units if u.line != first and not any(a < u.end and u.start < b for a, b in taken)]
    if len(units) < 2:
        return []
    texts = [seg.of(u.start, u.end) for u in units]
    keys = [norm_key(t) for t in texts]
    content = [_content(t) for t in texts]
    numbers = [set(_NUMBER.findall(t)) for t in texts]
    found: dict[int, tuple[int, float, str]] = {}  # later unit -> (earlier unit, score, reason)

    def note(later: int, earlier: int, score: float, reason: str) -> None:
        if later not in found or found[later][1] < score:
            found[later] = (earlier, score, reason)

    min_words = cfg.near_duplicate_min_words
    alike = cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=90, workers=1)  # all pairs in C
    for j in range(len(units)):
        if len(keys[j].split()) < min_words:
            continue
        for k in (int(x) for x in np.flatnonzero(alike[j, :j])):
            if keys[k] == keys[j] or numbers[k] == numbers[j]:
                note(j, k, 0.95, "repeats an earlier passage")
                break
    qs = [(i, norm_key(q)) for i, q in _quotes_in(seg, units, quotes) if len(words(q)) >= min_words]
    for b in range(len(qs)):
        for a in range(b):
            (i, qa), (j, qb) = qs[a], qs[b]
            if i == j:
                continue
            r = fuzz.ratio(qa, qb)
            if r >= 75:
                note(
                    max(i, j),
                    min(i, j),
                    round(0.55 + 0.4 * r / 100, 3),
                    f"repeats a quotation of an earlier passage ({r:.0f}% alike)",
                )
    if embedder is not None:
        vecs = embedder.embed(texts)
        sims = vecs @ vecs.T
        close = np.argwhere(np.tril(sims, -1) >= cfg.near_duplicate_similarity)
        for later, earlier in ((int(a), int(b)) for a, b in close):
            a_words, b_words = content[earlier], content[later]
            if len(b_words) < 5:
                continue
            shared = len(a_words & b_words) / max(1, min(len(a_words), len(b_words)))
            s = float(sims[later, earlier])
            # a restatement keeps the figures; same-shaped sentences with other numbers are not one
            if shared >= 0.5 and numbers[earlier] == numbers[later]:
                reason = f"says the same as an earlier passage (similarity {s:.2f})"
                note(later, earlier, round(min(0.95, s), 3), reason)
    flags: list[Flag] = []
    for j, (i, score, reason) in sorted(found.items()):
        flags.append(
            Flag(
                label="near_duplicate",
                span=Span(start=units[j].start, end=units[j].end),
                score=score,
                reason=reason,
                related=[Span(start=units[i].start, end=units[i].end)],
            )
        )
    return flags
