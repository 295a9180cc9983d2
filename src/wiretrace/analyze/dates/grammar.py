"""The surface grammar of English date expressions: a text scan that returns typed expressions.

Pure (regular expressions over the text, no spaCy): ``scan(text)`` finds every expression the grammar
knows, longest forms first, without overlaps; ``parse(text)`` reads one whole expression. Whether a
match is really a date (a programme called "Today", a person called May, a game's second quarter) is
decided later from the parse, in the stage; what a match denotes is computed in ``temporal.py``.

Forms, by kind:

* ``date``: "March 18", "18th March 2021", "Tuesday, Dec. 3, 2019", "2021-03-18", "3/18/2021"; the two
  ends of a range ("July 26 to August 11, 2024", "September 22 to 24") share the written year.
* ``month``: "June", "June 2022", "mid-May", "the end of March", "the first week of January" (kept at
  month precision), "last May".
* ``year``: "2016", "early 2019", "fiscal 2016" / "FY2016" (fiscal), "the new year".
* ``quarter`` / ``half``: "the second quarter of 2021", "fourth-quarter", "Q3 2020", "fiscal first
  quarter", "the first half of 2021".
* ``season``: "last fall", "summer 2023", "the fall".
* ``week``: "the week of March 29"; ``weekend``: "this weekend", "last Memorial Day weekend".
* ``unit``: "last week", "this month", "next year", "earlier this year" (deictic shifts).
* ``ago``: "three years ago". ``anaphor``: "two days later", "the following year", "the month prior",
  "the same day last week", "the prior-year period": resolved against the date mentioned before.
* ``day_word``: "today", "later this morning", "last night", "tomorrow evening".
* ``weekday``: "Friday", "last Friday", "Tuesday night". ``holiday``: names in ``dates_holidays``.

Month and weekday names must be capitalised ("may", "march" are other words); durations ("three
years"), frequencies ("each week") and rolling windows ("the past week") are not in the grammar.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal

from wiretrace import lexicons

Kind = Literal[
    "date",
    "month",
    "year",
    "quarter",
    "half",
    "season",
    "week",
    "weekend",
    "unit",
    "ago",
    "anaphor",
    "day_word",
    "weekday",
    "holiday",
]


@dataclass(frozen=True)
class Expression:
    """One date expression: its character span in the scanned text and what the words say."""

    start: int
    end: int
    kind: Kind
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 = Monday
    quarter: int | None = None
    season: str | None = None  # SP SU FA WI
    unit: str | None = None  # day week month year quarter period
    shift: int = 0  # signed number of units ("last" = -1, "three years ago" = -3)
    modifier: str = ""  # last / next / this, or the edge words kept for the stage ("the", "another")
    fiscal: bool = False
    rule: str | None = None  # holiday rule
    event: bool = False  # holiday names one year's event even as a modifier
    year_shift: int | None = None  # "of this year" (0), "of last year" (-1): year relative to the anchor
    bare: bool = False  # no modifier, day, year or determiner: the stage checks the syntax
    glued_year: bool = False  # the year is written ("of 2021", "2021 summer")
    part: dict[str, str] = field(default_factory=dict, compare=False)  # raw groups, for messages


MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_ABBREV = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9}
_ABBREV |= {"oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SEASON_WORDS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
ORDINALS |= {"final": 4, "last": 4}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
NUMBERS |= {"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2}
_SHIFTS = {"last": -1, "previous": -1, "past": -1, "this": 0, "current": 0, "next": 1, "coming": 1}


def _cap(word: str) -> str:
    """A capitalised word, also in all capitals ("May", "MAY")."""
    return f"(?:{word[0].upper()}{word[1:]}|{word.upper()})"


_MONTH_FULL = "(?:" + "|".join(_cap(m) for m in MONTHS) + ")"
_MONTH_ANY = (
    "(?:"
    + "|".join(_cap(m) for m in MONTHS)
    + "|"
    + "|".join(_cap(a) + r"\.?" for a in sorted(_ABBREV, key=len, reverse=True))
    + ")"
)
_WEEKDAY = "(?:" + "|".join(_cap(w) for w in WEEKDAYS) + ")"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:%])"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_YEAR_END = r"(?![\d%]|[.,:/\-–]\d)"  # not "2019-20", "2019.5", "2,019"
_NUM = r"(?:\d{1,2}|a couple of|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + ")"
_EDGE = r"(?P<edge>(?i:the\s+(?:end|start|beginning|middle)\s+of|early|mid|late)(?:\s+|-))?"
_REL_YEAR = r"(?P<rel>(?i:this|last|next|the\s+current|the\s+previous))\s+(?i:fiscal\s+)?(?i:year)"


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or _ABBREV[key]


def _day(text: str) -> int:
    return int(re.match(r"\d+", text)[0])  # type: ignore[index]  # the pattern guarantees digits


def _weekday(name: str | None) -> int | None:
    return WEEKDAYS.index(name.lower()) if name else None


def _int(text: str | None) -> int | None:
    return int(text) if text else None


Builder = Callable[["re.Match[str]"], list[Expression]]
_RULES: list[tuple[re.Pattern[str], Builder]] = []


def _rule(pattern: str, flags: int = 0) -> Callable[[Builder], Builder]:
    def register(fn: Builder) -> Builder:
        _RULES.append((re.compile(pattern, flags), fn))
        return fn

    return register


def _span(m: re.Match[str], group: str | int = 0) -> tuple[int, int]:
    return m.start(group), m.end(group)


@_rule(rf"\b(?P<y>{_YEAR})-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")
def _iso(m: re.Match[str]) -> list[Expression]:
    return [Expression(*_span(m), "date", year=int(m["y"]), month=int(m["mo"]), day=int(m["d"]))]


@_rule(r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d|\d\d)(?![\d/])")
def _numeric(m: re.Match[str]) -> list[Expression]:
    # Month first, the order of the US papers that write dates this way, unless the first number
    # cannot be a month ("14/2/2020" is day first, as in Britain).
    year = int(m["y"]) if len(m["y"]) == 4 else 2000 + int(m["y"])
    a, b = int(m["a"]), int(m["b"])
    month, day = (b, a) if a > 12 else (a, b)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return []
    return [Expression(*_span(m), "date", year=year, month=month, day=day)]


_STAMP = "(?i:" + "|".join(lexicons.entries("dates_stamp_words")) + ")"


@_rule(rf"\b{_STAMP}:?\s+(?:on\s+)?(?P<a>1[0-2]|0?[1-9])/(?P<b>[12]\d|3[01]|0?[1-9])(?![\d/])")
def _stamp(m: re.Match[str]) -> list[Expression]:
    # "Updated 12/16:": a bare month/day is a date only as a time stamp (else a ratio, a score, 9/11).
    return [
        Expression(m.start("a"), m.end("b"), "date", month=int(m["a"]), day=int(m["b"]), modifier="stamp")
    ]


@_rule(
    rf"\b(?P<m1>{_MONTH_ANY})\s+(?P<d1>{_DAY})\s*(?:-|–|—|to|through|until|and)\s*"
    rf"(?:(?P<m2>{_MONTH_ANY})\s+)?(?P<d2>{_DAY})(?:,?\s+(?P<y>{_YEAR}){_YEAR_END})?"
)
def _md_range(m: re.Match[str]) -> list[Expression]:
    year = _int(m["y"])
    first_month = _month(m["m1"])
    second_month = _month(m["m2"]) if m["m2"] else first_month
    # A range written across New Year ("December 28 to January 3, 2021") starts in the year before.
    first_year = year - 1 if year and second_month < first_month else year
    end_first = m.end("d1")
    second_start = m.start("m2") if m["m2"] else m.start("d2")
    return [
        Expression(m.start(), end_first, "date", year=first_year, month=first_month, day=_day(m["d1"])),
        Expression(second_start, m.end(), "date", year=year, month=second_month, day=_day(m["d2"])),
    ]


@_rule(
    rf"\b(?P<d1>{_DAY})\s*(?:-|–|—|to|and)\s*(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH_ANY})"
    rf"(?:,?\s+(?P<y>{_YEAR}){_YEAR_END})?"
)
def _dm_range(m: re.Match[str]) -> list[Expression]:
    year, month = _int(m["y"]), _month(m["m"])
    return [
        Expression(m.start(), m.end("d1"), "date", year=year, month=month, day=_day(m["d1"])),
        Expression(m.start("d2"), m.end(), "date", year=year, month=month, day=_day(m["d2"])),
    ]


@_rule(
    rf"\b(?P<m1>{_MONTH_FULL})\s*(?:-|–|—|to|through|and)\s*(?P<m2>{_MONTH_FULL}),?\s+"
    rf"(?P<y>{_YEAR}){_YEAR_END}"
)
def _month_range(m: re.Match[str]) -> list[Expression]:
    year, first, second = int(m["y"]), _month(m["m1"]), _month(m["m2"])
    return [
        Expression(*_span(m, "m1"), "month", year=year - 1 if second < first else year, month=first),
        Expression(m.start("m2"), m.end(), "month", year=year, month=second),
    ]


@_rule(rf"\b(?i:the\s+week\s+of)\s+(?P<m>{_MONTH_ANY})\s+(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR}){_YEAR_END})?")
def _week_of(m: re.Match[str]) -> list[Expression]:
    return [
        Expression(*_span(m), "week", year=_int(m["y"]), month=_month(m["m"]), day=_day(m["d"]), unit="week")
    ]


@_rule(
    rf"\b(?i:the\s+(?:first|second|third|fourth|last|final)\s+week\s+of)\s+(?P<m>{_MONTH_FULL})"
    rf"(?:,?\s+(?P<y>{_YEAR}){_YEAR_END})?"
)
def _week_of_month(m: re.Match[str]) -> list[Expression]:
    return [Expression(*_span(m), "month", year=_int(m["y"]), month=_month(m["m"]))]


@_rule(
    rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<m>{_MONTH_ANY})\s+(?P<d>{_DAY})\b(?:,?\s+(?P<y>{_YEAR}){_YEAR_END})?"
)
def _month_day(m: re.Match[str]) -> list[Expression]:
    return [
        Expression(
            *_span(m),
            "date",
            year=_int(m["y"]),
            month=_month(m["m"]),
            day=_day(m["d"]),
            weekday=_weekday(m["wd"]),
        )
    ]


@_rule(
    rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH_ANY})"
    rf"(?![a-z])(?:,?\s+(?P<y>{_YEAR}){_YEAR_END})?"
)
def _day_month(m: re.Match[str]) -> list[Expression]:
    return [
        Expression(
            *_span(m),
            "date",
            year=_int(m["y"]),
            month=_month(m["m"]),
            day=_day(m["d"]),
            weekday=_weekday(m["wd"]),
        )
    ]


_QUARTER_WORD = r"(?P<q>(?i:first|second|third|fourth|final|1st|2nd|3rd|4th))"
_FISCAL = r"(?i:fiscal(?:\s+year)?|FY)"


@_rule(
    rf"\b{_EDGE}(?:\b(?i:the)\s+)?(?:(?P<fy>{_FISCAL})\s*(?P<y0>{_YEAR}|'?\d\d)?\s+)?(?:(?P<y1>{_YEAR})\s+)?"
    rf"(?:(?P<fy1>(?i:fiscal))\s+)?{_QUARTER_WORD}(?:\s+|-)(?i:quarter)\b"
    rf"(?:\s+(?i:of)\s+(?:(?P<fy2>{_FISCAL})\s*)?(?:(?P<y2>{_YEAR}|'?\d\d){_YEAR_END}|{_REL_YEAR}))?"
)
def _quarter(m: re.Match[str]) -> list[Expression]:
    word = m["q"].lower()
    if word in {"final", "last"} and not (m["y1"] or m["y2"] or m["fy"] or m["rel"]):
        return []  # "the final quarter" alone is most often a game's
    year = _year_of(m["y0"] or m["y1"] or m["y2"])
    fiscal = bool(m["fy"] or m["fy1"] or m["fy2"])
    rel = _year_shift(m["rel"])
    bare = year is None and rel is None and not fiscal
    return [
        Expression(
            *_span(m),
            "quarter",
            year=year,
            quarter=ORDINALS[word],
            fiscal=fiscal,
            year_shift=rel,
            bare=bare,
            modifier="hyphen" if re.search(r"-quarter", m[0], re.IGNORECASE) else "",
        )
    ]


def _year_of(text: str | None) -> int | None:
    if not text:
        return None
    digits = text.lstrip("'")
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def _year_shift(rel: str | None) -> int | None:
    if rel is None:
        return None
    word = rel.lower().split()[-1]
    return {"this": 0, "current": 0, "last": -1, "previous": -1, "next": 1}[word]


@_rule(r"\b(?P<fy>FY|fiscal\s+)?Q(?P<q>[1-4])(?:\s+(?:of\s+)?(?P<y>FY\s*)?(?P<yy>" + _YEAR + r"|'\d\d))?\b")
@_rule(r"\b(?P<q>[1-4])Q\s*(?P<yy>'?\d\d)\b")
def _quarter_code(m: re.Match[str]) -> list[Expression]:
    groups = m.groupdict()
    year = _year_of(groups.get("yy"))
    fiscal = bool(groups.get("fy") or groups.get("y"))
    return [
        Expression(*_span(m), "quarter", year=year, quarter=int(m["q"]), fiscal=fiscal, bare=year is None)
    ]


@_rule(
    r"\b(?P<mod>(?i:this|last|next|the\s+current|the\s+previous|the\s+prior|the\s+year-ago|the\s+prior-year"
    r"|the\s+same))\s+(?P<u>(?i:quarter|period))\b(?:\s+(?P<ago>(?i:a\s+year\s+(?:earlier|ago|before)|last\s+year)))?"
)
def _quarter_rel(m: re.Match[str]) -> list[Expression]:
    mod, unit = " ".join(m["mod"].lower().split()), m["u"].lower()
    if mod in {"the year-ago", "the prior-year"} or (mod == "the same" and m["ago"]):
        return [Expression(*_span(m), "anaphor", unit="period", shift=-4)]  # the same period a year back
    if unit == "period":
        return []
    shift = {"this": 0, "the current": 0, "last": -1, "the previous": -1, "the prior": -1, "next": 1}
    if mod not in shift:
        return []
    return [Expression(*_span(m), "unit", unit="quarter", shift=shift[mod])]


@_rule(
    r"\b(?i:the\s+)?(?P<h>(?i:first|second))\s+half\s+(?i:of)\s+(?:(?P<y>" + _YEAR + r")" + _YEAR_END + "|"
    rf"{_REL_YEAR})"
)
def _half(m: re.Match[str]) -> list[Expression]:
    return [
        Expression(
            *_span(m),
            "half",
            year=_int(m["y"]),
            quarter=1 if m["h"].lower() == "first" else 2,
            year_shift=_year_shift(m["rel"]),
        )
    ]


@_rule(rf"\b{_FISCAL}\s*(?P<y>{_YEAR}|'?\d\d)(?![\d%])")
def _fiscal_year(m: re.Match[str]) -> list[Expression]:
    return [Expression(*_span(m), "year", year=_year_of(m["y"]), fiscal=True)]


_SEASON = r"(?P<s>[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter)"


@_rule(
    rf"\b(?:(?P<mod>(?i:this|last|next|the|another|every|each|early|late|mid))(?:\s+|-))?{_SEASON}"
    rf"(?:\s+(?:of\s+)?(?P<y>{_YEAR}){_YEAR_END}|(?P<rs>\s+(?:this|last|next)\s+year))?\b(?!-)"
)
def _season(m: re.Match[str]) -> list[Expression]:
    mod = (m["mod"] or "").lower()
    if mod in {"another", "every", "each"}:
        return []  # generic
    year, rel = _int(m["y"]), _year_shift(m["rs"].strip().split()[0] if m["rs"] else None)
    if not mod and year is None and rel is None:
        return []  # "summer heat", "fall of 170,000": a bare season word is too often something else
    shift = {"this": 0, "last": -1, "next": 1}.get(mod)
    return [
        Expression(
            *_span(m),
            "season",
            year=year,
            season=SEASON_WORDS[m["s"].lower()],
            shift=shift if shift is not None else 0,
            modifier=mod if mod in _SHIFTS else "",
            year_shift=rel,
            bare=mod in {"the", "early", "late", "mid"} and year is None and rel is None,
        )
    ]


@_rule(rf"\b{_EDGE}\b(?P<y>{_YEAR})\s+{_SEASON}\b")
def _year_season(m: re.Match[str]) -> list[Expression]:
    if m["s"][0].isupper():
        return []  # "the 2024 Summer Games": a name
    return [Expression(*_span(m), "season", year=int(m["y"]), season=SEASON_WORDS[m["s"].lower()])]


def _holiday_table() -> dict[str, tuple[str, bool]]:
    table: dict[str, tuple[str, bool]] = {}
    for line in lexicons.entries("dates_holidays"):
        name, rule, kind = line.split("|")
        table[name] = (rule, kind == "event")
    return table


HOLIDAYS = _holiday_table()


def _holiday_pattern() -> str:
    names = sorted(HOLIDAYS, key=len, reverse=True)
    # Each word capitalised as the name is written; an apostrophe may be straight or curly.
    alts = []
    for name in names:
        words = [w[0].upper() + w[1:] if w not in {"of", "jr."} else w for w in name.split()]
        alts.append(r"\s+".join(re.escape(w).replace("'", "['’]") for w in words))
    return "(?:" + "|".join(alts) + ")"


@_rule(
    rf"\b(?:(?P<mod>(?i:this|last|next|the\s+past|past|the\s+coming|coming|the|over\s+the))\s+)?"
    rf"(?:(?P<hol>{_holiday_pattern()})\s+)?(?i:weekend)\b"
)
def _weekend(m: re.Match[str]) -> list[Expression]:
    mod = " ".join((m["mod"] or "").lower().split())
    if not mod or mod in {"the past", "the coming"}:
        return []  # "a final weekend", "the past weekend" (rolling)
    start = m.start("mod") if mod != "over the" else m.start() + m[0].lower().index("the")
    if mod == "over the":
        mod = "the"
    shift = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1, "the": 0}[mod]
    rule, event = HOLIDAYS[_holiday_key(m["hol"])] if m["hol"] else (None, False)
    return [
        Expression(
            start, m.end(), "weekend", shift=shift, modifier=mod, rule=rule, event=event, unit="weekend"
        )
    ]


def _holiday_key(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


@_rule(
    rf"\b(?P<hol>{_holiday_pattern()})(?:\s+(?P<y>{_YEAR}){_YEAR_END}|\s+(?P<rel>this|last|next)\s+year)?(?![\w-])"
)
def _holiday(m: re.Match[str]) -> list[Expression]:
    rule, event = HOLIDAYS[_holiday_key(m["hol"])]
    return [
        Expression(
            *_span(m),
            "holiday",
            year=_int(m["y"]),
            rule=rule,
            event=event,
            year_shift=_year_shift(m["rel"]),
        )
    ]


_DAY_WORDS = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "last evening": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}
_DAY_WORD_RE = "|".join(w.replace(" ", r"\s+") for w in sorted(_DAY_WORDS, key=len, reverse=True))


@_rule(
    rf"(?i:\b(?:(?P<pre>earlier|later)\s+)?(?P<w>{_DAY_WORD_RE})(?:\s+(?:morning|afternoon|evening|night))?\b)"
)
def _day_word(m: re.Match[str]) -> list[Expression]:
    word = " ".join(m["w"].lower().split())
    return [Expression(*_span(m), "day_word", shift=_DAY_WORDS[word], unit="day")]


@_rule(r"(?i:\bthe\s+(?:end|start|beginning|middle)\s+of\s+the\s+(?P<u>week|month|year)\b)")
def _edge_of_unit(m: re.Match[str]) -> list[Expression]:
    # "by the end of the year": the anchor's year, as "this year" would be.
    return [Expression(*_span(m), "unit", unit=m["u"].lower(), shift=0, modifier="this")]


@_rule(r"(?i:\bthe\s+new\s+year\b)")
def _new_year(m: re.Match[str]) -> list[Expression]:
    return [Expression(*_span(m), "year", modifier="new")]


@_rule(rf"(?i:\b(?P<n>{_NUM})\s+(?P<u>day|week|month|year)s?\s+ago\b)")
def _ago(m: re.Match[str]) -> list[Expression]:
    n = NUMBERS.get(" ".join(m["n"].lower().split())) or (int(m["n"]) if m["n"].isdigit() else 0)
    if not n:
        return []
    return [Expression(*_span(m), "ago", unit=m["u"].lower(), shift=-n)]


@_rule(
    rf"(?i:\b(?P<n>{_NUM})\s+(?P<u>day|week|month|year)s?\s+"
    r"(?:(?P<dir>later|earlier)(?=\s*$|\s*[,.;:)]|\s+(?:and|but|when|that|on|in|the)\b)"
    # "before"/"after" followed by a noun phrase count from that event ("32 days before the vote").
    r"|(?P<dir2>after|before|prior)(?=\s*$|\s*[,.;:)])))"
)
def _anaphor_count(m: re.Match[str]) -> list[Expression]:
    n = NUMBERS.get(" ".join(m["n"].lower().split())) or (int(m["n"]) if m["n"].isdigit() else 0)
    if not n:
        return []
    sign = 1 if (m["dir"] or m["dir2"]).lower() in {"later", "after"} else -1
    return [Expression(*_span(m), "anaphor", unit=m["u"].lower(), shift=sign * n)]


@_rule(
    r"(?i:\bthe\s+(?:(?P<pre>following|next|previous|prior)\s+(?P<u1>day|week|month|year)"
    r"|(?P<u2>day|week|month|year)\s+(?P<post>after|before|prior|later|earlier)(?=\s*$|\s*[,.;:)]))\b)"
)
def _anaphor_the(m: re.Match[str]) -> list[Expression]:
    unit = (m["u1"] or m["u2"]).lower()
    word = (m["pre"] or m["post"]).lower()
    if word in {"next", "previous"} and unit != "day":
        return []  # "the next year" is a window; "the previous year" is read as "last year" (unit rule)
    sign = 1 if word in {"following", "next", "after", "later"} else -1
    return [Expression(*_span(m), "anaphor", unit=unit, shift=sign)]


@_rule(
    r"(?i:\bthe\s+same\s+(?P<u>day|week|month)\s+(?:last\s+(?P<back>week|year)|a\s+(?P<ago>week|year)\s+(?:ago|earlier)))"
)
def _anaphor_same(m: re.Match[str]) -> list[Expression]:
    back = (m["back"] or m["ago"]).lower()
    return [Expression(*_span(m), "anaphor", unit="same_" + back, shift=-1, modifier=m["u"].lower())]


@_rule(r"(?i:\ba\s+year\s+(?P<dir>earlier|before|later))(?=\s*$|\s*[,.;:)]|\s+(?:and|but|when)\b)")
def _anaphor_year(m: re.Match[str]) -> list[Expression]:
    return [
        Expression(*_span(m), "anaphor", unit="same_year", shift=1 if m["dir"].lower() == "later" else -1)
    ]


@_rule(r"(?i:\bthe\s+(?P<u>month|year|week|day)\s+prior\b)")
def _anaphor_prior(m: re.Match[str]) -> list[Expression]:
    return [Expression(*_span(m), "anaphor", unit=m["u"].lower(), shift=-1)]


@_rule(
    r"(?i:\b(?P<the>the\s+)?(?:(?P<pre>earlier|later)\s+)?(?P<mod>last|previous|past|this|current|next|coming)"
    r"\s+(?P<u>week|month|year)(?!-|\s+(?:or|and)\s+(?:so|two|more))\b)"
)
def _unit(m: re.Match[str]) -> list[Expression]:
    mod = m["mod"].lower()
    if m["the"] and mod in {"last", "past", "next", "coming"}:
        return []  # "the last week", "over the next year": rolling windows
    if m["pre"] and mod != "this":
        return []
    return [Expression(*_span(m), "unit", unit=m["u"].lower(), shift=_SHIFTS[mod], modifier=mod)]


@_rule(
    rf"\b(?:(?P<mod>(?i:last|next|this|past|coming))\s+)?(?P<wd>{_WEEKDAY})"
    r"(?:\s+(?i:morning|afternoon|evening|night))?\b"
)
def _weekday_rule(m: re.Match[str]) -> list[Expression]:
    mod = {"past": "last", "coming": "next"}.get((m["mod"] or "").lower(), (m["mod"] or "").lower())
    return [Expression(*_span(m), "weekday", weekday=_weekday(m["wd"]), modifier=mod, bare=not mod)]


@_rule(
    rf"\b{_EDGE}\b(?P<mod>(?i:last|next|this)\s+)?(?P<m>{_MONTH_FULL})(?:,?\s+(?:of\s+)?(?P<y>{_YEAR}){_YEAR_END})?\b"
)
def _month_rule(m: re.Match[str]) -> list[Expression]:
    mod = (m["mod"] or "").strip().lower()
    year = _int(m["y"])
    return [
        Expression(
            *_span(m),
            "month",
            year=year,
            month=_month(m["m"]),
            modifier=mod,
            bare=not (mod or m["edge"] or year),
        )
    ]


@_rule(rf"\b{_EDGE}(?<![\w$£€#./:])(?<!\d[-–])(?P<y>{_YEAR}){_YEAR_END}(?:['’]s)?(?![\w-])")
def _year_rule(m: re.Match[str]) -> list[Expression]:
    return [Expression(*_span(m), "year", year=int(m["y"]), bare=not m["edge"])]


def scan(text: str) -> list[Expression]:
    """Every expression in ``text``: rules in priority order, a later match never overlaps an earlier one."""
    taken = bytearray(len(text) + 1)
    found: list[Expression] = []
    for pattern, build in _RULES:
        for m in pattern.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            parts = build(m)
            if not parts:
                continue
            for part in parts:
                taken[part.start : part.end] = b"\x01" * (part.end - part.start)
            # A range's words between its ends ("to") belong to neither end but to the match.
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
            found.extend(parts)
    return sorted(found, key=lambda e: e.start)


def parse(text: str) -> Expression | None:
    """The one expression that spans all of ``text`` (leading prepositions and a possessive ignored)."""
    body = text.strip()
    lead = re.match(r"(?i:(?:on|in|at|by|since|until|from|during)\s+)", body)
    offset = lead.end() if lead else 0
    body = re.sub(r"['’]s$", "", body[offset:]).rstrip(" ,.;:")
    for pattern, build in _RULES:
        m = pattern.fullmatch(body)
        if m:
            parts = build(m)
            if len(parts) == 1:
                return replace(parts[0], start=parts[0].start + offset, end=parts[0].end + offset)
    return None
