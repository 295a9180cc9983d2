"""Quotation-mark scanning: pair opening and closing marks, paragraph by paragraph.

Double marks (straight ``"``, curly “ ”, „ « », and the typewriter pairs ``''`` / ````` ``) delimit
top-level quotes; single marks inside them are nested quotes and stay part of the outer content.
Single marks are only read as top-level quotes in a paragraph with no double marks at all (British
style and headlines: ``Putin: 'I wish him good health'``), and only where they cannot be apostrophes.

A paragraph that opens a quote and never closes it continues into the next paragraph when that one
opens with a mark again (the news convention for long quotes). Any other unbalanced mark degrades
locally: the quote runs to the end of its paragraph with ``closed=False``; nothing fails.
The scan is one pass over each paragraph's characters, driven by a compiled regex.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wiretrace.model import Span

# Typewriter pairs first so that '' is one mark, not two apostrophes.
_DOUBLE = re.compile(r"``|''|[\"\u201c\u201d\u201e\u00ab\u00bb]")
_OPENERS = {"\u201c", "\u201e", "\u00ab", "``"}
_CLOSERS = {"\u201d", "\u00bb"}
_SINGLE = re.compile(r"[\u2018\u2019']")
# Characters after which an ambiguous mark opens (start, space, bracket, dash, colon).
# A transcript speaker label opening a turn: "SMITH:" or "Gov. Jane Smith:".
_TURN_LABEL = re.compile(r"\s*[A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,3}:\s")
_OPEN_CONTEXT = set(" \t\n([{\u2014\u2013-:/")


@dataclass
class MarkedQuote:
    """Content between marks (marks excluded). ``pieces`` has one span per paragraph it runs over."""

    pieces: list[Span]
    closed: bool = True
    single: bool = False
    opener: int = 0  # offset of the opening mark
    closer: int | None = None  # offset just after the closing mark
    paragraphs: list[int] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.pieces[0].start

    @property
    def end(self) -> int:
        return self.pieces[-1].end


def _role(text: str, pos: int, mark: str) -> str:
    """``open``, ``close`` or ``either`` for the mark at ``pos`` from its neighbours."""
    if mark in _OPENERS:
        return "open"
    if mark in _CLOSERS:
        return "close"
    before = text[pos - 1] if pos > 0 else " "
    after_pos = pos + len(mark)
    after = text[after_pos] if after_pos < len(text) else " "
    if before in _OPEN_CONTEXT and not after.isspace():
        return "open"
    if after.isspace() or after in ".,;:!?)]}\u2014\u2013-" or after_pos >= len(text):
        return "close"
    return "either"


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _scan_double(text: str, para: Span) -> tuple[list[tuple[int, int, int, int]], tuple[int, int] | None]:
    """Pairs (open_pos, content_start, content_end, close_end; -1 when unclosed) and a dangling
    opener as (open_pos, content_start)."""
    pairs: list[tuple[int, int, int, int]] = []
    open_at: int | None = None
    open_pos = 0
    chunk = text[para.start : para.end]
    # Balanced curly marks may nest (“... “hell” ...”); unbalanced ones are read flat.
    nests = chunk.count("\u201c") == chunk.count("\u201d") > 1
    depth = 0
    for m in _DOUBLE.finditer(text, para.start, para.end):
        role = _role(text, m.start(), m.group())
        if open_at is None:
            if role != "close":
                open_at, open_pos = m.end(), m.start()
            continue
        if nests and m.group() == "\u201c":
            depth += 1
            continue
        if nests and m.group() == "\u201d" and depth > 0:
            depth -= 1
            continue
        if role == "open" and m.group() in _OPENERS:
            # A second curly opener: the first quote was never closed. Keep it up to here.
            pairs.append((open_pos, open_at, m.start(), -1))
            open_at, open_pos = m.end(), m.start()
            continue
        pairs.append((open_pos, open_at, m.start(), m.end()))
        open_at = None
    return pairs, (open_pos, open_at) if open_at is not None else None


def _scan_single(text: str, para: Span) -> list[tuple[int, int, int, int]]:
    """Single-mark quotes where the marks cannot be apostrophes (no letter on both sides)."""
    pairs: list[tuple[int, int, int, int]] = []
    open_at: int | None = None
    open_pos = 0
    for m in _SINGLE.finditer(text, para.start, para.end):
        p = m.start()
        before = text[p - 1] if p > para.start else " "
        after = text[p + 1] if p + 1 < para.end else " "
        if before.isalnum() and after.isalnum():
            continue  # don't, Biden's
        if open_at is None:
            if m.group() != "\u2019" and before in _OPEN_CONTEXT and after.isalnum():
                open_at, open_pos = p + 1, p
            continue
        if m.group() != "\u2018" and not after.isalnum() and not (before == "s" and after == " "):
            pairs.append((open_pos, open_at, p, p + 1))
            open_at = None
    return pairs


def scan_quotes(text: str, paragraphs: list[Span], *, min_chars: int = 2) -> list[MarkedQuote]:
    """Every top-level quotation in ``text``, in order; see the module docstring for the rules."""
    paras = paragraphs or [Span(start=0, end=len(text))]
    out: list[MarkedQuote] = []
    carry: MarkedQuote | None = None  # a quote left open at the end of the previous paragraph
    for pi, para in enumerate(paras):
        pairs, dangling = _scan_double(text, para)
        single = False
        if not pairs and dangling is None and carry is None:
            pairs, single = _scan_single(text, para), True
        starts_with_mark = bool(_DOUBLE.match(text, para.start))
        if carry is not None:
            if starts_with_mark and pairs and _TURN_LABEL.match(text, pairs[0][1]):
                # A transcript turn ("SMITH: ...") starts a new quote even inside a long one.
                carry.closed = False
                out.append(carry)
                carry = None
            elif starts_with_mark:
                # The open quote goes on here: this paragraph's first quote belongs to it.
                if pairs:
                    first = pairs.pop(0)
                    s, e = _strip(text, first[1], first[2])
                    carry.pieces.append(Span(start=s, end=e))
                    carry.paragraphs.append(pi)
                    carry.closer = first[3] if first[3] >= 0 else None
                    carry.closed = first[3] >= 0
                    out.append(carry)
                    carry = None
                elif dangling is not None and not _TURN_LABEL.match(text, dangling[1]):
                    s, e = _strip(text, dangling[1], para.end)
                    carry.pieces.append(Span(start=s, end=e))
                    carry.paragraphs.append(pi)
                    continue
                else:
                    carry.closed = False
                    out.append(carry)
                    carry = None
            else:
                carry.closed = False
                out.append(carry)
                carry = None
        for open_pos, s0, e0, close_end in pairs:
            s, e = _strip(text, s0, e0)
            if e - s >= min_chars:
                out.append(
                    MarkedQuote(
                        pieces=[Span(start=s, end=e)],
                        closed=close_end >= 0,
                        single=single,
                        opener=open_pos,
                        closer=close_end if close_end >= 0 else None,
                        paragraphs=[pi],
                    )
                )
        if dangling is not None:
            s, e = _strip(text, dangling[1], para.end)
            if e - s >= min_chars:
                carry = MarkedQuote(
                    pieces=[Span(start=s, end=e)], closed=False, opener=dangling[0], paragraphs=[pi]
                )
    if carry is not None:
        carry.closed = False
        out.append(carry)
    return out
