"""Dates stage: date expressions resolved to ISO values against one anchor day.

Expressions: spaCy DATE entities, TIME entities that name a day ("last night"), and a text scan for
weekday names and relative phrases NER missed ("yesterday", "previous year"). The anchor is the
article's publication date, else ``Settings.dates.anchor``, else the first full date the text states
with its weekday (as in a photo caption or dateline), else the first full date; ``DateRef.anchor``
says which, so a reader can check it.

A bare weekday or month points backwards or forwards depending on the grammar around it (see
``direction``): past tense -> the latest such day on or before the anchor; a modal, infinitive, present
schedule ("meets on Monday") or anything proposed or planned ("proposed talks on Friday") -> the next.
The calendar rules themselves are in ``analyze/temporal.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from wiretrace.analyze.entity_linking import word_set
from wiretrace.analyze.layers import Layers
from wiretrace.analyze.registry import stage
from wiretrace.analyze.temporal import RELATIVE_RE, WEEKDAY_RE, Direction, explicit_day, resolve
from wiretrace.model import Article, DateRef, Span
from wiretrace.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

# Verbs and nouns whose complement lies ahead in time: a date inside what they govern is a future one.
_FORWARD = word_set(
    "propose proposal suggest suggestion offer invite invitation plan schedule expect intend want hope "
    "agree arrange prepare promise threaten vow pledge urge call request ask demand seek aim set due "
    "announce postpone delay reschedule"
)
_MODALS = word_set("will shall 'll would could should may might can must 'd wo")
_LEADING = word_set("the on in at by since until during")
_FREQUENCY = re.compile(r"^(?:weekly|daily|monthly|yearly|annual|annually|hourly|quarterly|nightly)$", re.I)
_DAY_TIME = re.compile(r"night|morning|afternoon|evening|today|tonight|tomorrow|yesterday|day\b", re.I)


def _finite_tense(verb: Token) -> Direction | None:
    """Past or future from one verb and its auxiliaries; None for a non-finite verb (keep looking up)."""
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.lower_ in _MODALS for a in auxes):
        return "future"
    if verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxes):
        return "future"  # infinitive: "plans to meet on Monday"
    if any(a.lower_ in {"did", "was", "were", "had", "has", "have"} for a in auxes):
        return "past"
    if any(a.lower_ in {"is", "are", "am", "'s", "'re", "do", "does"} for a in auxes):
        return "future"  # "is meeting on Monday"
    if verb.tag_ in {"VBD"}:
        return "past"
    if verb.tag_ in {"VBZ", "VBP"}:
        return "future"  # schedule present: "the summit opens on Monday"
    if verb.tag_ == "VBN" and verb.dep_ not in {"amod", "acl"}:
        return "past"
    return None


def direction(span: SpacySpan) -> Direction:
    """Which way a bare weekday or month in ``span`` points, read from the words that govern it."""
    root = span.root
    chain = list(root.ancestors)
    for i, anc in enumerate(chain):
        if anc.lemma_.lower() in _FORWARD:
            between = chain[:i]
            # Attached straight to "proposed" (through a preposition at most): when the proposing happened.
            direct = all(t.pos_ == "ADP" or t.ent_type_ in {"DATE", "TIME"} for t in between)
            if not direct:
                return "future"
    for anc in chain:
        if anc.pos_ in {"VERB", "AUX"}:
            tense = _finite_tense(anc)
            if tense is not None:
                return tense
    sent_root = root.sent.root
    if sent_root.pos_ in {"VERB", "AUX"}:
        return _finite_tense(sent_root) or "past"
    return "past"  # news reports what happened


def choose_anchor(article: Article, doc: Doc, settings: Settings) -> tuple[dt.date | None, str | None]:
    """The day relative expressions are resolved against, and how it was chosen."""
    if article.published is not None:
        return article.published, f"published {article.published.isoformat()}"
    if settings.dates.anchor:
        day = dt.date.fromisoformat(settings.dates.anchor)
        return day, f"settings dates.anchor {day.isoformat()}"
    # A full date with its weekday is how datelines and captions state "today"; a bare full date may
    # be a birthday or an anniversary, so it is only the second choice.
    stated: list[tuple[bool, int, dt.date, SpacySpan]] = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        found = explicit_day(ent.text)
        if found is not None and found[1]:
            before = doc.text[max(0, ent.start_char - 12) : ent.start_char]
            weekday = bool(WEEKDAY_RE.search(ent.text) or WEEKDAY_RE.search(before))
            stated.append((not weekday, ent.start_char, found[0], ent))
    if not stated:
        return None, None
    _, _, day, ent = min(stated, key=lambda x: (x[0], x[1]))
    return day, f"stated in text: {ent.text} = {day.isoformat()} (chars {ent.start_char}-{ent.end_char})"


def _candidates(doc: Doc) -> list[SpacySpan]:
    """DATE entities, day-naming TIME entities and scanned phrases NER missed, in text order."""
    spans: list[SpacySpan] = []
    covered = bytearray(len(doc.text))  # characters already inside a date expression (linear check)
    for ent in doc.ents:
        if ent.label_ not in {"DATE", "TIME"}:
            continue
        covered[ent.start_char : ent.end_char] = b"\x01" * (ent.end_char - ent.start_char)
        if _FREQUENCY.match(ent.text.strip()):
            continue  # "weekly" is how often, not when
        if ent.label_ == "TIME" and not (_DAY_TIME.search(ent.text) or WEEKDAY_RE.search(ent.text)):
            continue  # a clock time alone names no day
        weekdays = list(WEEKDAY_RE.finditer(ent.text))
        if len(weekdays) > 1 and not re.search(r"\d", ent.text):
            # "Friday or Monday" as one entity: one reference per weekday.
            for m in weekdays:
                start, end = ent.start_char + m.start(), ent.start_char + m.end()
                part = doc.char_span(start, end, alignment_mode="expand")
                if part is not None:
                    spans.append(part)
            continue
        spans.append(ent)
    text = doc.text
    for rx in (WEEKDAY_RE, RELATIVE_RE):
        for m in rx.finditer(text):
            if rx is WEEKDAY_RE and not m[0][0].isupper():
                continue
            if any(covered[m.start() : m.end()]):
                continue
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                spans.append(span)
                covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return sorted(spans, key=lambda s: s.start_char)


def _trim(span: SpacySpan) -> tuple[int, int]:
    """Character offsets without a leading determiner/preposition or trailing possessive NER includes."""
    toks = [t for t in span if not t.is_punct]
    while len(toks) > 1 and toks[0].lower_ in _LEADING:
        toks.pop(0)
    while len(toks) > 1 and toks[-1].tag_ == "POS":  # "last year's talks"
        toks.pop()
    if not toks:
        return span.start_char, span.end_char
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def find_dates(doc: Doc, article: Article, settings: Settings) -> list[DateRef]:
    """Every date expression in ``doc`` with its resolved value; exposed for callers with their own Doc."""
    anchor, how = choose_anchor(article, doc, settings)
    refs: list[DateRef] = []
    for span in _candidates(doc):
        res = resolve(span.text, anchor, direction(span))
        start, end = _trim(span)
        refs.append(
            DateRef(
                span=Span(start=start, end=end),
                value=res.value,
                granularity=res.granularity if res.value is not None else "unknown",
                anchor=(how if res.relative else "absolute") if res.value is not None else None,
            )
        )
    return refs


@stage("dates.v1", requires=("doc",), assigns="dates", languages=("en",))
def resolve_dates(article: Article, layers: Layers, settings: Settings) -> list[DateRef]:
    """Date expressions resolved against the publication date, the settings anchor or a stated date."""
    return find_dates(layers.doc, article, settings)
