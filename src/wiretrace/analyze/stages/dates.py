"""Dates stage: date expressions resolved to ISO values against one anchor day.

Expressions come from the surface grammar (``analyze/dates/grammar.py``); the parse then rejects those
that are not time references (names, counts, game periods: ``analyze/dates/syntax.py``) and reads the
tense that sets the direction of a bare weekday or a yearless date. The calendar rules are in
``analyze/temporal.py``. Decisions made here, over the whole article:

* the anchor: the publication date, else ``Settings.dates.anchor``, else the first full date the text
  states with its weekday (as in a dateline), else the first full date; ``DateRef.anchor`` says which.
  A dateline ("LONDON, March 12, 2019 --") or a time stamp ("Updated 12/16:") at the start of a
  paragraph re-anchors the rest of that paragraph.
* one value per phrase: a weekday, yearless date or holiday whose own sentence marks no tense takes
  the direction of the nearest mention of the same phrase that does (in the same anchor region), so a
  headline's "Friday" and the body's "on Friday" agree.
* the week frame: in an article published on a Sunday whose "this week" points forward, the week
  meant is the coming Monday-Sunday, and "last"/"next week" move with it.
* anaphors ("two days later", "the month prior") build on the dates resolved before them.
* an expression that cannot be resolved is left out, except that a relative one in an article with
  no anchor at all is kept with ``value=None`` (it is a date; only its anchor is missing).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wiretrace.analyze.dates import data_hash
from wiretrace.analyze.dates.grammar import Expression, scan
from wiretrace.analyze.dates.syntax import direction, is_reference, surnames_in
from wiretrace.analyze.doctext import doc_text
from wiretrace.analyze.integrity.intervals import Intervals
from wiretrace.analyze.layers import Layers
from wiretrace.analyze.registry import stage
from wiretrace.analyze.temporal import (
    WEEKDAY_RE,
    Direction,
    Reading,
    Resolved,
    explicit_day,
    resolve_expression,
)
from wiretrace.model import Article, DateRef, Span
from wiretrace.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

__all__ = ["choose_anchor", "direction", "find_dates", "resolve_dates"]

# A dateline: at a paragraph's start, a place in capitals ("PORT ARLO, March 2, 2021 --"), or the bare
# date followed by the punctuation datelines and captions use ("March 2, 2021 (Agency) --", "...; Place").
_DATELINE_PLACE = re.compile(r"^\s*(?:\(\w+\)\s*[-—–]+\s*)?[A-Z][A-Z.'’ -]{2,},\s*$")
_DATELINE_BARE = re.compile(r"^\s*(?:\(\w+\)\s*[-—–]+\s*)?$")
_DATELINE_AFTER = re.compile(r"^\s*(?:\(|--|—|–|;|,\s*\d)")
_HISTORY_CHARS = 1500  # anaphors look back this far for the date they build on
_NO_ANCHOR_PROBE = dt.date(2001, 1, 1)  # any day: tells a relative expression from nonsense


def choose_anchor(
    article: Article, doc: Doc, settings: Settings, exprs: list[Expression] | None = None
) -> tuple[dt.date | None, str | None]:
    """The day relative expressions are resolved against, and how it was chosen (``exprs``: the
    ``scan`` of the Doc's text when the caller has it)."""
    if article.published is not None:
        return article.published, f"published {article.published.isoformat()}"
    if settings.dates.anchor:
        day = dt.date.fromisoformat(settings.dates.anchor)
        return day, f"settings dates.anchor {day.isoformat()}"
    # A full date with its weekday is how datelines and captions state "today"; a bare full date may
    # be a birthday or an anniversary, so it is only the second choice.
    stated: list[tuple[bool, int, dt.date, Expression]] = []
    full = doc_text(doc)
    for expr in scan(full) if exprs is None else exprs:
        if expr.kind != "date" or expr.year is None:
            continue
        text = full[expr.start : expr.end]
        found = explicit_day(text)
        if found is None:
            continue
        before = full[max(0, expr.start - 12) : expr.start]
        weekday = bool(WEEKDAY_RE.search(text) or WEEKDAY_RE.search(before))
        stated.append((not weekday, expr.start, found[0], expr))
    if not stated:
        return None, None
    _, _, day, expr = min(stated, key=lambda x: (x[0], x[1]))
    text = full[expr.start : expr.end]
    return day, f"stated in text: {text} = {day.isoformat()} (chars {expr.start}-{expr.end})"


@dataclass
class _Mention:
    expr: Expression
    span: SpacySpan
    direction: Direction
    region: int  # index of the anchor region (0: the article's own anchor)


@dataclass(frozen=True)
class _Region:
    start: int
    end: int
    anchor: dt.date
    how: str


def _paragraph_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _regions(text: str, exprs: list[Expression], anchor: dt.date, how: str) -> list[_Region]:
    """Datelines and stamps that re-anchor the rest of their paragraph (index 0 is the whole article)."""
    regions = [_Region(0, len(text), anchor, how)]
    for expr in exprs:
        if expr.kind != "date":
            continue
        line_start = text.rfind("\n", 0, expr.start) + 1
        lead = text[line_start : expr.start]
        after = text[expr.end : expr.end + 8]
        dateline = expr.year is not None and (
            _DATELINE_PLACE.match(lead) or (_DATELINE_BARE.match(lead) and _DATELINE_AFTER.match(after))
        )
        if expr.modifier != "stamp" and not dateline:
            continue
        res = resolve_expression(expr, anchor, Reading())
        if res.value is None or res.period is None or res.period.first == anchor:
            continue
        label = text[expr.start : expr.end]
        day = res.period.first
        regions.append(
            _Region(expr.end, _paragraph_end(text, expr.end), day, f"stated in text: {label} = {day}")
        )
    return regions


def _region_of(regions: list[_Region], pos: int, index: Intervals | None = None) -> int:
    """The last re-anchored region holding ``pos`` (0 when none does); ``index`` is
    ``_region_index(regions)``, built once for many look-ups."""
    index = index or _region_index(regions)
    inside = index.overlapping_ids(pos, pos + 1)
    return inside[-1] + 1 if inside else 0


def _region_index(regions: list[_Region]) -> Intervals:
    return Intervals((r.start, r.end) for r in regions[1:])


def _phrase_key(expr: Expression) -> tuple[object, ...] | None:
    """Mentions that must share one value in a region, unless their own tense says otherwise."""
    if expr.kind == "weekday" and expr.modifier in {"", "this"}:
        return ("weekday", expr.weekday)
    if expr.kind == "date" and expr.year is None:
        return ("date", expr.month, expr.day)
    if expr.kind == "holiday" and expr.year is None and expr.year_shift is None:
        return ("holiday", expr.rule)
    return None


def _share_directions(mentions: list[_Mention]) -> None:
    """An unmarked mention takes the direction of the nearest marked one of the same phrase."""
    groups: dict[tuple[object, ...], list[_Mention]] = {}
    for m in mentions:
        key = _phrase_key(m.expr)
        if key is not None:
            groups.setdefault((m.region, *key), []).append(m)
    for group in groups.values():
        marked = [m for m in group if m.direction != "unmarked"]
        if not marked:
            continue
        # Mentions come in text order (``scan`` sorts them), so the marked ones before a mention are
        # a prefix of ``marked``.
        starts = [x.expr.start for x in marked]
        for m in group:
            if m.direction == "unmarked":
                k = bisect.bisect_left(starts, m.expr.start)
                m.direction = (marked[k - 1] if k else marked[0]).direction


def _week_shift(mentions: list[_Mention], anchor: dt.date) -> int:
    """+1 when a Sunday article's "this week" looks forward (the coming Monday-Sunday is meant)."""
    if anchor.weekday() != 6:
        return 0
    this_week = [m for m in mentions if m.expr.kind == "unit" and m.expr.unit == "week" and m.expr.shift == 0]
    return 1 if any(m.direction == "future" for m in this_week) else 0


def find_dates(doc: Doc, article: Article, settings: Settings) -> list[DateRef]:
    """Every date expression in ``doc`` with its resolved value; exposed for callers with their own Doc."""
    text = doc_text(doc)
    exprs = scan(text)
    anchor, how = choose_anchor(article, doc, settings, exprs)
    surnames = surnames_in(doc)
    regions = _regions(text, exprs, anchor, how or "") if anchor is not None else []
    region_index = _region_index(regions)
    mentions: list[_Mention] = []
    for expr in exprs:
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is None or not is_reference(doc, expr, surnames):
            continue
        index = _region_of(regions, expr.start, region_index) if regions else 0
        mentions.append(_Mention(expr, span, direction(span), index))
    _share_directions(mentions)
    if anchor is None:
        return [ref for m in mentions if (ref := _unanchored(m)) is not None]
    week_shift = _week_shift(mentions, anchor)
    history: list[tuple[int, Resolved]] = []
    ends: list[int] = []  # ascending: expressions never overlap and come in text order
    ascending = True
    refs: list[DateRef] = []
    for m in mentions:
        region = regions[m.region]
        # The resolved dates ending at most _HISTORY_CHARS before this one: a suffix of the history.
        since = m.expr.start - _HISTORY_CHARS
        if ascending:
            recent = tuple(r for _end, r in history[bisect.bisect_left(ends, since) :])
        else:
            recent = tuple(r for end, r in history if end >= since)
        reading = Reading(direction=m.direction, week_shift=week_shift, history=recent)
        res = resolve_expression(m.expr, region.anchor, reading)
        if res.value is None:
            continue
        ascending = ascending and (not ends or ends[-1] <= m.expr.end)
        history.append((m.expr.end, res))
        ends.append(m.expr.end)
        refs.append(_ref(m.expr, res, region.how))
    return refs


def _unanchored(m: _Mention) -> DateRef | None:
    """With no anchor, absolute dates keep their value and relative ones are kept unresolved."""
    res = resolve_expression(m.expr, None, Reading(direction=m.direction))
    if res.value is not None:
        return _ref(m.expr, res, "")
    probe = resolve_expression(m.expr, _NO_ANCHOR_PROBE, Reading(direction=m.direction))
    if probe.value is None:
        return None
    return DateRef(
        span=Span(start=m.expr.start, end=m.expr.end), value=None, granularity="unknown", anchor=None
    )


def _ref(expr: Expression, res: Resolved, how: str) -> DateRef:
    return DateRef(
        span=Span(start=expr.start, end=expr.end),
        value=res.value,
        granularity=res.granularity,
        anchor=how if res.relative else "absolute",
    )


@stage(f"dates.v2+{data_hash()}", requires=("doc",), assigns="dates", languages=("en",))
def resolve_dates(article: Article, layers: Layers, settings: Settings) -> list[DateRef]:
    """Date expressions resolved against the publication date, the settings anchor or a stated date."""
    return find_dates(layers.doc, article, settings)
