"""Calendar arithmetic for date resolution: pure functions of dates, no text and no spaCy.

Periods are half-open day intervals ``[first, last]`` (both inclusive) so that one rule, ``nearest``,
can choose the year of anything written without one (a month-day, a month, a season, a quarter, a
holiday). The rules, relative to the anchor day A:

* ISO weeks run Monday to Sunday; ``YYYY-Www`` is the ISO week, ``YYYY-Www-WE`` its Saturday and Sunday.
* Seasons are meteorological (spring March-May, summer June-August, fall September-November, winter
  December-February) and winter takes the year of its December, as TimeML does ("2020-WI" is the winter
  of December 2020 to February 2021).
* Quarters are calendar quarters ``YYYY-Qn``.
* ``nearest``: of the occurrences of a period in the years around A, the one consistent with the tense
  (past: it has begun by A; future: it has not ended before A), else the nearest one. A marked tense
  yields to distance in one case: a yearless period within about a month of A is taken against the
  tense when the tense-consistent one is most of a year away, because writers drop the year only for
  dates near the time of writing and a misread tense is more likely than a year-away yearless date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

# Past and future come from the grammar; "unmarked" when no verb says (a headline, a noun phrase).
Direction = Literal["past", "future", "unmarked"]

SEASONS = ("SP", "SU", "FA", "WI")
SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # first month of each season
_NEAR_DAYS = 31  # "within about a month" of the anchor
_FAR_DAYS = 300  # "most of a year" away


@dataclass(frozen=True)
class Period:
    """A stretch of calendar days (inclusive) with its ISO-like label."""

    first: dt.date
    last: dt.date
    label: str

    def distance(self, day: dt.date) -> int:
        """Days between ``day`` and the period (0 when the period contains it)."""
        if day < self.first:
            return (self.first - day).days
        if day > self.last:
            return (day - self.last).days
        return 0


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def weekend_of(day: dt.date) -> str:
    """The weekend of ``day``'s ISO week ("2020-W02-WE")."""
    return f"{iso_week(day)}-WE"


def quarter_period(year: int, quarter: int) -> Period:
    first = dt.date(year, 3 * quarter - 2, 1)
    return Period(first, first + relativedelta(months=3, days=-1), f"{year:04d}-Q{quarter}")


def month_period(year: int, month: int) -> Period:
    first = dt.date(year, month, 1)
    return Period(first, first + relativedelta(months=1, days=-1), f"{year:04d}-{month:02d}")


def season_period(year: int, season: str) -> Period:
    first = dt.date(year, SEASON_MONTHS[season], 1)
    return Period(first, first + relativedelta(months=3, days=-1), f"{year:04d}-{season}")


def season_of(day: dt.date) -> Period:
    """The season containing ``day`` (January and February belong to the previous year's winter)."""
    if day.month <= 2:
        return season_period(day.year - 1, "WI")
    return season_period(day.year, SEASONS[(day.month - 3) // 3])


def day_period(day: dt.date) -> Period:
    return Period(day, day, day.isoformat())


def nearest(occurrences: list[Period], anchor: dt.date, direction: Direction) -> Period:
    """The occurrence a yearless period means (see the module rules); ``occurrences`` is non-empty."""
    by_distance = sorted(occurrences, key=lambda p: (p.distance(anchor), p.first))
    if direction == "unmarked":
        return by_distance[0]
    if direction == "past":
        consistent = [p for p in by_distance if p.first <= anchor]
    else:
        consistent = [p for p in by_distance if p.last >= anchor]
    if not consistent:
        return by_distance[0]
    best, closest = consistent[0], by_distance[0]
    if best.distance(anchor) > _FAR_DAYS and closest.distance(anchor) <= _NEAR_DAYS:
        return closest
    return best


def around(anchor: dt.date) -> range:
    """The years whose occurrences ``nearest`` compares: the anchor's and its neighbours."""
    return range(anchor.year - 1, anchor.year + 2)


def weekday_date(weekday: int, anchor: dt.date, direction: Direction, modifier: str = "") -> dt.date:
    """The date of a weekday (0 = Monday) relative to the anchor.

    Past or unmarked: the latest such day on or before A; future: the first on or after A, so the
    anchor's own weekday is A itself. "last Friday" / "next Friday" skip A.
    """
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if modifier == "last":
        return anchor - dt.timedelta(days=back or 7)
    if modifier == "next":
        return anchor + dt.timedelta(days=ahead or 7)
    if direction == "future":
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th (1-based; -1 = last) given weekday of a month."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(year, month, 1) + relativedelta(months=1, days=-1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def holiday_date(rule: str, year: int) -> dt.date:
    """A holiday in ``year`` from its rule (see ``lexicons/dates_holidays.txt`` for the rule forms)."""
    base, _, offset = rule.partition("+")
    if base == "easter":
        day = easter(year)
    elif base.count("-") == 1:
        month, mday = base.split("-")
        day = dt.date(year, int(month), int(mday))
    else:
        month, weekday, n = base.split("-")
        day = nth_weekday(year, int(month), int(weekday), -1 if n == "L" else int(n))
    return day + dt.timedelta(days=int(offset or 0))
