"""Trace an article's passages to indexed articles: retrieve, align, decide, choose, merge, describe.

1. Each sentence of the article asks the index for candidate source sentences (rare-word overlap).
2. Candidates of one source article are aligned together against a window of that article (the
   candidate sentences plus one on each side), so a sentence built from two source sentences aligns
   in one piece; a sentence with its clauses moved can still match as a bag of words.
3. An alignment is kept only when it is evidence of copying (``_is_evidence``).
4. ``passages.choose`` keeps per sentence the best source, second sources of other parts and equal
   alternatives; ``passages.merge_passages`` joins consecutive sentences from one source.
5. A second pass looks up the still-untraced sentences only in the sources already found, where a
   short near-verbatim sentence is enough; ``transforms.describe`` says what changed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from itertools import pairwise

import numpy as np

from wiretrace.model import Article, Match, Span
from wiretrace.notation import same_statement
from wiretrace.reuse.align import Alignment, align, restrict, tighten
from wiretrace.reuse.normalize import Tokens, split_sentences
from wiretrace.reuse.passages import Hit, choose, merge_passages
from wiretrace.reuse.postings import Postings
from wiretrace.reuse.transforms import MERGED, describe
from wiretrace.reuse.view import IndexView
from wiretrace.settings import ReuseSettings

# Evidence per function word or punctuation token inside an equal run of at least _RUN tokens.
_RUN_WORD = 0.1
_RUN = 4
# An unbroken equal run this long (tokens) is a copied fragment even when it has few content words.
_LONG_RUN = 6
# A reworded sentence matches as a bag of words when it shares this many content words and this
# IDF-weighted Dice with one source sentence.
_BAG_MIN_WORDS = 5
_BAG_DICE = 0.6
# Once a sentence is covered nearly verbatim, sources retrieved with less than this share of the
# covering source's retrieval score are not aligned for it.
_SKIP_BELOW = 0.8


class _Doc:
    """A candidate source article; its tokens are computed on first use (many candidates never are)."""

    def __init__(
        self,
        index: IndexView,
        doc: int,
        text: str,
        published: dt.date | None,
        first: int,
        end: int,
        p: Postings,
    ) -> None:
        self.text = text
        self.published = published
        self.first_sentence = first  # global number of its first sentence
        self.n_sentences = end - first
        self.sent_starts = p.sent_span[first:end, 0]  # character offset where each sentence starts
        self._index = index
        self._doc = doc
        self._tokens: Tokens | None = None

    @property
    def tokens(self) -> Tokens:
        if self._tokens is None:
            self._tokens = self._index.source_tokens(self._doc, self.text)
        return self._tokens


def trace_article(index: IndexView, article: Article) -> list[Match]:
    """Every passage of ``article`` copied from an indexed article, in text order (see module docstring)."""
    if index.postings.n_sentences == 0:
        return []
    tracer = _Tracer(index, article.text)
    wanted = tracer.retrieve()
    if not wanted:
        return []
    tracer.load(wanted)
    chosen = tracer.choose(tracer.align_all(wanted, in_context=False))
    # Second pass, in context: a sentence too short or too common to be evidence on its own ("Terms
    # were not disclosed.") is looked up only in the articles this one is already known to copy from.
    again = tracer.retrieve_in_context(chosen)
    if again:
        chosen += tracer.choose(tracer.align_all(again, in_context=True))
    tracer.describe(chosen)
    return tracer.matches(chosen)


_Wanted = dict[tuple[int, int], list[int]]  # (unit, doc position) -> candidate local sentences


class _Tracer:
    """The state of tracing one article: its sentences, tokens, candidate sources and retrieval shares."""

    def __init__(self, index: IndexView, text: str) -> None:
        self.index = index
        self.settings = index.settings
        self.p = index.postings
        self.text = text
        self.units = split_sentences(text)
        self.share: dict[tuple[int, int], float] = {}  # best retrieval share per (unit, doc position)
        self.docs: dict[int, _Doc] = {}
        self.q = index.normalizer.tokens(text)
        # IDF in "rare-word units" (1.0 = a word never indexed): thresholds mean the same at any index size.
        self.q_idf = index.idf(self.q.ids) / self._idf_unit() * self.q.content

    def _idf_unit(self) -> float:
        return math.log((self.p.n_sentences + 1.0) / 0.5)

    def retrieve(self) -> _Wanted:
        """Candidate source sentences of every article sentence (rare-word overlap)."""
        wanted: _Wanted = defaultdict(list)
        features = self.index.normalizer.features
        for u, (a, b) in enumerate(self.units):
            for g, sh in self.index.query(features(self.text[a:b])):
                key = (u, int(self.p.sent_doc[g]))
                wanted[key].append(int(self.p.sent_local[g]))
                self.share[key] = max(self.share.get(key, 0.0), sh)
        return wanted

    def retrieve_in_context(self, chosen: list[Hit]) -> _Wanted:
        """Still-untraced sentences looked up only in the sources already found with strong evidence."""
        strong = {h.pos for h in chosen if h.info >= 2 * self.settings.min_evidence}
        again: _Wanted = defaultdict(list)
        if not strong:
            return again
        taken = {h.unit for h in chosen}
        features = self.index.normalizer.features
        for u, (a, b) in enumerate(self.units):
            if u in taken:
                continue
            for g, _share in self.index.query(features(self.text[a:b]), within=strong):
                key = (u, int(self.p.sent_doc[g]))
                again[key].append(int(self.p.sent_local[g]))
                self.share.setdefault(key, 0.0)
        return again

    def load(self, wanted: _Wanted) -> None:
        self.docs = _load_docs(self.index, self.p, {pos for _, pos in wanted})

    def choose(self, hits: list[Hit]) -> list[Hit]:
        return choose(hits, self.settings.alternate_margin, self.narrow)

    def evaluate(self, u: int, pos: int, al: Alignment | None, in_context: bool = False) -> Hit | None:
        """A Hit when the alignment is evidence of copying (see ``_is_evidence``), else None."""
        if al is None or al.matched < (2 if in_context else self.settings.min_matched_tokens):
            return None
        if al.similarity < self.settings.min_similarity:
            return None
        q, d = self.q, self.docs[pos]
        q_range = q.window(*self.units[u])
        # Function words inside long equal runs count a little: their order is evidence of copying.
        matched_idf = float(sum(self.q_idf[b[0] : b[0] + b[2]].sum() for b in al.blocks)) + _RUN_WORD * sum(
            int((~q.content[b[0] : b[0] + b[2]]).sum()) for b in al.blocks if b[2] >= _RUN
        )
        unit_idf = float(self.q_idf[q_range[0] : q_range[1]].sum())
        sr = _sentence_range(self.p, d, al)
        whole = al.s_content / max(1, int(d.tokens.content[sr[0] : sr[1]].sum()))
        coverage = min(1.0, matched_idf / unit_idf) if unit_idf else 0.0
        hit = Hit(u, pos, al, matched_idf, coverage, whole, max(b[2] for b in al.blocks))
        ok = _is_context_evidence(hit) if in_context else _is_evidence(hit, self.settings)
        if not ok or _numbers_differ(al, q, self.text, d.tokens, d.text):
            return None
        return hit

    def narrow(self, h: Hit, lo: int, hi: int) -> Hit | None:
        d = self.docs[h.pos]
        return self.evaluate(h.unit, h.pos, restrict(h.al, lo, hi, self.q.content, d.tokens.content))

    def align_all(self, wanted: _Wanted, in_context: bool) -> list[Hit]:
        hits: list[Hit] = []
        # Per sentence, best-retrieved sources first: once one covers the sentence nearly verbatim, a
        # source that shared much less of it can be neither an equal alternative nor a second source.
        order = sorted(wanted, key=lambda k: (k[0], -self.share.get(k, 0.0), k[1]))
        done: dict[int, float] = {}  # unit -> retrieval share of the source that covered it
        for u, pos in order:
            share = self.share.get((u, pos), 0.0)
            if pos not in self.docs or share < _SKIP_BELOW * done.get(u, 0.0):
                continue
            best = self._best_window(u, pos, wanted[(u, pos)], in_context)
            if best is None and not in_context:
                best = self.reworded(u, pos, wanted[(u, pos)])
            if best is not None:
                hits.append(best)
                if best.coverage >= 0.9 and best.al.similarity >= 0.95 and u not in done:
                    done[u] = share
        return hits

    def _best_window(self, u: int, pos: int, local: list[int], in_context: bool) -> Hit | None:
        """The best-evidenced alignment of sentence ``u`` against each window of source ``pos``."""
        q, d, p = self.q, self.docs[pos], self.p
        q_range = q.window(*self.units[u])
        best: Hit | None = None
        for lo, hi in _windows(local, d.n_sentences):
            s_range = d.tokens.window(
                int(p.sent_span[d.first_sentence + lo, 0]), int(p.sent_span[d.first_sentence + hi, 1])
            )
            al = align(q.ids, q.content, q_range, d.tokens.ids, d.tokens.content, s_range)
            hit = self.evaluate(u, pos, al, in_context)
            if hit is None and al is not None:  # maybe diluted by a neighbouring passage
                hit = self.evaluate(u, pos, tighten(al, q.content, d.tokens.content), in_context)
            if hit is not None and (
                best is None or (hit.info, hit.al.similarity) > (best.info, best.al.similarity)
            ):
                best = hit
        return best

    def reworded(self, u: int, pos: int, local: list[int]) -> Hit | None:
        """A sentence rewritten with its clauses moved (a reworded translation) defeats an in-order
        alignment; if it shares most of a source sentence's rare words, as a bag, it is a match too."""
        q, d, p = self.q, self.docs[pos], self.p
        q_range = q.window(*self.units[u])
        q_words = {q.ids[i] for i in range(*q_range) if q.content[i]}
        if len(q_words) < _BAG_MIN_WORDS:
            return None
        weight = dict(zip(q.ids[q_range[0] : q_range[1]], self.q_idf[q_range[0] : q_range[1]], strict=True))
        w_q = float(sum(weight[w] for w in q_words))
        for s_local in sorted(set(local)):
            start, end = p.sent_span[d.first_sentence + s_local]
            s_range = d.tokens.window(int(start), int(end))
            s_words = {d.tokens.ids[i] for i in range(*s_range) if d.tokens.content[i]}
            shared = q_words & s_words
            if len(shared) < _BAG_MIN_WORDS:
                continue
            s_only = s_words - q_words
            s_weight = float(self.index.idf(s_only).sum()) / self._idf_unit() if s_only else 0.0
            w_shared = float(sum(weight[w] for w in shared))
            dice = 2 * w_shared / (w_q + w_shared + s_weight)
            if dice < _BAG_DICE or w_shared < 2 * self.settings.min_evidence:
                continue
            al = align(q.ids, q.content, q_range, d.tokens.ids, d.tokens.content, s_range)
            if al is None or _numbers_differ(al, q, self.text, d.tokens, d.text):
                continue
            whole = Alignment(
                q_start=q_range[0],
                q_end=q_range[1],
                s_start=s_range[0],
                s_end=s_range[1],
                blocks=al.blocks,
                matched=len(shared),
                q_content=len(q_words),
                s_content=len(s_words),
            )
            return Hit(u, pos, whole, w_shared, w_shared / w_q, 1.0, max(b[2] for b in al.blocks))
        return None

    def describe(self, chosen: list[Hit]) -> None:
        """Transform labels and substitutions of every chosen hit."""
        for h in chosen:
            d = self.docs[h.pos]
            change = describe(h.al, self.q, self.text, d.tokens, d.text, _sentence_range(self.p, d, h.al))
            # Keep what choose() already knew (merged from two sources) after the per-passage labels.
            h.transform = [*change.transform, *(t for t in h.transform if t not in change.transform)]
            h.substitutions = change.substitutions
            if _crosses_sentences(self.p, d, h.al) and MERGED not in h.transform:
                h.transform.append(MERGED)

    def matches(self, chosen: list[Hit]) -> list[Match]:
        passages = merge_passages(chosen, self.text, self.q)
        return sorted(
            (_to_match(group, self.q, self.p, self.docs) for group in passages),
            key=lambda m: (m.span.start, m.source_published or dt.date.max, -m.similarity, m.source_id),
        )


def _windows(local: list[int], n: int) -> list[tuple[int, int]]:
    """Source sentence windows to align against: each run of nearby candidates, one sentence either side.

    Separate runs are aligned separately: one long window full of repeated words lets the LCS scatter.
    """
    windows: list[tuple[int, int]] = []
    for s in sorted(set(local)):
        lo, hi = max(0, s - 1), min(n - 1, s + 1)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _is_evidence(h: Hit, settings: ReuseSettings) -> bool:
    """Enough rare words, in order, to say "copied from here" rather than "about the same thing".

    A headline shares four or five words with a long source sentence (few words, a small share of that
    sentence, scattered); a copied passage shares many, or nearly all of a short source sentence, or
    copies a fragment in one long run.
    """
    if h.info < settings.min_evidence:
        return False
    if h.coverage < 0.5 and h.info < 2 * settings.min_evidence:
        return False
    if h.info >= 2 * settings.min_evidence and h.al.similarity >= 0.6:
        return True
    return h.al.matched >= settings.short_match_tokens or h.whole >= 0.8 or h.run >= _LONG_RUN


def _is_context_evidence(h: Hit) -> bool:
    """Evidence enough when the source is already known to be copied from: most of a short source
    sentence, nearly word for word, covering most of the article's sentence."""
    return h.al.similarity >= 0.8 and h.coverage >= 0.7 and (h.whole >= 0.8 or h.run >= _RUN)


def _numbers_differ(al: Alignment, q: Tokens, q_text: str, s: Tokens, s_text: str) -> bool:
    """A number swapped for another number: a different report of the same event, not a copy of it.

    The same amount in another notation ("$5m" / "5 million dollars") is not a different number.
    """
    for a, b in pairwise(al.blocks):
        qi, qj, si, sj = a[0] + a[2], b[0], a[1] + a[2], b[1]
        q_nums = any(t[0].isdigit() for t in q.surface[qi:qj])
        s_nums = any(t[0].isdigit() for t in s.surface[si:sj])
        if q_nums and s_nums:
            q_gap = q_text[int(q.starts[qi]) : int(q.ends[qj - 1])]
            s_gap = s_text[int(s.starts[si]) : int(s.ends[sj - 1])]
            if not same_statement(q_gap, s_gap):
                return True
    return False


def _load_docs(index: IndexView, p: Postings, positions: set[int]) -> dict[int, _Doc]:
    docs = {pos: int(p.docs[pos]) for pos in positions}  # plain ints: the store binds them as SQL values
    stored = index.source_texts(docs.values())
    out: dict[int, _Doc] = {}
    for pos, doc in docs.items():
        a = stored.get(doc)
        if a is None:  # removed since the postings were built
            continue
        first, end = int(p.doc_first[pos]), int(p.doc_first[pos + 1])
        text, published = a
        out[pos] = _Doc(
            index, doc, text, published if isinstance(published, dt.date) else None, first, end, p
        )
    return out


def _sentence_index(d: _Doc, char: int) -> int:
    return max(0, int(np.searchsorted(d.sent_starts, char, side="right")) - 1)


def _sentence_range(p: Postings, d: _Doc, al: Alignment) -> tuple[int, int]:
    """Token range of the source sentences the alignment touches."""
    first = _sentence_index(d, int(d.tokens.starts[al.s_start]))
    last = _sentence_index(d, int(d.tokens.starts[al.s_end - 1]))
    start = int(p.sent_span[d.first_sentence + first, 0])
    end = int(p.sent_span[d.first_sentence + last, 1])
    return d.tokens.window(start, end)


def _crosses_sentences(p: Postings, d: _Doc, al: Alignment) -> bool:
    """Did one article sentence take content words from two source sentences?"""
    sentences = {_sentence_index(d, int(d.tokens.starts[b[1]])) for b in al.blocks if b[2] >= 2}
    return len(sentences) > 1


def _to_match(group: list[Hit], q: Tokens, p: Postings, docs: dict[int, _Doc]) -> Match:
    d = docs[group[0].pos]
    q_start = min(int(q.starts[h.al.q_start]) for h in group)
    q_end = max(int(q.ends[h.al.q_end - 1]) for h in group)
    s_start = min(int(d.tokens.starts[h.al.s_start]) for h in group)
    s_end = max(int(d.tokens.ends[h.al.s_end - 1]) for h in group)
    matched = sum(h.al.matched for h in group)
    content = sum(h.al.q_content + h.al.s_content for h in group)
    transform: list[str] = []
    for h in group:
        transform.extend(t for t in h.transform if t not in transform)
    if len(transform) > 1 and "verbatim" in transform and any(t in transform for t in ("spun", "reworded")):
        transform.remove("verbatim")
    return Match(
        span=Span(start=q_start, end=q_end),
        source_id=p.ids[group[0].pos],
        source_span=Span(start=s_start, end=s_end),
        similarity=round(min(1.0, 2.0 * matched / content), 4) if content else 0.0,
        transform=transform,
        substitutions=[s for h in group for s in h.substitutions],
        source_published=d.published,
    )
