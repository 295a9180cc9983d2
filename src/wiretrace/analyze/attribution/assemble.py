"""Put marks and reported speech together into ``Quote`` objects with a provisional source mention.

* A quote in marks gets its cue from ``direct.py``; two quotes split only by their cue
  (``"A," he said, "B."``) become one quote with two ``pieces``.
* A quote in marks that is a small part of a reported clause is ``partial``, and that clause is a
  ``mixed`` quote; a reported clause that is essentially one quote in marks is not repeated.
* A quote with no cue continues the quote before it in the same paragraph, or failing that takes the
  subject of the sentence just before it in the paragraph; otherwise it stays unattributed.

The source is the mention as written ("he", "a senior official"); the speakers stage resolves it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from heapq import heappop, heappush
from itertools import accumulate
from typing import Literal

from spacy.tokens import Doc

from wiretrace import lexicons
from wiretrace.analyze.attribution.direct import adjacent_cue, dash_cue, governing_cue, label_cue
from wiretrace.analyze.attribution.marks import MarkedQuote, scan_quotes
from wiretrace.analyze.attribution.reported import Attribution, find_reported, mention_of
from wiretrace.model import Quote, Span, Speaker

# Confidence of each way of finding the source, before the speakers stage adjusts it.
CONFIDENCE = {
    "governing verb": 0.9,
    "cue after the quote": 0.9,
    "cue before the quote": 0.85,
    "name before a colon": 0.8,
    "name after a dash": 0.85,
    "transcript speaker label": 0.85,
    "cue noun": 0.7,
    "verb": 0.8,
    "according": 0.85,
    "continues the quote before it": 0.7,
    "continues the attribution before it": 0.6,
    "subject of the sentence before": 0.45,
}
_MAX_GAP_CHARS = 80
_SCARE_WORDS = 4
_TITLE_WORDS = 8
Kind = Literal["direct", "partial", "indirect", "mixed"]


@dataclass
class _Marked:
    mq: MarkedQuote
    att: Attribution | None
    kind: Kind = "direct"

    @property
    def span(self) -> Span:
        return Span(start=self.mq.start, end=self.mq.end)


def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(ch.isalnum() for ch in w))


def _outside_words(text: str, outer: Span, inner: Span) -> int:
    """Words of ``outer`` outside ``inner`` (a leading complementiser does not count)."""
    left = text[outer.start : max(outer.start, inner.start)].split()
    if left and left[0].lower() in ("that", "whether", "if"):
        left = left[1:]
    right = text[min(outer.end, inner.end) : outer.end]
    return _words(" ".join(left)) + _words(right)


def _para_index(paras: list[Span], pos: int) -> int:
    lo, hi = 0, len(paras) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if paras[mid].start <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _char_before(text: str, pos: int) -> str:
    """The last character before ``pos`` that is not white space ("" if none): what
    ``text[:pos].rstrip()[-1:]`` gives, without copying the text before every quote (quadratic)."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return text[pos - 1] if pos > 0 else ""


def _attribute_marks(doc: Doc, text: str, paras: list[Span], marks: list[MarkedQuote]) -> list[_Marked]:
    out: list[_Marked] = []
    for i, mq in enumerate(marks):
        prev_end = (marks[i - 1].closer or marks[i - 1].end) if i > 0 else 0
        next_start = marks[i + 1].opener if i + 1 < len(marks) else len(text)
        first_para = paras[mq.paragraphs[0]] if mq.paragraphs else paras[_para_index(paras, mq.start)]
        last_para = paras[mq.paragraphs[-1]] if mq.paragraphs else first_para
        area = Span(start=first_para.start, end=last_para.end)
        # Sources never lie inside a quote (the parser sometimes makes quoted words the subject).
        near = marks[max(0, i - 8) : i + 8]
        avoid = [
            Span(start=o.start, end=o.end)
            for o in near
            if min(area.end, o.end) - max(area.start, o.start) > 0  # shares a character with area
        ]
        att = (
            label_cue(doc, text, mq, first_para, prev_end)
            or dash_cue(doc, text, mq, last_para)
            or governing_cue(doc, mq.pieces[0], area, avoid)
            or adjacent_cue(doc, text, mq, area, prev_end, next_start, avoid)
        )
        pi = mq.paragraphs[0] if mq.paragraphs else _para_index(paras, mq.start)
        opens_after_colon = _char_before(text, first_para.start) == ":"
        if att is None and pi > 0 and mq.opener == first_para.start and opens_after_colon:
            # 'He said:' closing one paragraph introduces the quote opening the next.
            before = Span(start=paras[pi - 1].start, end=first_para.end)
            att = adjacent_cue(doc, text, mq, before, max(prev_end, before.start), mq.opener, avoid)
        if att is not None and att.how == "transcript speaker label":
            # The label is not part of what was said.
            label_end = att.source.end if att.source else mq.start
            colon = text.find(":", label_end, mq.pieces[0].end)
            first = mq.pieces[0]
            if colon >= 0:
                start = colon + 1
                while start < first.end and text[start].isspace():
                    start += 1
                mq.pieces[0] = Span(start=start, end=first.end)
        out.append(_Marked(mq, att))
    return out


def _merge_interrupted(text: str, items: list[_Marked]) -> list[_Marked]:
    """``"A," he said, "B."``: the gap holds the cue and ends with a comma or colon; one quote."""
    out: list[_Marked] = []
    for it in items:
        prev = out[-1] if out else None
        same_para = prev is not None and prev.mq.paragraphs[-1:] == it.mq.paragraphs[:1]
        if prev is not None and prev.mq.closer is not None and same_para:
            gap = text[prev.mq.closer : it.mq.opener]
            att = prev.att if prev.att is not None else it.att
            first_text = text[prev.mq.start : prev.mq.end].rstrip()
            if (
                len(gap) <= _MAX_GAP_CHARS
                and gap.rstrip().endswith((",", ":", "\u2014", "-"))
                and not first_text.endswith(".")
                and att is not None
                and prev.mq.closer <= att.cue.start < it.mq.opener
            ):
                prev.mq.pieces.extend(it.mq.pieces)
                prev.mq.paragraphs.extend(it.mq.paragraphs)
                prev.mq.closer = it.mq.closer
                prev.att = att
                continue
        out.append(it)
    return out


def _preceding_subject(doc: Doc, para: Span, start: int) -> Attribution | None:
    """The subject of the sentence just before ``start`` in its paragraph, when it names someone."""
    span = doc.char_span(para.start, start, alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    sent = span[-1].sent
    if sent.start_char < para.start:
        return None
    for tok in sent:
        if tok.dep_ == "nsubj" and tok.head == sent.root and tok.ent_type_ == "PERSON":
            m = mention_of(tok)
            if m is not None and m.end <= start:
                return Attribution(
                    cue=Span(start=sent.root.idx, end=sent.root.idx + len(sent.root)),
                    cue_token=sent.root.i,
                    source=m,
                    source_root=tok.i,
                    content=[],
                    how="subject of the sentence before",
                )
    return None


def _is_name_or_scare_quote(text: str, m: _Marked) -> bool:
    """Marks with no speech around them that set off a title ("Fox Evening News") or a word or two
    ('so-called "experts"'), or hold no words at all: typography, not a quotation."""
    words = [w for w in text[m.mq.start : m.mq.end].split() if any(ch.isalpha() for ch in w)]
    if not words:
        return True
    if m.kind == "partial" and len(words) <= _SCARE_WORDS:
        return True
    small = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at"}
    titled = all(w[0].isupper() or w in small or not w[0].isalpha() for w in words)
    sentence = text[m.mq.start : m.mq.end].rstrip().endswith((".", "?", "!"))
    return titled and len(words) <= _TITLE_WORDS and not sentence


Mode = Literal["assertion", "question", "negated", "hypothetical"]


def speech_mode(doc: Doc, att: Attribution | None, content: str) -> Mode:
    """What kind of speech act the cue reports: a question put ("asked whether"), speech denied
    ("did not say", "declined to say"), speech that may happen ("would say", "if she says"), else a claim."""
    if att is None:
        return "question" if content.rstrip().rstrip("\"\u201d\u2019'").endswith("?") else "assertion"
    cue = doc[att.cue_token]
    lemma = cue.lemma_.lower()
    if lemma in lexicons.load("quotes_question_verbs"):
        return "question"
    if any(c.dep_ == "neg" for c in cue.children):
        return "negated"
    if cue.dep_ == "xcomp" and cue.head.lemma_.lower() in lexicons.load("quotes_negating_verbs"):
        return "negated"
    modals = lexicons.load("quotes_modal_verbs")
    if any(c.dep_ == "aux" and c.lower_ in modals for c in cue.children):
        return "hypothetical"
    if cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in cue.children):
        return "hypothetical"
    if content.rstrip().rstrip("\"\u201d\u2019'").endswith("?"):
        return "question"
    return "assertion"


def _quote(
    doc: Doc,
    text: str,
    spans: list[Span],
    kind: Kind,
    att: Attribution | None,
    how: str | None = None,
    paragraph: int | None = None,
) -> Quote:
    how = how or (att.how if att else "")
    speaker = None
    if att is not None and att.source is not None:
        speaker = Speaker(name=att.source.of(text), mention=att.source)
    evidence = f'{how}: "{att.cue.of(text)}"' if att is not None else ""
    return Quote(
        span=Span(start=spans[0].start, end=spans[-1].end),
        pieces=spans if len(spans) > 1 else [],
        kind=kind,
        cue=att.cue if att is not None else None,
        speaker=speaker,
        reported_by=[r.of(text) for r in att.reporters] if att is not None else [],
        confidence=CONFIDENCE.get(how, 0.5) if speaker is not None else 0.0,
        evidence=evidence,
        mode=speech_mode(doc, att, text[spans[0].start : spans[-1].end]),
        paragraph=paragraph,
    )


class _MarkIndex:
    """The marked quotes' ``[start, end)`` in text order, for point and overlap look-ups by binary
    search (pairwise loops over marks and reported clauses are quadratic on quote-mark storms).

    ``reach[k]`` is the furthest end among the first ``k + 1`` marks, so the look-ups stay right even
    if two marks were to overlap."""

    def __init__(self, marked: list[_Marked]) -> None:
        order = sorted(range(len(marked)), key=lambda k: marked[k].mq.start)
        self.items = [marked[k] for k in order]
        self.starts = [m.mq.start for m in self.items]
        self.ends = [m.mq.end for m in self.items]
        self.reach = list(accumulate(self.ends, max))

    def covers(self, pos: int) -> bool:
        """Whether some mark has ``start <= pos < end``."""
        k = bisect_right(self.starts, pos)
        return k > 0 and self.reach[k - 1] > pos

    def overlapping(self, start: int, end: int) -> list[_Marked]:
        """Marks sharing at least one character with ``[start, end)``."""
        lo, hi = bisect_right(self.reach, start), bisect_left(self.starts, end)
        if start >= end:
            return []
        return [m for m in self.items[lo:hi] if m.mq.end > max(start, m.mq.start)]


class _CuesBefore:
    """Per paragraph, the reported clauses with a source by the end of their cue, for
    ``_reported_before`` in O(log n): the last one (in list order) whose cue lies in the paragraph
    and ends by a given offset."""

    def __init__(self, reported: list[Attribution], paras: list[Span]) -> None:
        by_para: dict[int, list[tuple[int, int]]] = {}
        for ri, r in enumerate(reported):
            if r.source is None:
                continue
            pi = _para_index(paras, r.cue.start)
            if paras[pi].start <= r.cue.start < paras[pi].end:
                by_para.setdefault(pi, []).append((r.cue.end, ri))
        self.reported = reported
        self.ends: dict[int, list[int]] = {}
        self.best: dict[int, list[int]] = {}
        for pi, items in by_para.items():
            items.sort()
            self.ends[pi] = [e for e, _ in items]
            self.best[pi] = list(accumulate((ri for _, ri in items), max))

    def last(self, pi: int, start: int) -> Attribution | None:
        k = bisect_right(self.ends.get(pi, []), start)
        return self.reported[self.best[pi][k - 1]] if k > 0 else None


def _containing(reported: list[Attribution], marked: list[_Marked]) -> list[list[int]]:
    """Per mark (in ``marked`` order), the indices of reported clauses whose content span holds the
    mark's start, ascending: a sweep over both lists sorted by start, not all pairs."""
    spans = [(cs.start, cs.end, ri) for ri, r in enumerate(reported) if (cs := r.content_span) is not None]
    spans.sort()
    order = sorted(range(len(marked)), key=lambda k: marked[k].mq.start)
    out: list[list[int]] = [[] for _ in marked]
    active: list[tuple[int, int]] = []  # heap of (content end, reported index)
    live: set[int] = set()
    nxt = 0
    for k in order:
        pos = marked[k].mq.start
        while nxt < len(spans) and spans[nxt][0] <= pos:
            heappush(active, (spans[nxt][1], spans[nxt][2]))
            live.add(spans[nxt][2])
            nxt += 1
        while active and active[0][0] < pos:
            live.discard(heappop(active)[1])
        out[k] = sorted(live)
    return out


def extract_quotes(
    doc: Doc,
    text: str,
    paragraphs: list[Span],
    *,
    min_chars: int = 2,
    indirect: bool = True,
    beliefs: bool = False,
) -> list[Quote]:
    """All quotes of one article, in text order, each with its cue and source mention if found."""
    paras = paragraphs or [Span(start=0, end=len(text))]
    marks = scan_quotes(text, paras, min_chars=min_chars)
    marked = _merge_interrupted(text, _attribute_marks(doc, text, paras, marks))
    reported = find_reported(doc, beliefs=beliefs)
    content_spans = [r.content_span for r in reported]  # a property that builds a Span: read it once
    quotes: list[Quote] = []
    used: set[int] = set()
    # Direct vs partial: a quote that is a small part of a reported clause is partial.
    for m, holders in zip(marked, _containing(reported, marked), strict=True):
        m_start, m_end = m.mq.start, m.mq.end
        for ri in holders:
            cs = content_spans[ri]
            assert cs is not None
            if min(cs.end, m_end) - max(cs.start, m_start) < 0.9 * (m_end - m_start):
                continue
            if _outside_words(text, cs, m.span) > 2:
                m.kind = "partial"
                if m.att is None or m.att.source is None:
                    m.att = reported[ri]
            else:
                used.add(ri)  # the clause is this quote: don't repeat it as indirect speech
        if m.kind == "direct" and m.mq.opener > 0:
            before = _char_before(text, m.mq.opener)
            # Quoted words continuing the writer's sentence ('for "consultations"') are partial.
            if before.isalnum() and (m.att is None or m.att.how in ("governing verb", "cue noun")):
                m.kind = "partial"
    cues_before = _CuesBefore(reported, paras)
    prev: _Marked | None = None
    for m in marked:
        att, how = m.att, None
        if att is None:
            pi = m.mq.paragraphs[0] if m.mq.paragraphs else _para_index(paras, m.mq.start)
            if (
                prev is not None
                and prev.att is not None
                and prev.mq.paragraphs[-1:] == m.mq.paragraphs[:1]
                and m.kind == "direct"
            ):
                att, how = prev.att, "continues the quote before it"
            elif m.kind == "direct":
                att = cues_before.last(pi, m.mq.opener)
                how = "continues the attribution before it" if att is not None else None
                att = att or _preceding_subject(doc, paras[pi], m.mq.opener)
        if m.att is None and _is_name_or_scare_quote(text, m):
            continue  # decided before any fallback: a title next to reported speech is still a title
        pi = m.mq.paragraphs[0] if m.mq.paragraphs else _para_index(paras, m.mq.start)
        quotes.append(_quote(doc, text, m.mq.pieces, m.kind, att, how, pi))
        prev = m
    if indirect:
        index = _MarkIndex(marked)
        for ri, r in enumerate(reported):
            if ri in used or not r.content:
                continue
            if index.covers(r.cue.start):
                continue  # a cue inside quoted words is part of what was quoted
            cs = content_spans[ri]
            assert cs is not None
            if _words(cs.of(text)) < 2:
                continue
            inner = index.overlapping(cs.start, cs.end)
            kind: Kind = "mixed" if any(m.kind == "partial" for m in inner) else "indirect"
            if any(m.kind == "direct" and m.span.overlap(cs) >= 0.7 * len(cs) for m in inner):
                continue
            quotes.append(_quote(doc, text, r.content, kind, r, paragraph=_para_index(paras, cs.start)))
    quotes.sort(key=lambda q: (q.span.start, q.span.end))
    return _nest(quotes)


def _nest(quotes: list[Quote]) -> list[Quote]:
    """Partial quotes inside a mixed or indirect quote become its ``nested`` children, not top-level
    quotes of their own: the first parent (in text order) that holds the partial quote, found by
    binary search over the parents' starts and their running furthest end."""
    parents = [q for q in quotes if q.kind in ("mixed", "indirect")]
    starts = [p.span.start for p in parents]
    reach = list(accumulate((p.span.end for p in parents), max))
    out: list[Quote] = []
    children: dict[int, list[Quote]] = {}
    for q in quotes:
        parent = None
        if q.kind == "partial":
            # The first parent with end + 1 >= q's end is where the running furthest end first gets
            # there; it holds q if it also starts at or before q.
            i = bisect_left(reach, q.span.end - 1)
            if i < bisect_right(starts, q.span.start):
                parent = i
        if parent is None:
            out.append(q)
        else:
            children.setdefault(parent, []).append(q)
    nested = {id(parents[i]): kids for i, kids in children.items()}
    return [q.model_copy(update={"nested": nested[id(q)]}) if id(q) in nested else q for q in out]


__all__ = ["extract_quotes"]
