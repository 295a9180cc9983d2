"""Calendar resolution of one date expression against an anchor day (no spaCy here; see stages/dates.py).

``resolve(text, anchor, direction)`` turns "Thursday", "last year", "March 18", "1998" or "two weeks ago"
into an ISO value and a granularity. ``direction`` says which way a bare weekday or month points when
the words alone do not ("on Friday" after "proposed" is the next Friday; after "met" the last one): the
grammar decides it in the stage. Rules, all relative to the anchor day A:

* a weekday: past -> the latest such day on or before A, future -> the first on or after A, so the
  anchor's own weekday is A itself; "last Friday" / "next Friday" skip A.
* "last night", "yesterday": A - 1 day (the night before the anchor day, as news copy means it).
* "last/previous/past year|month": the calendar year/month before A's; "this", "next" likewise.
* weeks ("last week", "two weeks ago") have no granularity of their own in the model: the value is the
  ISO week ("2021-W10") with granularity "unknown".
* a month or month-day without a year takes A's year, moved by one year to fit ``direction``.
* durations ("three years"), decades, vague words ("recently") are unresolvable: None.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from dateutil import parser as date_parser
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta, weekday

Direction = Literal["past", "future"]
Granularity = Literal["day", "month", "year", "unknown"]

WEEKDAYS: dict[str, weekday] = {
    "monday": MO,
    "tuesday": TU,
    "wednesday": WE,
    "thursday": TH,
    "friday": FR,
    "saturday": SA,
    "sunday": SU,
}
WEEKDAY_RE = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", re.IGNORECASE)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_FULL_MD = re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+({_YEAR})\b)?", re.IGNORECASE)
_FULL_DM = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?:,?\s+({_YEAR})\b)?", re.IGNORECASE)
_ISO = re.compile(rf"\b({_YEAR})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b")
_MONTH_YEAR = re.compile(rf"\b({_MONTH})(?:,?\s+(?:of\s+)?({_YEAR}))?\b", re.IGNORECASE)
_YEAR_ONLY = re.compile(rf"^(?:in\s+|the\s+year\s+)?({_YEAR})(?:'s)?$", re.IGNORECASE)
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a couple of": 2,
    "several": None,
}
_AGO = re.compile(r"^(\d+|a couple of|[a-z]+)\s+(day|week|month|year)s?\s+ago$")
_SHIFT = {"last": -1, "previous": -1, "past": -1, "this": 0, "current": 0, "next": 1, "coming": 1}
_UNIT = re.compile(
    r"^(?:the\s+)?(?:(?:earlier|later)\s+)?(last|previous|past|this|current|next|coming)\s+(week|month|year)$"
)
_DAY_WORDS = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "yesterday morning": -1,
    "yesterday afternoon": -1,
    "yesterday evening": -1,
    "last evening": -1,
    "tomorrow": 1,
    "tomorrow morning": 1,
    "tomorrow night": 1,
    "tomorrow evening": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}
_WEEKDAY_PHRASE = re.compile(
    r"(?:(last|next|this|past|coming)\s+)?([a-z]+day)(?:\s+(?:morning|afternoon|evening|night))?"
)
# Phrases found by a text scan when NER missed them (weekdays are found by WEEKDAY_RE).
RELATIVE_RE = re.compile(
    r"\b(?:(?:the\s+)?day\s+(?:before\s+yesterday|after\s+tomorrow)|yesterday|today|tonight|tomorrow"
    r"|(?:the\s+)?(?:last|previous|past|this|next|coming)\s+(?:night|week|month|year|morning|afternoon|evening)"
    r"|(?:earlier|later)\s+this\s+(?:week|month|year))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Resolved:
    value: str | None
    granularity: Granularity
    relative: bool  # True when the anchor was used


UNRESOLVED = Resolved(None, "unknown", False)


def _norm(text: str) -> str:
    t = re.sub(r"'s?$", "", " ".join(text.replace("\u2019", "'").split())).strip(" ,.;:")
    return re.sub(r"^(?:on|in|at|by|since|until|from|during)\s+", "", t, flags=re.IGNORECASE)


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def explicit_day(text: str, default_year: int | None = None) -> tuple[dt.date, bool] | None:
    """A calendar day written out ("Thursday, March 18, 2021", "18 March", "2021-03-18").

    Returns the day and whether the text gave its year; None when there is no month-and-day.
    """
    iso = _ISO.search(text)
    if iso:
        try:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3])), True
        except ValueError:  # "2021-02-30"
            return None
    m = _FULL_MD.search(text) or _FULL_DM.search(text)
    if not m or (m[1] is None and default_year is None):
        return None
    year = int(m[1]) if m[1] else default_year
    try:
        when = date_parser.parse(m[0], default=dt.datetime(year or 1, 1, 1))
    except (ValueError, OverflowError):
        return None
    return when.date(), m[1] is not None


def _fit_year(day: dt.date, anchor: dt.date, direction: Direction) -> dt.date:
    if direction == "past" and day > anchor:
        return day - relativedelta(years=1)
    if direction == "future" and day < anchor:
        return day + relativedelta(years=1)
    return day


def weekday_date(name: str, anchor: dt.date, direction: Direction, modifier: str = "") -> dt.date:
    """The date of a weekday relative to the anchor (see the module rules)."""
    wd = WEEKDAYS[name.lower()]
    if modifier == "last":
        return anchor - relativedelta(days=1, weekday=wd(-1))
    if modifier == "next":
        return anchor + relativedelta(days=1, weekday=wd(+1))
    return anchor + relativedelta(weekday=wd(-1) if direction == "past" else wd(+1))


def resolve(text: str, anchor: dt.date | None, direction: Direction = "past") -> Resolved:
    """Resolve one date expression; relative ones need ``anchor`` (else they stay unresolved)."""
    try:
        return _resolve(text, anchor, direction)
    except (ValueError, OverflowError):  # arithmetic past year 1 or 9999
        return UNRESOLVED


def _resolve(text: str, anchor: dt.date | None, direction: Direction) -> Resolved:
    t = _norm(text)
    low = t.lower()
    if not low:
        return UNRESOLVED
    year_only = _YEAR_ONLY.match(t)
    if year_only:
        return Resolved(year_only[1], "year", False)
    if re.search(r"\d0s\b|centur|decade", low):
        return UNRESOLVED
    day = explicit_day(t, anchor.year if anchor else None)
    if day is not None:
        when, has_year = day
        if has_year:
            return Resolved(when.isoformat(), "day", False)
        assert anchor is not None
        return Resolved(_fit_year(when, anchor, direction).isoformat(), "day", True)
    if t.isupper() and len(t) > 3 and not re.search(r"\d", t):
        return UNRESOLVED  # "USA TODAY", a headline's "MONDAY": a name or a shout, not a reference
    if anchor is None:
        month_year = _MONTH_YEAR.fullmatch(t)
        if month_year and month_year[2]:
            return _month(month_year[1], int(month_year[2]), None, direction)
        return UNRESOLVED
    if low in _DAY_WORDS:
        return Resolved((anchor + relativedelta(days=_DAY_WORDS[low])).isoformat(), "day", True)
    weekday_m = _WEEKDAY_PHRASE.fullmatch(low)
    if weekday_m and weekday_m[2] in WEEKDAYS:
        mod = {"past": "last", "coming": "next"}.get(weekday_m[1] or "", weekday_m[1] or "")
        return Resolved(weekday_date(weekday_m[2], anchor, direction, mod).isoformat(), "day", True)
    unit = _UNIT.match(low)
    if unit:
        return _shift(unit[2], _SHIFT[unit[1]], anchor)
    ago = _AGO.match(low)
    if ago:
        n = int(ago[1]) if ago[1].isdigit() else _NUMBERS.get(ago[1])
        if n is None:
            return UNRESOLVED
        return _shift(ago[2], -n, anchor)
    month_year = _MONTH_YEAR.fullmatch(t)
    if month_year:
        return _month(month_year[1], int(month_year[2]) if month_year[2] else None, anchor, direction)
    return UNRESOLVED


def _month(name: str, year: int | None, anchor: dt.date | None, direction: Direction) -> Resolved:
    month = date_parser.parse(name.rstrip("."), default=dt.datetime(2000, 1, 1)).month
    if year is not None:
        return Resolved(f"{year:04d}-{month:02d}", "month", False)
    assert anchor is not None
    first = _fit_year(dt.date(anchor.year, month, 1), anchor.replace(day=1), direction)
    return Resolved(f"{first.year:04d}-{month:02d}", "month", True)


def _shift(unit: str, n: int, anchor: dt.date) -> Resolved:
    if unit == "year":
        return Resolved(f"{(anchor + relativedelta(years=n)).year:04d}", "year", True)
    if unit == "month":
        moved = anchor + relativedelta(months=n)
        return Resolved(f"{moved.year:04d}-{moved.month:02d}", "month", True)
    if unit == "week":
        return Resolved(_iso_week(anchor + relativedelta(weeks=n)), "unknown", True)
    return Resolved((anchor + relativedelta(days=n)).isoformat(), "day", True)
