"""Resolution of one date expression against an anchor day (pure: no spaCy; see stages/dates.py).

``resolve(text, anchor, direction)`` turns "Thursday", "last year", "March 18", "1998", "two weeks ago",
"this weekend", "the second quarter of 2021" or "last fall" into an ISO value and a granularity;
``resolve_expression`` does the same for an ``Expression`` found by ``dates.grammar.scan``, with a
``Reading``: the grammatical facts the stage read from the parse (the tense, the week frame of a
Sunday preview, the dates mentioned earlier). Rules, relative to the anchor day A:

* weekday: past or unmarked -> the latest such day on or before A; future -> the first on or after A
  (so the anchor's own weekday is A); "last Friday" / "next Friday" skip A; "this Friday" is future
  unless the tense is past. A yearless date written with its weekday ("Tuesday 3 January") takes the
  neighbouring year in which that day is that weekday.
* yearless month-day, month, season, quarter or holiday: ``calendar.nearest`` (tense-consistent,
  else nearest occurrence).
* "last/this/next year|month|quarter": the calendar unit before/of/after A's; "three years ago" = A's
  year - 3. Weeks are ISO weeks (``2021-W10``); ``Reading.week_shift`` moves "this/last/next week"
  by one when a Sunday article previews the coming week (the stage decides).
* weekends (``YYYY-Www-WE``): "this weekend" is the weekend of A's ISO week, except that on a Monday a
  past-tense "this weekend" is the one just ended; "last"/"next" move one week; "the weekend" is the
  latest one begun by A (past) or the next one not yet over (future); a holiday weekend is the
  weekend next to that holiday.
* seasons (``YYYY-SU``): "this summer" is the summer of A's year (winter: the one containing A, else
  the coming one); "last fall" the latest fall before A's season; "next" the first after it.
* fiscal periods carry ``FY``: "fiscal 2016" -> ``FY2016``; a fiscal quarter without a year takes A's
  year (``FY2020-Q1`` reported in January 2020), as companies name a fiscal year by the calendar year
  in which it ends and report each quarter within weeks of its end.
* halves: ``YYYY-H1`` (granularity "unknown": the model has no half-year granularity).
* anaphors ("two days later", "the following year", "the month prior", "a year earlier", "the same
  day last week", "the prior-year period"): the latest earlier date in ``Reading.history`` of a fitting
  granularity, shifted; none -> unresolved.
* "the new year": A's year, or the next one in November and December.
* "yesterday", "last night": A - 1 day (the night before the anchor day, as news copy means it).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from dateutil.relativedelta import relativedelta

from wiretrace.analyze.dates import calendar
from wiretrace.analyze.dates.calendar import Direction, Period
from wiretrace.analyze.dates.grammar import Expression, parse, scan
from wiretrace.model import Granularity

__all__ = [
    "UNRESOLVED",
    "WEEKDAY_RE",
    "Direction",
    "Reading",
    "Resolved",
    "explicit_day",
    "resolve",
    "resolve_expression",
    "weekday_date",
]

WEEKDAY_RE = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", re.IGNORECASE)
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Resolved:
    value: str | None
    granularity: Granularity
    relative: bool  # True when the anchor (or an earlier date) was used
    period: Period | None = None  # the calendar days denoted, for anaphors that build on this one
    fiscal: bool = False


UNRESOLVED = Resolved(None, "unknown", False)


@dataclass(frozen=True)
class Reading:
    """What the grammar around an expression says, decided in the stage and passed in."""

    direction: Direction = "unmarked"
    week_shift: int = 0  # +1: "this week" in a Sunday preview is the coming Monday-Sunday
    history: tuple[Resolved, ...] = ()  # resolved dates before this one, nearest last


def weekday_date(name: str, anchor: dt.date, direction: Direction, modifier: str = "") -> dt.date:
    """The date of a named weekday relative to the anchor (see ``calendar.weekday_date``)."""
    return calendar.weekday_date(_WEEKDAY_NAMES.index(name.lower()), anchor, direction, modifier)


def explicit_day(text: str, default_year: int | None = None) -> tuple[dt.date, bool] | None:
    """A calendar day written out ("Thursday, March 18, 2021", "18 March", "2021-03-18").

    Returns the day and whether the text gave its year; None when there is no month-and-day.
    """
    for expr in scan(text):
        if expr.kind != "date" or expr.month is None or expr.day is None:
            continue
        year = expr.year if expr.year is not None else default_year
        if year is None:
            return None
        try:
            return dt.date(year, expr.month, expr.day), expr.year is not None
        except ValueError:  # "February 30"
            return None
    return None


def resolve(text: str, anchor: dt.date | None, direction: Direction = "past") -> Resolved:
    """Resolve one date expression written as ``text``; relative ones need ``anchor``."""
    expr = parse(text)
    if expr is None:
        return UNRESOLVED
    return resolve_expression(expr, anchor, Reading(direction=direction))


def resolve_expression(expr: Expression, anchor: dt.date | None, reading: Reading) -> Resolved:
    """Resolve a scanned expression (see the module rules); unresolvable -> ``UNRESOLVED``."""
    try:
        return _resolve(expr, anchor, reading)
    except (ValueError, OverflowError, KeyError):  # "February 30", arithmetic past year 9999
        return UNRESOLVED


def _day(day: dt.date, relative: bool) -> Resolved:
    return Resolved(day.isoformat(), "day", relative, calendar.day_period(day))


def _of(period: Period, granularity: Granularity, relative: bool, fiscal: bool = False) -> Resolved:
    label = f"FY{period.label}" if fiscal else period.label
    return Resolved(label, granularity, relative, period, fiscal)


def _year(year: int, relative: bool, fiscal: bool = False) -> Resolved:
    period = Period(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year:04d}")
    return _of(period, "year", relative, fiscal)


def _resolve(expr: Expression, anchor: dt.date | None, reading: Reading) -> Resolved:
    absolute = _absolute(expr)
    if absolute is not None or anchor is None:
        return absolute or UNRESOLVED
    handler = _RELATIVE[expr.kind]
    return handler(expr, anchor, reading)


def _absolute(expr: Expression) -> Resolved | None:
    """Expressions whose words give the whole value."""
    if expr.kind == "date" and expr.year is not None and expr.month and expr.day:
        return _day(dt.date(expr.year, expr.month, expr.day), False)
    if expr.kind == "month" and expr.year is not None and expr.month:
        return _of(calendar.month_period(expr.year, expr.month), "month", False)
    if expr.kind == "year" and expr.year is not None:
        return _year(expr.year, False, expr.fiscal)
    if expr.kind == "quarter" and expr.year is not None and expr.quarter:
        return _of(calendar.quarter_period(expr.year, expr.quarter), "quarter", False, expr.fiscal)
    if expr.kind == "half" and expr.year is not None and expr.quarter:
        return _half(expr.year, expr.quarter, False)
    if expr.kind == "season" and expr.year is not None and expr.season:
        return _of(calendar.season_period(expr.year, expr.season), "season", False)
    if expr.kind == "holiday" and expr.year is not None and expr.rule:
        return _day(calendar.holiday_date(expr.rule, expr.year), False)
    if expr.kind == "week" and expr.year is not None and expr.month and expr.day:
        day = dt.date(expr.year, expr.month, expr.day)
        return Resolved(calendar.iso_week(day), "week", False, _week_period(day))
    return None


def _half(year: int, half: int, relative: bool) -> Resolved:
    first = dt.date(year, 1 if half == 1 else 7, 1)
    period = Period(first, first + relativedelta(months=6, days=-1), f"{year:04d}-H{half}")
    return _of(period, "unknown", relative)


def _week_period(day: dt.date) -> Period:
    monday = day - dt.timedelta(days=day.weekday())
    return Period(monday, monday + dt.timedelta(days=6), calendar.iso_week(day))


def _date(expr: Expression, anchor: dt.date, reading: Reading) -> Resolved:
    assert expr.month is not None and expr.day is not None
    options = []
    for year in calendar.around(anchor):
        try:
            options.append(dt.date(year, expr.month, expr.day))
        except ValueError:  # February 29
            continue
    if expr.weekday is not None:
        matching = [d for d in options if d.weekday() == expr.weekday]
        if len(matching) == 1:
            return _day(matching[0], True)
    chosen = calendar.nearest([calendar.day_period(d) for d in options], anchor, reading.direction)
    return _day(chosen.first, True)


def _month(expr: Expression, anchor: dt.date, reading: Reading) -> Resolved:
    assert expr.month is not None
    this = calendar.month_period(anchor.year, expr.month)
    if expr.modifier == "this":
        return _of(this, "month", True)
    if expr.modifier == "last":
        year = anchor.year if expr.month < anchor.month else anchor.year - 1
        return _of(calendar.month_period(year, expr.month), "month", True)
    if expr.modifier == "next":
        year = anchor.year if expr.month > anchor.month else anchor.year + 1
        return _of(calendar.month_period(year, expr.month), "month", True)
    options = [calendar.month_period(y, expr.month) for y in calendar.around(anchor)]
    return _of(calendar.nearest(options, anchor, reading.direction), "month", True)


def _year_relative(expr: Expression, anchor: dt.date, reading: Reading) -> Resolved:
    if expr.modifier == "new":
        return _year(anchor.year + 1 if anchor.month >= 11 else anchor.year, True)
    if expr.fiscal and expr.year is None:
        return _year(anchor.year, True, True)
    return UNRESOLVED


def _quarter(expr: Expression, anchor: dt.date, reading: Reading) -> Resolved:
    assert expr.quarter is not None
    if expr.year_shift is not None:
        period = calendar.quarter_period(anchor.year + expr.year_shift, expr.quarter)
        return _of(period, "quarter", True, expr.fiscal)
    if expr.fiscal:
        return _of(calendar.quarter_period(anchor.year, expr.quarter), "quarter", True, True)
    options = [calendar.quarter_period(y, expr.quarter) for y in calendar.around(anchor)]
    return _of(calendar.nearest(options, anchor, reading.direction), "quarter", True)


def _half_relative(expr: Expression, anchor: dt.date, reading: Reading) -> Resolved:
    if expr.year_shift is None or expr.quarter is None:
        return UNRESOLVED
    return _half(anchor.year + expr.year_shift, expr.quarter, True)


def _season(expr: Expression, anchor: dt.date, reading: Reading) -> Resolved:
    assert expr.season is not None
    if expr.year_shift is not None:
        return _of(calendar.season_period(anchor.year + expr.year_shift, expr.season), "season", True)
    options = [calendar.season_period(y, expr.season) for y in range(anchor.year - 2, anchor.year + 2)]
    current = calendar.season_of(anchor)
    if expr.modifier == "this":
        if expr.season == "WI":
            chosen = current if current.label.endswith("WI") else calendar.season_period(anchor.year, "WI")
        else:
            chosen = calendar.season_period(anchor.year, expr.season)
    elif expr.modifier == "last":
        chosen = max((p for p in options if p.last < current.first), key=lambda p: p.first)
    elif expr.modifier == "next":
        chosen = min((p for p in options if p.first > current.last), key=lambda p: p.first)
    else:
        chosen = calendar.nearest(options, anchor, reading.direction)
    return _of(chosen, "season", True)


def _week(expr: Expression, anchor: dt.date, reading: Reading) -> Resolved:
    assert expr.month is not None and expr.day is not None
    day = _date(replace(expr, kind="date"), anchor, reading).period
    assert day is not None
    return Resolved(calendar.iso_week(day.first), "week", True, _week_period(day.first))


def _weekend_saturday(day: dt.date) -> dt.date:
    """The Saturday of the weekend nearest ``day`` (a Monday holiday's weekend is the one before)."""
    return day + dt.timedelta(days=(-2, -3, 3, 2, 1, 0, -1)[day.weekday()])


def _weekend(expr: Expression, anchor: dt.date, reading: Reading) -> Resolved:
    if expr.rule is not None:
        options = [calendar.holiday_date(expr.rule, y) for y in calendar.around(anchor)]
        days = [calendar.day_period(d) for d in options]
        holiday = calendar.nearest(days, anchor, reading.direction).first
        saturday = _weekend_saturday(holiday)
    else:
        this_saturday = anchor + dt.timedelta(days=5 - anchor.weekday())  # of A's ISO week
        if expr.modifier == "the":
            begun = this_saturday <= anchor
            back = reading.direction != "future" and not begun
            saturday = this_saturday - dt.timedelta(days=7) if back else this_saturday
        else:
            saturday = this_saturday + dt.timedelta(days=7 * expr.shift)
            if expr.shift == 0 and anchor.weekday() == 0 and reading.direction == "past":
                saturday -= dt.timedelta(days=7)
    period = Period(saturday, saturday + dt.timedelta(days=1), calendar.weekend_of(saturday))
    return Resolved(period.label, "weekend", True, period)


def _unit(expr: Expression, anchor: dt.date, reading: Reading) -> Resolved:
    return _shift(expr.unit or "", expr.shift, anchor, reading.week_shift)


def _shift(unit: str, n: int, anchor: dt.date, week_shift: int = 0) -> Resolved:
    if unit == "year":
        return _year(anchor.year + n, True)
    if unit == "month":
        moved = anchor + relativedelta(months=n)
        return _of(calendar.month_period(moved.year, moved.month), "month", True)
    if unit == "quarter":
        moved = anchor + relativedelta(months=3 * n)
        return _of(calendar.quarter_period(moved.year, (moved.month - 1) // 3 + 1), "quarter", True)
    if unit == "week":
        day = anchor + dt.timedelta(weeks=n + week_shift)
        return Resolved(calendar.iso_week(day), "week", True, _week_period(day))
    return _day(anchor + dt.timedelta(days=n), True)


def _ago(expr: Expression, anchor: dt.date, reading: Reading) -> Resolved:
    return _shift(expr.unit or "", expr.shift, anchor)


def _day_word(expr: Expression, anchor: dt.date, reading: Reading) -> Resolved:
    return _day(anchor + dt.timedelta(days=expr.shift), True)


def _weekday(expr: Expression, anchor: dt.date, reading: Reading) -> Resolved:
    assert expr.weekday is not None
    direction = reading.direction
    modifier = expr.modifier
    if modifier == "this":
        modifier, direction = "", "past" if direction == "past" else "future"
    return _day(calendar.weekday_date(expr.weekday, anchor, direction, modifier), True)


def _holiday(expr: Expression, anchor: dt.date, reading: Reading) -> Resolved:
    assert expr.rule is not None
    if expr.year_shift is not None:
        return _day(calendar.holiday_date(expr.rule, anchor.year + expr.year_shift), True)
    days = [calendar.day_period(calendar.holiday_date(expr.rule, y)) for y in calendar.around(anchor)]
    return _day(calendar.nearest(days, anchor, reading.direction).first, True)


# Granularities an anaphor can build on, by the unit it counts in.
_BASES: dict[str, tuple[Granularity, ...]] = {
    "day": ("day",),
    "week": ("day", "week"),
    "month": ("day", "month"),
    "year": ("day", "month", "quarter", "season", "year"),
    "same_week": ("day",),
    "same_year": ("day", "month", "quarter", "season", "year", "unknown"),
    "period": ("month", "quarter", "season", "unknown"),
}


def _anaphor(expr: Expression, anchor: dt.date, reading: Reading) -> Resolved:
    unit = expr.unit or ""
    grans = _BASES.get(unit, ())
    base = next((r for r in reversed(reading.history) if r.period and r.granularity in grans), None)
    if base is None or base.period is None:
        return UNRESOLVED
    first = base.period.first
    if unit in {"day", "week", "month"}:
        return _shift(unit, expr.shift, first)
    if unit == "year":
        if base.granularity in {"month", "quarter", "season", "unknown"}:
            return _year_back(base, expr.shift)  # "June ... a year earlier": June of the year before
        return _year(first.year + expr.shift, True)
    if unit == "same_week":
        return _day(first + dt.timedelta(weeks=expr.shift), True)
    return _year_back(base, 1 if expr.shift > 0 else -1)


def _year_back(base: Resolved, years: int) -> Resolved:
    """The same period ``years`` years away ("a year earlier" after "June" -> June of the year before)."""
    assert base.period is not None and base.value is not None
    value = base.value.removeprefix("FY")
    year = int(value[:4]) + years
    first = base.period.first + relativedelta(years=years)
    last = base.period.last + relativedelta(years=years)
    if base.granularity == "day":
        return _day(first, True)
    label = f"{year:04d}{value[4:]}"
    return _of(Period(first, last, label), base.granularity, True, base.fiscal)


_RELATIVE = {
    "date": _date,
    "month": _month,
    "year": _year_relative,
    "quarter": _quarter,
    "half": _half_relative,
    "season": _season,
    "week": _week,
    "weekend": _weekend,
    "unit": _unit,
    "ago": _ago,
    "anaphor": _anaphor,
    "day_word": _day_word,
    "weekday": _weekday,
    "holiday": _holiday,
}
