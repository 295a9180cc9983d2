"""Off-topic passages: text about a different story than the article's main one.

Works on one article with no corpus: each sentence-like unit is compared with the rest of the
article (another paragraph's closest unit, the headline) by static sentence embeddings when the
embedding model is installed, and always by shared content lemmas and entities. Stitched-in stories
often bring their own headline line, glued to their first sentence; that layout is a feature too.
With provenance matches the evidence gets stronger: a unit with no match while the rest of the
article is traced, or one traced to a source that nothing else in the article comes from.

The weights are a logistic model over these generic features, fitted once on synthetic stitched
articles (dev split) and rounded; no text of that data is used at run time.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from wiretrace.analyze.integrity import coherence
from wiretrace.analyze.integrity.intervals import Intervals
from wiretrace.analyze.integrity.segments import Segmented, Unit, title_case_share, words
from wiretrace.model import Entity, Flag, Match, Span
from wiretrace.settings import FlagSettings

if TYPE_CHECKING:
    from wiretrace.nlp import Embedder

_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
_ENT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "LAW"})
# Fitted weights (see module docstring); "emb" with embeddings, "lex" when they are unavailable.
_W_EMB = {
    "bias": -0.47,
    "head_sim": -5.86,
    "max_sim": -6.32,
    "max_lex": -3.77,
    "lex": 1.57,
    "headline_line": 6.8,
    "after_headline_line": 4.99,
    "ents": -1.07,
    "log_words": 0.24,
}
# A headline line needs the sentence under it to score at least this much on its own.
_HEADLINE_GATE = 0.03
# Units on each side a unit is compared with (every unit of an article-sized text).
_UNIT_WINDOW = 64
# Untraced passages below this single-article score read as the article's own (filler, a missed match).
_UNTRACED_MIN = 0.04
_W_LEX = {
    "bias": -0.04,
    "head_lex": -13.05,
    "max_lex": -7.2,
    "lex": 1.26,
    "headline_line": 6.9,
    "after_headline_line": 5.13,
    "ents": -1.32,
    "log_words": -0.27,
}


@dataclass
class _Cand:
    unit: Unit
    text: str
    para: int
    lemmas: set[str]
    ents: set[str]
    specific: bool  # names, numbers or enough content words: something a story could be about
    headline_line: bool
    feats: dict[str, float]
    score: float = 0.0
    why: str = ""


def _headline_line(seg: Segmented, u: Unit, text: str) -> bool:
    """A short unit without a final stop ending a line glued (single newline) to the next: a headline.

    It may open its line or follow a sentence on it (then it must be title case to tell it apart
    from a sentence cut short).
    """
    line = seg.lines[u.line]
    n = len(words(text))
    if not u.last_in_line or line.blank_after or u.line + 1 >= len(seg.lines) or not 3 <= n <= 20:
        return False
    if text.rstrip().endswith((".", '"', "\u201d", ":", ",", ";", "-")) or not text[0].isupper():
        return False
    nxt = seg.text[seg.lines[u.line + 1].start : seg.lines[u.line + 1].start + 1]
    if nxt.islower():  # a wrapped sentence, not a headline over a new one
        return False
    return u.first_in_line or title_case_share(text) >= 0.7


def _mentions(seg: Segmented, entities: list[Entity]) -> list[tuple[int, int, str]]:
    """Named-entity mentions with a key: the entity id when the entities layer canonicalised it
    ("Putin" and "Vladimir Putin" are one), else the casefolded text of the spaCy entity."""
    layer = sorted((m.start, m.end, f"#{e.id}") for e in entities for m in e.mentions)
    starts = [a for a, _, _ in layer]
    out = list(layer)
    for e in seg.doc.ents if seg.doc is not None else ():
        k = bisect_right(starts, e.start_char) - 1
        if e.label_ in _ENT_LABELS and not (k >= 0 and layer[k][0] <= e.start_char < layer[k][1]):
            out.append((e.start_char, e.end_char, e.text.lower()))
    return sorted(out)


class _Claimed:
    """Spans already claimed by region flags (non-overlapping), with a binary-search overlap test."""

    def __init__(self, taken: list[tuple[int, int]]) -> None:
        self.spans = sorted(taken)
        self.starts = [a for a, _ in self.spans]

    def hits(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end) - 1
        return k >= 0 and self.spans[k][1] > start


def _candidates(seg: Segmented, taken: list[tuple[int, int]], entities: list[Entity]) -> list[_Cand]:
    claimed = _Claimed(taken)
    first = seg.content_lines()[0].index
    out: list[_Cand] = []
    para = 0
    mentions = _mentions(seg, entities)
    starts = [a for a, _, _ in mentions]
    for u in seg.units:
        if u.line == first or claimed.hits(u.start, u.end):
            continue
        if out and u.first_in_line and seg.lines[u.line].blank_before:
            para += 1
        text = seg.of(u.start, u.end)
        toks = seg.tokens(u.start, u.end)
        lem = {t.lemma_.lower() for t in toks if t.pos_ in _CONTENT_POS and not t.is_stop and t.is_alpha}
        lo = bisect_left(starts, u.start)
        hi = bisect_left(starts, u.end)
        ents = {key for a, b, key in mentions[lo:hi] if b <= u.end}
        # something a story could be about: a name, a number or enough content words (not farm filler);
        # a capitalised first word alone is not a name
        names = any(t.like_num or t.pos_ == "PROPN" for t in toks[1:])
        specific = bool(ents) or names or len(lem) >= 6
        out.append(_Cand(u, text, para, lem, ents, specific, _headline_line(seg, u, text), {}))
    return out


def _features(
    cands: list[_Cand], head_lem: set[str], head_vec: np.ndarray | None, vecs: np.ndarray | None
) -> None:
    n = len(cands)
    lem_count: Counter[str] = Counter(w for c in cands for w in c.lemmas)
    ent_count: Counter[str] = Counter(e for c in cands for e in c.ents)
    paras = np.array([c.para for c in cands])
    idx = np.arange(n)
    lemmas = [c.lemmas for c in cands]
    for i, c in enumerate(cands):
        # Compared with units of other paragraphs within a window: linear work on very long inputs.
        lo, hi = max(0, i - _UNIT_WINDOW), min(n, i + _UNIT_WINDOW + 1)
        mask = paras[lo:hi] != c.para
        if np.count_nonzero(mask) < 2:  # one-paragraph text: compare with every unit that is not a neighbour
            mask = np.abs(idx[lo:hi] - i) > 1
        rows = lo + np.flatnonzero(mask)
        others: list[int] = rows.tolist()
        f = c.feats
        f["lex"] = (
            sum(1 for w in c.lemmas if lem_count[w] > 1 or w in head_lem) / len(c.lemmas) if c.lemmas else 0.5
        )
        f["ents"] = sum(1 for e in c.ents if ent_count[e] > 1) / len(c.ents) if c.ents else 0.5
        best = max(map(len, map(c.lemmas.intersection, [lemmas[j] for j in others])), default=0)
        f["max_lex"] = best / max(1, len(c.lemmas)) if others else 0.0
        f["head_lex"] = len(c.lemmas & head_lem) / max(1, len(c.lemmas))
        f["headline_line"] = float(c.headline_line)
        f["after_headline_line"] = float(
            i > 0
            and cands[i - 1].headline_line
            and cands[i - 1].para == c.para
            and cands[i - 1].unit.line + 1 == c.unit.line
        )
        f["log_words"] = math.log1p(len(words(c.text)))
        if vecs is not None and head_vec is not None:
            f["max_sim"] = float((vecs[rows] @ vecs[i]).max()) if others else 0.0
            f["head_sim"] = float(vecs[i] @ head_vec)


def _logistic(feats: dict[str, float], weights: dict[str, float]) -> float:
    z = weights["bias"] + sum(w * feats.get(k, 0.0) for k, w in weights.items() if k != "bias")
    return 1.0 / (1.0 + math.exp(-z))


def _coverage(u: Unit, matches: list[Match], index: Intervals | None = None) -> tuple[float, set[str]]:
    """Share of ``u`` covered by the matches (summed over them) and their sources; ``index`` is
    ``_match_index(matches)``, built once for many units."""
    covered = 0
    sources: set[str] = set()
    index = index or _match_index(matches)
    for k in index.overlapping_ids(u.start, u.end):
        m = matches[k]
        o = min(u.end, m.span.end) - max(u.start, m.span.start)
        if o > 0:
            covered += o
            sources.add(m.source_id)
    return min(1.0, covered / max(1, u.end - u.start)), sources


def find_off_topic(
    seg: Segmented,
    title: str | None,
    cfg: FlagSettings,
    *,
    taken: list[tuple[int, int]],
    matches: list[Match],
    entities: list[Entity] | None = None,
    embedder: Embedder | None = None,
) -> list[Flag]:
    cands = _candidates(seg, taken, entities or [])
    if len(cands) < 3:
        return []
    head = seg.content_lines()[0]
    head_text = title or seg.line_text(head)
    head_lem = {t.lemma_.lower() for t in seg.tokens(head.start, head.end) if t.is_alpha and not t.is_stop}
    vecs = head_vec = None
    if embedder is not None:
        all_vecs = embedder.embed([c.text for c in cands] + [head_text])
        vecs, head_vec = all_vecs[:-1], all_vecs[-1]
    _features(cands, head_lem, head_vec, vecs)
    weights = _W_EMB if vecs is not None else _W_LEX
    for c in cands:
        c.score = _logistic(c.feats, weights)
    _gate_headlines(cands, weights)
    _apply_matches(cands, matches)
    _spread_headline(cands)
    flags = _unit_flags(cands, cfg, taken)
    return _with_paragraphs(flags, seg, title, taken, matches, embedder)


def _with_paragraphs(
    flags: list[Flag],
    seg: Segmented,
    title: str | None,
    taken: list[tuple[int, int]],
    matches: list[Match],
    embedder: Embedder | None,
) -> list[Flag]:
    """Add whole paragraphs that do not cohere with the article (``coherence``); a paragraph flag
    replaces the sentence flags inside it. A paragraph traced to a source is not judged here."""
    paras = coherence.paragraphs(seg, taken)
    if len(paras) < coherence.MIN_PARAGRAPHS:
        return flags
    coherence.features(paras, title, embedder)
    weights = coherence.W_EMB if embedder is not None else coherence.W_LEX
    out: list[Flag] = []
    by_span = Intervals((f.span.start, f.span.end) for f in flags)
    traced = _match_index(matches)
    for p in paras[1:]:
        prob = coherence.score(p.feats, weights)
        if prob < coherence.MIN_PROB:
            continue
        span = Span(start=p.line.start, end=p.line.end)
        unit = Unit(span.start, span.end, p.line.index, True, True)
        if matches and _coverage(unit, matches, traced)[0] >= 0.3:
            continue
        flag = Flag(
            label="off_topic", span=span, score=round(min(prob, 0.99), 3), reason=_paragraph_reason(p)
        )
        inside = [flags[k] for k in by_span.overlapping_ids(span.start, span.end)]
        if inside:  # the sentence evidence (provenance, a headline line) may say more
            best = max(inside, key=lambda f: f.score)
            flag = flag.model_copy(update={"score": max(flag.score, best.score), "reason": best.reason})
        out.append(flag)
    judged = Intervals((o.span.start, o.span.end) for o in out)
    kept = [f for f in flags if not judged.overlaps(f.span.start, f.span.end)]
    return sorted(kept + out, key=lambda f: f.span.start)


def _paragraph_reason(p: coherence.Paragraph) -> str:
    f = p.feats
    parts = []
    if p.ents:
        parts.append(f"{f['ents']:.0%} of the names it mentions appear elsewhere in the article")
    parts.append(f"{f['lex']:.0%} of its content words recur")
    if "sim_rest" in f:
        parts.append(f"similarity {f['sim_rest']:.2f} with the rest of the article")
    return "paragraph about a different story: " + "; ".join(parts)


def _unit_flags(cands: list[_Cand], cfg: FlagSettings, taken: list[tuple[int, int]]) -> list[Flag]:
    claimed = _Claimed(taken)
    flags: list[Flag] = []
    last_line = -1
    for c in cands:
        if not c.specific or c.score < cfg.min_score:
            last_line = -1
            continue
        between = (flags[-1].span.end, c.unit.start) if flags else (0, 0)
        clear = not claimed.hits(*between)  # no caption in between
        if flags and c.unit.line == last_line and not c.headline_line and clear:
            prev = flags.pop()  # the next sentence of the same insert, same line: one flag
            flags.append(prev.model_copy(update={"span": Span(start=prev.span.start, end=c.unit.end)}))
            continue
        flags.append(
            Flag(
                label="off_topic",
                span=Span(start=c.unit.start, end=c.unit.end),
                score=round(min(c.score, 0.99), 3),
                reason=c.why or _reason(c),
            )
        )
        last_line = c.unit.line
    return flags


def _reason(c: _Cand) -> str:
    f = c.feats
    parts = []
    if f.get("headline_line"):
        parts.append("headline-like line of another story inside the body")
    if "max_sim" in f:
        parts.append(
            f"closest passage elsewhere has similarity {f['max_sim']:.2f}, headline {f['head_sim']:.2f}"
        )
    parts.append(f"{f['lex']:.0%} of its content words recur in the article")
    return "about a different story: " + "; ".join(parts)


def _match_index(matches: list[Match]) -> Intervals:
    return Intervals((m.span.start, m.span.end) for m in matches)


def _apply_matches(cands: list[_Cand], matches: list[Match]) -> None:
    """Traced passages strengthen or weaken the single-article evidence."""
    if not matches:
        return
    index = _match_index(matches)
    cov = [_coverage(c.unit, matches, index) for c in cands]
    chars = sum(c.unit.end - c.unit.start for c in cands)
    traced = sum((c.unit.end - c.unit.start) * k for c, (k, _) in zip(cands, cov, strict=True))
    if traced < 0.4 * chars:
        return  # most of the article is not traced: a missing match says little
    uses: Counter[str] = Counter(s for _, srcs in cov for s in srcs)
    for c, (k, srcs) in zip(cands, cov, strict=True):
        if k < 0.3 and c.score >= _UNTRACED_MIN:
            # untraced while the rest is traced: strong evidence unless the passage is plainly coherent
            c.score = max(c.score, 0.6 + 0.35 * c.score)
            c.why = f"no source match while {traced / chars:.0%} of the article is traced; " + _reason(
                c
            ).removeprefix("about a different story: ")
        elif k >= 0.6 and all(uses[s] == 1 for s in srcs) and c.score >= 0.7:
            c.why = "traced to a source nothing else in the article comes from; " + _reason(c)
        elif k >= 0.6:
            c.score *= 0.3


def _gate_headlines(cands: list[_Cand], weights: dict[str, float]) -> None:
    """A headline line counts only when the sentence under it is itself somewhat off the story.

    A sub-heading over an on-topic paragraph has the same layout as a stitched-in story's headline;
    the paragraph's own coherence tells them apart.
    """
    for i, c in enumerate(cands):
        if not c.headline_line:
            continue
        nxt = cands[i + 1] if i + 1 < len(cands) and cands[i + 1].feats.get("after_headline_line") else None
        alone = {**nxt.feats, "after_headline_line": 0.0} if nxt else None
        if alone is None or _logistic(alone, weights) < _HEADLINE_GATE:
            c.feats["headline_line"] = 0.0
            c.score = _logistic(c.feats, weights)
            if nxt is not None:
                nxt.feats["after_headline_line"] = 0.0
                nxt.score = _logistic(nxt.feats, weights)


def _spread_headline(cands: list[_Cand]) -> None:
    """An insert's headline line and its first sentence stand or fall together."""
    for i in range(len(cands) - 1):
        a, b = cands[i], cands[i + 1]
        if a.headline_line and b.feats.get("after_headline_line"):
            top = max(a.score, b.score)
            if min(a.score, b.score) < 0.5 <= top:
                a.score = b.score = top
