"""Paragraph coherence: how well each paragraph fits the story the rest of the article tells.

A paragraph spliced in from another story (even one on the same broad topic: two sport stories)
names people, places and organisations the article mentions nowhere else, uses content words no
other paragraph uses, and sits far from the article's lead and its neighbours in embedding space.
Each paragraph (a content line) is scored against the rest of the article on those cues:

- embeddings (wordllama, when installed): cosine with the rest of the article (sum of the other
  paragraphs' vectors), with the lead, with each neighbour, and the best match within a window;
- entities: share of the paragraph's named entities whose words recur elsewhere (surname matching,
  so "Vladimir Putin" and "Putin" agree), and how many are new;
- lexical cohesion: share of its content lemmas used elsewhere and in the lead;
- story: share of its numbers that recur;
- every cue also relative to the article's median paragraph, because some articles are tightly
  written and others are loose lists of facts.

Work is linear in the number of paragraphs: "elsewhere" comes from counts over all paragraphs minus
the paragraph's own, and pairwise similarity is taken only within a window of nearby paragraphs.
The weights are a logistic model fitted by ``benchmarks/fit_off_topic.py`` on stitched articles built
from a training corpus (never the cases it is measured on) and written here rounded.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from wiretrace.analyze.integrity.intervals import Intervals
from wiretrace.analyze.integrity.segments import Line, Segmented

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from wiretrace.nlp import Embedder

_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_ENT_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART"}
)
# Paragraphs on each side compared pairwise: keeps the work linear on very long inputs.
WINDOW = 12
# Content paragraphs (title and first lines) that stand for the article's lead.
_LEAD = 2
# Cosine at which two words' static vectors count as the same word family.
_CLOSE_WORD = 0.6

# Fitted weights (see module docstring): with embeddings, and lexical cues alone.
W_EMB: dict[str, float] = {
    "bias": -5.077,
    "ents": 0.768,
    "ents_rel": -0.431,
    "lex": -2.696,
    "lex_lead": -1.22,
    "lex_rel": -1.104,
    "log_words": 1.444,
    "new_ents": 0.673,
    "nums": 0.079,
    "sim_lead": -2.857,
    "sim_lead_rel": -2.212,
    "sim_max": -0.755,
    "sim_max_rel": -0.678,
    "sim_nb_max": 3.803,
    "sim_nb_min": -2.241,
    "sim_rest": -4.986,
    "sim_rest_rel": -2.152,
    "soft_lex": -0.727,
    "soft_lex_rel": 0.247,
}
W_LEX: dict[str, float] = {
    "bias": -2.867,
    "ents": -0.499,
    "ents_rel": -0.85,
    "lex": -4.585,
    "lex_lead": -6.033,
    "lex_rel": -2.982,
    "log_words": 0.882,
    "new_ents": -0.029,
    "nums": 0.339,
}
# Lowest probability reported: chosen on the fitting corpus's held-out part as the highest F1 with at
# most 8 % of clean articles flagged (a false alarm flips a clean article's verdict).
MIN_PROB = 0.8
# Fewest paragraphs for a judgement: with less, "the rest of the article" is too little to compare with.
MIN_PARAGRAPHS = 4


@dataclass
class Paragraph:
    line: Line
    text: str
    lemmas: set[str]
    words: set[str]  # every lowercased word, for entity look-ups
    ents: list[set[str]]  # the words of each named entity (proper-noun words only)
    numbers: set[str]
    feats: dict[str, float] = field(default_factory=dict)


class _Entities:
    """The Doc's named entities once, looked up per paragraph by binary search (``Span.ents`` walks
    every entity of the Doc: paragraphs x entities on a long text). Same rule as ``Span.ents``: the
    entities whose tokens lie wholly inside the span."""

    def __init__(self, doc: Doc | None) -> None:
        self.doc = doc
        self.ents = list(doc.ents) if doc is not None else []
        self.starts = [e.start for e in self.ents]

    def within(self, start: int, end: int) -> list[SpacySpan]:
        if self.doc is None:
            return []
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return []
        out: list[SpacySpan] = []
        k = bisect_left(self.starts, span.start)
        while k < len(self.ents) and self.ents[k].end <= span.end:
            out.append(self.ents[k])
            k += 1
        return out


def _paragraph(seg: Segmented, line: Line, entities: _Entities) -> Paragraph:
    toks = seg.tokens(line.start, line.end)
    lemmas = {
        t.lemma_.lower()
        for t in toks
        if t.pos_ in _CONTENT_POS and not t.is_stop and (t.is_alpha or t.like_num)
    }
    words = {t.lower_ for t in toks if t.is_alpha}
    ents: list[set[str]] = []
    numbers = {t.lower_ for t in toks if t.like_num and any(c.isdigit() for c in t.text)}
    for e in entities.within(line.start, line.end):
        if e.label_ in _ENT_LABELS:
            key = {t.lower_ for t in e if t.is_alpha and not t.is_stop and len(t) > 1}
            if key:
                ents.append(key)
    return Paragraph(line, seg.of(line.start, line.end), lemmas, words, ents, numbers)


def paragraphs(seg: Segmented, taken: list[tuple[int, int]]) -> list[Paragraph]:
    """Content lines not claimed by an earlier region flag (boilerplate, caption, headline)."""
    out: list[Paragraph] = []
    claimed = Intervals(taken)
    entities = _Entities(seg.doc)
    for ln in seg.content_lines():
        if claimed.covered(ln.start, ln.end) < 0.5 * (ln.end - ln.start):
            out.append(_paragraph(seg, ln, entities))
    return out


def _share(items: set[str], counts: Counter[str], own: set[str], default: float = 0.5) -> float:
    """Share of ``items`` also found in another paragraph (``counts`` are paragraph frequencies)."""
    if not items:
        return default
    return sum(1 for w in items if counts[w] - (w in own) > 0) / len(items)


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    n = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b) / n if n > 0 else 0.0


def features(paras: list[Paragraph], title: str | None, embedder: Embedder | None) -> None:
    """Fill ``feats`` of every paragraph; the first paragraph is the article's own lead."""
    n = len(paras)
    lemma_df: Counter[str] = Counter(w for p in paras for w in p.lemmas)
    word_df: Counter[str] = Counter(w for p in paras for w in p.words)
    num_df: Counter[str] = Counter(x for p in paras for x in p.numbers)
    lead = paras[:_LEAD]
    lead_lemmas = set().union(*(p.lemmas for p in lead)) if lead else set()
    title_words = {w.lower() for w in (title or "").split()}
    vecs = total = lead_vec = None
    if embedder is not None:
        texts = [p.text for p in paras]
        vecs = embedder.embed(texts + ([title] if title else []))
        total = vecs[:n].sum(axis=0)
        lead_vec = vecs[: min(_LEAD, n)].sum(axis=0) + (vecs[n] if title else 0.0)
    for i, p in enumerate(paras):
        f = p.feats
        f["lex"] = _share(p.lemmas, lemma_df, p.lemmas)
        own_lead = p.lemmas if i < _LEAD else set()
        in_lead = lead_lemmas - own_lead | title_words
        f["lex_lead"] = len(p.lemmas & in_lead) / len(p.lemmas) if p.lemmas else 0.5
        shared = [any(word_df[w] - (w in p.words) > 0 or w in title_words for w in e) for e in p.ents]
        f["ents"] = sum(shared) / len(shared) if shared else 0.5
        f["new_ents"] = math.log1p(len(shared) - sum(shared))
        f["nums"] = _share(p.numbers, num_df, p.numbers)
        f["log_words"] = math.log1p(len(p.text.split()))
        if vecs is not None and total is not None and lead_vec is not None:
            v = vecs[i]
            f["sim_rest"] = _cos(v, total - v)
            f["sim_lead"] = _cos(v, lead_vec - (v if i < _LEAD else 0.0))
            prev = _cos(v, vecs[i - 1]) if i > 0 else None
            nxt = _cos(v, vecs[i + 1]) if i + 1 < n else None
            near = [s for s in (prev, nxt) if s is not None]
            f["sim_nb_max"] = max(near) if near else 0.0
            f["sim_nb_min"] = min(near) if near else 0.0
            lo, hi = max(0, i - WINDOW), min(n, i + WINDOW + 1)
            window = vecs[lo:hi] @ v
            window[i - lo] = -1.0
            f["sim_max"] = float(window.max()) if hi - lo > 1 else 0.0
    if embedder is not None:
        _soft_cohesion(paras, embedder)
    _relative(paras)


def _soft_cohesion(paras: list[Paragraph], embedder: Embedder) -> None:
    """Share of a paragraph's content words with a close word (same stem, inflection, derivation:
    "rescuers"/"rescued") in a nearby paragraph or the lead: lexical cohesion that exact lemmas miss."""
    vocab = sorted({w for p in paras for w in p.lemmas if w.isalpha()})
    if not vocab:
        return
    index = {w: k for k, w in enumerate(vocab)}
    wv = embedder.embed(vocab)
    # Plain int lists for the set building (iterating a numpy array makes a scalar object per item);
    # the set gets the same insertions in the same order, so the same columns in the same order.
    own_ids = [[index[w] for w in p.lemmas if w in index] for p in paras]
    own = [np.array(ids, dtype=np.int64) for ids in own_ids]
    n = len(paras)
    for i, p in enumerate(paras):
        if own[i].size == 0:
            p.feats["soft_lex"] = 0.5
            continue
        lo, hi = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        others: set[int] = set()
        for j in (*range(lo, hi), *range(min(_LEAD, n))):
            if j != i:
                others.update(own_ids[j])
        if not others:
            p.feats["soft_lex"] = 0.0
            continue
        sims = wv[own[i]] @ wv[np.fromiter(others, dtype=np.int64)].T
        p.feats["soft_lex"] = float((sims.max(axis=1) >= _CLOSE_WORD).mean())


def _relative(paras: list[Paragraph]) -> None:
    """Each cue minus its median over the article's paragraphs (how this one stands out)."""
    if not paras:
        return
    for key in ("lex", "ents", "sim_rest", "sim_lead", "sim_max", "soft_lex"):
        vals = [p.feats[key] for p in paras if key in p.feats]
        if not vals:
            continue
        med = float(np.median(vals))
        for p in paras:
            if key in p.feats:
                p.feats[f"{key}_rel"] = p.feats[key] - med


def score(feats: dict[str, float], weights: dict[str, float]) -> float:
    z = weights["bias"] + sum(w * feats.get(k, 0.0) for k, w in weights.items() if k != "bias")
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
