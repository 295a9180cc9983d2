"""Span-to-segment views: an Analysis's overlapping spans as a flat list of marked text segments.

HTML cannot nest overlapping ranges (a quote that starts inside a caption and ends after it), so the
text is cut at every span boundary; each resulting segment carries the set of marks that cover it and a
renderer wraps it in one element. Segments hold plain text: escaping is the renderer's job (Jinja2
autoescape), so nothing here builds markup.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from wiretrace.model import Analysis, Quote, Span

MarkKind = Literal["quote", "cue", "speaker", "flag", "match"]


@dataclass(frozen=True, slots=True)
class Mark:
    """One annotation covering a segment; ``index`` points into the list named by ``kind``."""

    kind: MarkKind
    index: int
    label: str = ""


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    text: str
    marks: tuple[Mark, ...] = ()

    def of_kind(self, kind: MarkKind) -> tuple[Mark, ...]:
        return tuple(m for m in self.marks if m.kind == kind)


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    segments: list[Segment] = field(default_factory=list)


def flat_quotes(analysis: Analysis) -> list[Quote]:
    """Top-level quotes in order, then nested partial quotes level by level: the order ``Mark.index``
    uses, so a top-level quote keeps its position in ``Analysis.quotes``."""
    out: list[Quote] = []
    level: list[Quote] = list(analysis.quotes)
    while level:
        out.extend(level)
        level = [n for q in level for n in q.nested]
    return out


def analysis_marks(analysis: Analysis) -> list[tuple[Span, Mark]]:
    """Every span the article view marks: quote pieces, cues, speaker mentions, flags, matches."""
    marks: list[tuple[Span, Mark]] = []
    for i, q in enumerate(flat_quotes(analysis)):
        speaker = q.speaker.name if q.speaker else ""
        for piece in q.pieces or [q.span]:
            marks.append((piece, Mark("quote", i, speaker)))
        if q.cue is not None:
            marks.append((q.cue, Mark("cue", i, speaker)))
        if q.speaker is not None and q.speaker.mention is not None:
            marks.append((q.speaker.mention, Mark("speaker", i, speaker)))
    marks.extend((f.span, Mark("flag", i, f.label)) for i, f in enumerate(analysis.flags))
    marks.extend((m.span, Mark("match", i, m.source_id)) for i, m in enumerate(analysis.matches))
    return marks


def segments(
    text: str, marks: Sequence[tuple[Span, Mark]], start: int = 0, end: int | None = None
) -> list[Segment]:
    """Cut ``text[start:end]`` at every mark boundary; each segment lists the marks covering it.

    Spans are clipped to the range and to the text, so a bad offset cannot raise or leak text.
    """
    stop = len(text) if end is None else min(end, len(text))
    start = max(0, min(start, stop))
    clipped = [(max(s.start, start), min(s.end, stop), m) for s, m in marks]
    clipped = [(a, b, m) for a, b, m in clipped if a < b]
    cuts = sorted({start, stop, *(a for a, _, _ in clipped), *(b for _, b, _ in clipped)})
    out: list[Segment] = []
    for a, b in itertools.pairwise(cuts):
        covering = tuple(m for s, e, m in clipped if s <= a and b <= e)
        out.append(Segment(a, b, text[a:b], covering))
    return out


def paragraphs(analysis: Analysis) -> list[Paragraph]:
    """The article as paragraphs of marked segments (the whole text as one paragraph if none are known)."""
    text = analysis.article.text
    spans = analysis.article.paragraphs or [Span(start=0, end=len(text))]
    marks = analysis_marks(analysis)
    return [Paragraph(p.start, p.end, segments(text, marks, p.start, p.end)) for p in spans]


@dataclass(frozen=True, slots=True)
class DiffPart:
    """A run of words in one side of an alignment; ``changed`` when the other side differs there."""

    text: str
    changed: bool


_TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(article: str, source: str) -> tuple[list[DiffPart], list[DiffPart]]:
    """Mark the words that differ between an article passage and its source passage.

    difflib's matcher on word tokens (whitespace kept as its own tokens, so each side rebuilds exactly);
    ``autojunk`` is off because news passages repeat short words that must still align.
    """
    a, b = _TOKEN.findall(article), _TOKEN.findall(source)
    words_a = [t if t.strip() else " " for t in a]
    words_b = [t if t.strip() else " " for t in b]
    matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
    left: list[DiffPart] = []
    right: list[DiffPart] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        changed = op != "equal"
        _append(left, "".join(a[i1:i2]), changed)
        _append(right, "".join(b[j1:j2]), changed)
    return left, right


def _append(parts: list[DiffPart], text: str, changed: bool) -> None:
    if not text:
        return
    if changed and not text.strip():
        changed = False  # a changed run of only whitespace is not worth marking
    if parts and parts[-1].changed == changed:
        parts[-1] = DiffPart(parts[-1].text + text, changed)
    else:
        parts.append(DiffPart(text, changed))
