"""Photo captions: caption lines, also when merged into the start (or middle) of a paragraph.

A caption is recognised by its grammar and its furniture, not by a fixed phrase: present-tense
description of a scene ("X attends a meeting in Y") in a past-tense news text, a location then a
full date closing the sentence ("in Moscow, Russia, Thursday, March 18, 2021."), photo credits
("Agency/Jane Doe", "(Photo: ...)", "Getty Images"), file-photo markers, and no reporting verb.
Each sentence-like unit is scored alone, so a caption glued to a paragraph is flagged by itself.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from wiretrace.analyze.integrity.intervals import Claims
from wiretrace.analyze.integrity.segments import (
    MONTHS,
    Segmented,
    Unit,
    opens_with_headline,
    reads_as_english,
    words,
)

# A marked caption longer than this is a figure holding body text, not a caption.
_MAX_MARKED_WORDS = 80

_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DATE_END = re.compile(
    rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
    rf"\d{{1,2}}\s+(?:{MONTHS})\.?,?\s+\d{{4}})[.)\]]*\s*(?:\(.*\))?\s*$"
)
_PLACE_BEFORE_DATE = re.compile(
    r"\b(?:in|at|near|outside|on|off)\s+[A-Z][\w.'\-]*(?:[\s,]+[A-Z][\w.'\-]*)*(?:,\s*|\s+)(?:on\s+)?$"
)
# Credits: "Agency/Jane Doe", "Jane Doe/AGENCY", "AP Photo/...", "(Photo: ...)", "Photograph: ...".
_NAME = r"[A-Z][a-z]+(?:\s[A-Z][a-z'\-]+){1,2}"
_AGENCY = r"[A-Z][A-Za-z&]{1,20}(?: Photo)?"
_CREDIT = re.compile(
    rf"\b{_AGENCY}\s?/\s?{_NAME}[).\]]*\s*$|\b{_NAME}\s?/\s?(?:[A-Z]{{2,}}|[A-Z][a-z]+)\b[).\]]*\s*$|"
    rf"\({_AGENCY}\s?/\s?[A-Z][a-z]+(?:\s[A-Z][a-z'\-]+){{0,2}}\)|"
    r"\b[A-Z]{2,}(?:\s[A-Z]{2,}){1,2}\s?/\s?[A-Z]{2,}\b[).\]]*\s*$|"  # "JANE DOE/REUTERS"
    r"^(?i:credit|courtesy(?: of)?)\s*:?\s+[A-Z]|"
    r"(?i:\((?:photo|picture|image|credit|foto)s?\s*(?:by|:))|"
    r"(?i:\b(?:photo|photograph|picture|image)s?\s+(?:by|courtesy|credit)\b)|"
    r"(?i:\b(?:photo|photograph|image|picture)\s*(?:credit)?:\s)|"
    r"\b(?:Getty Images|Shutterstock|Alamy|AP Photo|AFP Photo|EPA-EFE|Pool Photo|via Reuters|Handout)\b|"
    # an agency in brackets at the end (at the start, "WASHINGTON (AP) —" is a dateline)
    r"\((?:Reuters|REUTERS|AP|AFP|EPA|Xinhua|Bloomberg|Getty)\)[.\s]*$"
)
_STOCK = r"(?:Getty Images|Shutterstock|Alamy|AP Photo|AFP Photo|EPA-EFE|Pool Photo|Reuters|AFP|AP)"
# A credit opening a unit and glued to the next sentence: "(Photo: Jane Doe/Reuters) Shares rose ..."
_LEADING_CREDIT = re.compile(
    rf"^(?:\([^()]{{2,60}}\)|(?:{_AGENCY}\s?/\s?{_NAME})|(?i:(?:photo|photograph|image|picture)s?"
    rf"\s*(?:by|credit)?:?\s+{_NAME}(?:\s?/\s?[A-Z][A-Za-z]+)?(?:\s+via\s+{_STOCK})?)|{_STOCK})(?=\s+[A-Z])"
)
# Where people stand in the picture: "Jane Doe (C)", "the minister, left, ..."
_POSITION = re.compile(
    r"\((?:L|R|C|left|right|centre|center)\)|,\s(?:left|right|centre|center|second from (?:left|right)),"
)
# Cheap gate: a caption needs a year, a credit or photo word, or a position marker to score.
_CUES = re.compile(
    r"\d{4}|/|(?i:photo|picture|image|getty|shutterstock|alamy|handout|view)|\([A-Z]{1,2}\)|, (?:left|right),"
)
_FILE_PHOTO = re.compile(
    r"\b(?:file|archive|handout|pool|stock)\s+(?:photo|picture|image|photograph)\b|"
    r"\b(?:photo|picture|image)\s+taken\b|\bin this (?:photo|picture|image|handout)\b|"
    r"\bin (?:a|an|the)\s+(?:\d{4}\s+)?(?:file\s+)?(?:photo|picture|image|photograph)\b",
    re.I,
)
_SCENE = re.compile(
    r"(?i:\b(?:(?:general|aerial) view|view of|is seen|are seen|pictured|poses?|gestures?|looks? on|waves?|"
    r"arrives?|attends?|speaks?|listens?|walks?|stands?|sits?|holds?|smiles?|reacts?|"
    r"left to right|background|foreground)\b)"
)
_REPORTING = re.compile(
    r"\b(?:said|says|told|stated|added|according to|announced|reported|noted|explained)\b", re.I
)
_QUOTE_CHARS = re.compile(r"[\"\u201c\u201d]")
_PRESENT = frozenset({"VBZ", "VBP"})
_PAST = frozenset({"VBD"})


@dataclass(frozen=True)
class CaptionHit:
    start: int
    end: int
    score: float
    reason: str


def score_caption(text: str, tags: list[str], *, standalone: bool) -> tuple[float, str]:
    """Score a unit as a caption from its text and the tagger's tags (empty when unaligned)."""
    n = len(words(text))
    credit = _CREDIT.search(text)
    if (n < 4 and not credit) or n > 60:
        return 0.0, ""
    s = 0.0
    why: list[str] = []
    if credit:
        s += 0.55
        why.append(f"photo credit {credit.group().strip()!r}")
    if _FILE_PHOTO.search(text):
        s += 0.5
        why.append("file-photo marker")
    date = _DATE_END.search(text)
    if date:
        s += 0.3
        before = text[: date.start()]
        if date.group("wd"):
            s += 0.1
        if _PLACE_BEFORE_DATE.search(before):
            s += 0.15
            why.append("place and full date closing the sentence")
        else:
            why.append("full date closing the sentence")
    present = any(t in _PRESENT for t in tags)
    past = any(t in _PAST for t in tags)
    if tags and present and not past:
        s += 0.15
        why.append("present-tense scene description")
    elif tags and not present and not past and date:
        s += 0.1  # verbless noun phrase with a date: "A general view of X, March 3, 2021"
    if _SCENE.search(text):
        s += 0.15
    if _POSITION.search(text):
        s += 0.25
        why.append("position of people in the picture")
    if standalone:
        s += 0.05
    if _REPORTING.search(text):
        s -= 0.35
    if _QUOTE_CHARS.search(text):
        s -= 0.3
    if past and not credit:
        s -= 0.2
    return max(0.0, min(s, 0.99)), "; ".join(why) or "caption-like line"


def split_leading_credits(seg: Segmented) -> Segmented:
    """Cut a photo credit off the start of a unit it was glued to ("REUTERS/Jane Doe Shares rose")."""
    out: list[Unit] = []
    for u in seg.units:
        m = _LEADING_CREDIT.match(seg.of(u.start, u.end))
        if m is None or not _CREDIT.search(m.group()):
            out.append(u)
            continue
        rest = u.start + m.end()
        rest += len(seg.text[rest : u.end]) - len(seg.text[rest : u.end].lstrip())
        out.append(Unit(u.start, u.start + m.end(), u.line, u.first_in_line, False))
        out.append(Unit(rest, u.end, u.line, False, u.last_in_line))
    return seg.with_units(out)


def _tags(seg: Segmented, start: int, end: int) -> list[str]:
    """POS tags, leaving out position words ("the minister, left, ...") that tag as past verbs."""
    toks = seg.tokens(start, end)
    return [
        t.tag_
        for k, t in enumerate(toks)
        if not (t.lower_ in ("left", "right") and k > 0 and toks[k - 1].text == ",")
    ]


def _marked_captions(seg: Segmented) -> list[CaptionHit]:
    """Lines the page's markup calls a caption (``figcaption``, a caption or credit class)."""
    hits: list[CaptionHit] = []
    for line in seg.content_lines():
        lay = seg.layout_of(line)
        if lay is None or not (lay.kind == "caption" or lay.box == "caption"):
            continue
        if len(seg.line_text(line).split()) <= _MAX_MARKED_WORDS:
            how = " (figcaption)" if lay.kind == "caption" else " (class name)"
            why = "the page marks it as a picture caption" + how
            hits.append(CaptionHit(line.start, line.end, 0.8, why))
    return hits


def find_captions(seg: Segmented, min_score: float) -> list[CaptionHit]:
    """Score every unit, a scene sentence with the credit after it, and every multi-unit line whole."""
    hits = _marked_captions(seg)
    if not reads_as_english(seg.text):
        return hits  # the wording cues below are English grammar
    first_line = seg.content_lines()[0].index if opens_with_headline(seg) else -1
    units = [u for u in seg.units if u.line != first_line]
    cands = [(u.start, u.end, u.first_in_line and u.last_in_line) for u in units]
    for a, b in itertools.pairwise(units):
        credit_only = len(words(seg.of(b.start, b.end))) <= 6 and _CREDIT.search(seg.of(b.start, b.end))
        if a.line == b.line and credit_only and not _REPORTING.search(seg.of(a.start, a.end)):
            cands.append((a.start, b.end, a.first_in_line and b.last_in_line))
    per_line = Counter(u.line for u in seg.units)
    for line in seg.content_lines():
        if line.index != first_line and per_line[line.index] > 1:
            cands.append((line.start, line.end, True))
    for start, end, standalone in cands:
        if not _CUES.search(seg.of(start, end)):
            continue  # without a date, credit, photo word or position marker no caption reaches 0.5
        s, why = score_caption(seg.of(start, end), _tags(seg, start, end), standalone=standalone)
        if s >= min_score:
            hits.append(CaptionHit(start, end, round(s, 3), why))
    kept: list[CaptionHit] = []
    claims = Claims()
    for h in sorted(hits, key=lambda h: (-h.score, h.end - h.start)):  # ties: the tighter span
        if claims.free(h.start, h.end):
            kept.append(h)
            claims.claim(h.start, h.end)
    return sorted(kept, key=lambda h: h.start)
