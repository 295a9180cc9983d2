"""Who speaks in a paragraph that is nothing but a quote.

News and press-conference layouts put a speaker's words in paragraphs of their own: after ``X said``,
after a line naming the speaker ("Head coach Jane Roe"), or after prompts such as ``On the injury:``.
Reading back from the quote-only paragraph, prompts (short lines ending in a colon or a question mark)
and other quote-only paragraphs do not change the speaker; the first paragraph of narrative does:

* when the last attributed quote is in it or after it, the quote continues that speaker;
* when it names a person (a subject first, else the first person it mentions, or a role noun or
  pronoun standing for one), that person is introduced as the next speaker;
* when it names nobody, the last speaker goes on, if they spoke within a few paragraphs.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from wiretrace.aliases import AliasTable
from wiretrace.analyze.attribution.descriptions import denotes_people, read_mention
from wiretrace.analyze.integrity.intervals import Intervals
from wiretrace.model import Quote, Span, Speaker

if TYPE_CHECKING:
    from wiretrace.analyze.attribution.coref import _Ent, _Index, _Last

_PROMPT_WORDS = 18
_OUTSIDE_WORDS = 3
_MAX_PARAGRAPHS_BACK = 8


def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(ch.isalnum() for ch in w))


@dataclass(frozen=True)
class Paragraphs:
    """The article's paragraphs (lines) with their starts, for look-ups by binary search."""

    spans: list[Span]
    starts: list[int] = field(init=False)
    ordered: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "starts", [p.start for p in self.spans])
        pairs = itertools.pairwise(self.spans)
        ordered = all(a.end <= b.start for a, b in pairs) and all(p.start <= p.end for p in self.spans)
        object.__setattr__(self, "ordered", ordered)

    def index_of(self, pos: int) -> int:
        """The paragraph holding ``pos``, else the one before the gap it falls in (the first for a
        position before them all, the last after them all)."""
        paras = self.spans
        if self.ordered and paras:
            # Sorted, non-overlapping: the last paragraph starting at or before ``pos``.
            return max(bisect.bisect_right(self.starts, pos) - 1, 0)
        for i, p in enumerate(paras):
            if p.start <= pos < p.end or (i + 1 < len(paras) and pos < paras[i + 1].start):
                return i
        return len(paras) - 1


def _quote_only(text: str, para: Span, quoted: list[Span], spans: Intervals) -> bool:
    """Whether ``para`` is nothing but quotes; ``spans`` indexes ``quoted``."""
    inside = [quoted[k] for k in spans.overlapping_ids(para.start, para.end)]
    if not inside:
        return False
    rest = text[para.start : para.end]
    for q in sorted(inside, key=lambda s: s.start, reverse=True):
        a, b = max(q.start, para.start) - para.start, min(q.end, para.end) - para.start
        rest = rest[:a] + " " + rest[b:]
    return _words(rest) <= _OUTSIDE_WORDS


def _is_prompt(text: str, para: Span) -> bool:
    body = text[para.start : para.end].strip()
    return bool(body) and body.endswith((":", "?")) and _words(body) <= _PROMPT_WORDS


def _speaks_of(text: str, q: Quote, ent: _Ent | None) -> bool:
    """The quote talks about the candidate in the third person ("The president gave an answer"):
    then the candidate is not the one speaking."""
    if ent is None:
        return False
    words = re.findall(r"[\w'-]+", " ".join(p.of(text) for p in (q.pieces or [q.span])).lower())
    if ent.last and ent.last in words:
        return True
    roles = {r.split()[-1] for r in ent.roles if r.split()}
    return any(a == "the" and b in roles for a, b in itertools.pairwise(words))


def continued_speaker(
    doc: Doc,
    text: str,
    idx: _Index,
    paras: Paragraphs,
    q: Quote,
    last: _Last | None,
    aliases: AliasTable,
) -> tuple[Speaker, _Ent | None, str] | None:
    """The speaker a cueless, quote-only paragraph continues or introduces, with how; None if none."""
    found = _continued(doc, text, idx, paras, q, last, aliases)
    if found is not None and _speaks_of(text, q, found[1]):
        return None
    return found


def _continued(
    doc: Doc,
    text: str,
    idx: _Index,
    paras: Paragraphs,
    q: Quote,
    last: _Last | None,
    aliases: AliasTable,
) -> tuple[Speaker, _Ent | None, str] | None:
    quoted, spans = idx.quoted, idx.quoted_spans
    pi = paras.index_of(q.span.start)
    if not _quote_only(text, paras.spans[pi], quoted, spans):
        return None
    for j in range(pi - 1, max(-1, pi - 1 - _MAX_PARAGRAPHS_BACK), -1):
        para = paras.spans[j]
        if not text[para.start : para.end].strip() or _is_prompt(text, para):
            continue
        if _quote_only(text, para, quoted, spans):
            continue
        if last is not None and last.pos >= para.start:
            return _continue(last, "continues the last speaker")
        found = _introduced(doc, text, idx, para, last, aliases)
        if found is not None:
            return found
        if last is not None and paras.index_of(last.pos) >= pi - _MAX_PARAGRAPHS_BACK:
            return _continue(last, "continues the last speaker past narrative naming nobody")
        return None
    if last is not None:
        return _continue(last, "continues the last speaker")
    return None


def _continue(last: _Last, how: str) -> tuple[Speaker, _Ent | None, str]:
    return last.speaker, last.ent, how


def _introduced(
    doc: Doc, text: str, idx: _Index, para: Span, last: _Last | None, aliases: AliasTable
) -> tuple[Speaker, _Ent | None, str] | None:
    """The person a narrative paragraph puts forward: a subject, else the first person it names."""
    from wiretrace.analyze.attribution.coref import resolve_mention

    span = doc.char_span(para.start, para.end, alignment_mode="contract")
    if span is None:
        return None
    # Names before descriptions before pronouns; subjects first within each.
    ranked: list[tuple[int, int, Span]] = []
    order = {"name": 0, "person": 2, "pronoun": 4}
    for tok in span:
        if idx.in_quote(tok.idx) or tok.pos_ not in ("PROPN", "NOUN", "PRON"):
            continue
        # The parser may run a line into the next ("Head coach Jane Roe / Opening statement:"):
        # a word whose head lies outside the paragraph heads its own phrase here.
        head_here = span.start <= tok.head.i < span.end and tok.head is not tok
        inside_name = head_here and tok.pos_ == "PROPN" and tok.head.pos_ == "PROPN"
        if (tok.dep_ == "compound" and head_here) or (inside_name and tok.dep_ != "appos"):
            continue
        reading = read_mention(tok)
        if reading.kind not in order:
            continue
        if reading.kind == "pronoun" and reading.gender is None:
            continue
        if reading.kind == "person" and not (reading.definite and denotes_people(tok)):
            continue
        m = Span(start=tok.left_edge.idx if reading.kind == "person" else tok.idx, end=tok.idx + len(tok))
        rank = order[reading.kind] + (0 if tok.dep_ in ("nsubj", "nsubjpass") else 1)
        ranked.append((rank, tok.i, m))
    for _, _, m in sorted(ranked, key=lambda r: (r[0], r[1])):
        speaker, ent, how = resolve_mention(doc, text, idx, m, last, aliases)
        found = doc.char_span(m.start, m.end, alignment_mode="expand")
        unlinked_person = how == "name (no entity)" and found is not None and found.root.ent_type_ == "PERSON"
        if speaker is not None and (speaker.kind == "person" or unlinked_person):
            return speaker, ent, f"introduced in the paragraph before ({how})"
    return None
