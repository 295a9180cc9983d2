"""Find the cue and source of a quotation in marks.

In order, the first that applies decides (each is recorded as evidence):

1. **Governing cue.** Walking up the dependency tree from the quoted words reaches a reporting verb
   (``he called it "a mistake"``, ``"A," he said``) or a cue noun (``warnings from X that "..."``)
   outside the quote.
2. **Adjacent cue.** A reporting verb in the same sentence, just after the closing mark
   (``"...", said X``) or just before the opening mark (``X said: "..."``), within the paragraph.
3. **Label.** A short capitalised name before a colon: headlines (``Smith: 'We will win'``) and
   transcript turns (``"SMITH: ...``).

Otherwise the quote has no cue, and the stage decides whether it continues an earlier one.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from wiretrace.analyze.attribution.cues import CUE_NOUNS, is_cue_verb
from wiretrace.analyze.attribution.marks import MarkedQuote
from wiretrace.analyze.attribution.reported import Attribution, mention_of, relays_of, same_block, source_of
from wiretrace.model import Span

_LABEL = re.compile(r"([A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,3})\s*:\s*$")
_TURN = re.compile(r"([A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,3}):\s")
# A dash, then a capitalised name (initials allowed) ending its line: a testimonial's signature.
_DASH = re.compile(
    r"[^\S\n]*[\u2015\u2014\u2013-]{1,2}[^\S\n]*([A-Z][\w.'\-]*(?:[^\S\n]+[A-Z][\w.'\-]*){0,4})[^\S\n.,]*[.,]?[^\S\n]*(?=\n|$)"
)
_WINDOW_TOKENS = 12
_TIME = frozenset({"DATE", "TIME"})
_FINAL = frozenset({".", "!", "?"})
_MAX_ANCESTORS = 8


def _tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="contract")
    return list(span) if span is not None else []


def _np_root(tok: Token, verb: Token) -> Token:
    """Climb from ``tok`` to the head of its noun phrase, staying on its side of ``verb``."""
    side = tok.i > verb.i
    while tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "PROPN") and (tok.head.i > verb.i) == side:
        tok = tok.head
    return tok


def _beside(verb: Token) -> Token | None:
    """A noun phrase right after the verb (``said Jane Roe``) or right before it (``the aide said``)."""
    doc = verb.doc
    j = verb.i + 1
    # "said Monday Jane Roe", "said on Monday": time words are not the speaker.
    while j < len(doc) and j <= verb.i + 4 and (doc[j].ent_type_ in _TIME or doc[j].dep_ == "npadvmod"):
        j += 1
    nxt = doc[j] if j < len(doc) else None
    if nxt is not None and nxt.pos_ in ("PROPN", "NOUN", "PRON") and same_block(nxt, verb):
        return _np_root(nxt, verb)
    k = verb.i - 1
    while k >= 0 and doc[k].dep_ in ("advmod", "aux", "neg") and same_block(doc[k], verb):
        k -= 1
    if k >= 0 and doc[k].pos_ in ("PROPN", "NOUN", "PRON") and same_block(doc[k], verb):
        return _np_root(doc[k], verb)
    return None


def _attribution(verb: Token, how: str, area: Span, avoid: list[Span]) -> Attribution | None:
    """The attribution of ``verb`` whose source lies within ``area`` (the paragraph) and outside
    every quote in ``avoid``."""

    def usable(m: Span | None) -> bool:
        return m is not None and area.contains(m) and not any(m.overlap(q) for q in avoid)

    src, relays = source_of(verb)
    m = mention_of(src, verb) if src is not None and src.ent_type_ not in _TIME else None
    if not usable(m):
        # The parser took quoted words for the subject, or missed an inverted "said Jane Roe".
        src = _beside(verb)
        m = mention_of(src, verb) if src is not None else None
        if not usable(m):
            return None
    assert src is not None and m is not None
    relays = relays + relays_of(verb)
    return Attribution(
        cue=Span(start=verb.idx, end=verb.idx + len(verb)),
        cue_token=verb.i,
        source=m,
        source_root=src.i,
        content=[],
        reporters=[r for t in relays if (r := mention_of(t)) is not None],
        how=how,
    )


def _noun_source(noun: Token) -> Token | None:
    """The source of a cue noun: a possessor (``X's warning``) or a ``from``/``by`` object."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and (obj.pos_ in ("PROPN", "PRON") or obj.ent_type_):
                return obj
    return None


def governing_cue(doc: Doc, quote: Span, area: Span, avoid: list[Span]) -> Attribution | None:
    """Rule 1: the nearest reporting verb or cue noun above the quoted words, outside the quote
    and inside ``area`` (its paragraph), never inside another quote."""
    toks = _tokens_in(doc, quote.start, quote.end)
    if not toks:
        return None
    inside = {t.i for t in toks}
    # Tokens of the quote whose head lies outside it: the quote's attachment points.
    roots = [t for t in toks if t.head.i not in inside or t.head.i == t.i]
    seen: set[int] = set()
    for r in roots:
        node = r.head if r.head.i not in inside else r
        for _ in range(_MAX_ANCESTORS):
            if node.i in seen:
                break
            seen.add(node.i)
            if node.i not in inside and not area.start <= node.idx < area.end:
                break
            if node.i not in inside:
                if is_cue_verb(node) and not any(q.start <= node.idx < q.end for q in avoid):
                    att = _attribution(node, "governing verb", area, avoid)
                    if att is not None:
                        return att
                elif node.pos_ == "NOUN" and node.lemma_.lower() in CUE_NOUNS:
                    src = _noun_source(node)
                    m = mention_of(src) if src is not None else None
                    if src is not None and m is not None and area.contains(m) and not m.overlap(quote):
                        return Attribution(
                            cue=Span(start=node.idx, end=node.idx + len(node)),
                            cue_token=node.i,
                            source=m,
                            source_root=src.i,
                            content=[],
                            how="cue noun",
                        )
            if node.head.i == node.i:
                break
            node = node.head
    return None


def adjacent_cue(
    doc: Doc, text: str, mq: MarkedQuote, para: Span, prev_end: int, next_start: int, avoid: list[Span]
) -> Attribution | None:
    """Rule 2: a speech verb just after the closing mark or just before the opening mark, in its sentence."""
    after_start = mq.closer if mq.closer is not None else mq.end
    after = _tokens_in(doc, after_start, min(para.end, next_start))[:_WINDOW_TOKENS]
    # '"We won." Smith said the plan...' starts a new sentence whose verb has its own complement.
    ends_sentence = text[mq.start : mq.end].rstrip().endswith(".")
    for k, t in enumerate(after):
        if k > 0 and after[k - 1].text in _FINAL:
            break
        if is_cue_verb(t, speech_only=True):
            own = any(c.dep_ in ("ccomp", "dobj", "xcomp") and t.idx < c.idx < next_start for c in t.children)
            if ends_sentence and own and after[0].text[:1].isupper():
                break
            att = _attribution(t, "cue after the quote", para, avoid)
            if att is not None:
                return att
    before = _tokens_in(doc, max(para.start, prev_end), mq.opener)
    for k in range(len(before) - 1, max(-1, len(before) - 1 - _WINDOW_TOKENS), -1):
        t = before[k]
        if t.text in _FINAL:
            break
        if is_cue_verb(t, speech_only=True):
            att = _attribution(t, "cue before the quote", para, avoid)
            if att is not None:
                return att
    return None


def dash_cue(doc: Doc, text: str, mq: MarkedQuote, para: Span) -> Attribution | None:
    """Rule 3a: a name after a dash closing the line, as under a testimonial (``"..." — Jane Roe``)."""
    if mq.closer is None:
        return None
    m = _DASH.match(text, mq.closer, para.end)
    if m is None:
        return None
    return _label(doc, m.start(1), m.end(1), "name after a dash")


def label_cue(doc: Doc, text: str, mq: MarkedQuote, para: Span, prev_end: int) -> Attribution | None:
    """Rule 3: ``Name: "..."`` (headline form) or ``"NAME: ...`` (transcript turn)."""
    head = text[max(para.start, prev_end) : mq.opener]
    m = _LABEL.search(head)
    if m is not None and len(head.strip()) == len(m.group(0).strip()):
        start = max(para.start, prev_end) + m.start(1)
        return _label(doc, start, start + len(m.group(1)), "name before a colon")
    t = _TURN.match(text, mq.start)
    if t is not None:
        return _label(doc, t.start(1), t.end(1), "transcript speaker label")
    return None


def _label(doc: Doc, start: int, end: int, how: str) -> Attribution | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    return Attribution(
        cue=Span(start=end, end=end + 1),
        cue_token=span.end - 1,
        source=Span(start=start, end=end),
        source_root=span.root.i,
        content=[],
        how=how,
    )
