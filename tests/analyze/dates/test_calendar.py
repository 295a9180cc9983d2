"""Pure calendar rules: ISO weeks, seasons, quarters, holidays and the choice of a yearless occurrence."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wiretrace.analyze.dates import calendar
from wiretrace.analyze.dates.calendar import Period

D = dt.date


def _days(*days: dt.date) -> list[Period]:
    return [calendar.day_period(d) for d in days]


def test_calendar_nearest_prefers_the_tense_then_distance() -> None:
    # "Oct. 5" in a June article: past tense reaches back to last October, future forward to this one.
    options = _days(D(2014, 10, 5), D(2015, 10, 5), D(2016, 10, 5))
    anchor = D(2015, 6, 10)
    assert calendar.nearest(options, anchor, "past").first == D(2014, 10, 5)
    assert calendar.nearest(options, anchor, "future").first == D(2015, 10, 5)
    assert calendar.nearest(options, anchor, "unmarked").first == D(2015, 10, 5)


def test_calendar_nearest_overrides_a_tense_that_would_put_a_yearless_day_a_year_away() -> None:
    options = _days(D(2019, 2, 20), D(2020, 2, 20), D(2021, 2, 20))
    # A "past" reading of "Feb. 20" two weeks ahead would mean a year ago: the near one is meant.
    assert calendar.nearest(options, D(2020, 2, 4), "past").first == D(2020, 2, 20)
    # Half a year away the tense decides.
    assert calendar.nearest(options, D(2020, 8, 20), "future").first == D(2021, 2, 20)


def test_calendar_weekday_date_rules() -> None:
    thursday = D(2021, 3, 18)
    assert calendar.weekday_date(4, thursday, "past") == D(2021, 3, 12)
    assert calendar.weekday_date(4, thursday, "future") == D(2021, 3, 19)
    assert calendar.weekday_date(3, thursday, "future") == thursday
    assert calendar.weekday_date(3, thursday, "past", "last") == D(2021, 3, 11)
    assert calendar.weekday_date(3, thursday, "past", "next") == D(2021, 3, 25)


@pytest.mark.parametrize(
    ("rule", "year", "day"),
    [
        ("11-3-4", 2022, D(2022, 11, 24)),  # fourth Thursday of November
        ("11-3-4+1", 2022, D(2022, 11, 25)),  # the day after
        ("05-0-L", 2021, D(2021, 5, 31)),  # last Monday of May
        ("03-1-1", 2016, D(2016, 3, 1)),  # first Tuesday of March
        ("easter+-2", 2024, D(2024, 3, 29)),
        ("12-26", 2019, D(2019, 12, 26)),
    ],
)
def test_calendar_holiday_rules(rule: str, year: int, day: dt.date) -> None:
    assert calendar.holiday_date(rule, year) == day


def test_calendar_seasons_and_quarters() -> None:
    assert calendar.season_of(D(2021, 1, 15)).label == "2020-WI"
    assert calendar.season_of(D(2021, 12, 1)).label == "2021-WI"
    assert calendar.season_of(D(2021, 7, 1)).label == "2021-SU"
    q = calendar.quarter_period(2021, 4)
    assert (q.first, q.last, q.label) == (D(2021, 10, 1), D(2021, 12, 31), "2021-Q4")


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)))
def test_calendar_weekend_label_is_the_iso_week_of_its_saturday(day: dt.date) -> None:
    saturday = day + dt.timedelta(days=5 - day.weekday())
    assert calendar.weekend_of(day) == f"{calendar.iso_week(saturday)}-WE"


@given(
    st.dates(min_value=D(1901, 1, 1), max_value=D(2098, 12, 31)),
    st.integers(1, 12),
    st.integers(1, 28),
    st.sampled_from(["past", "future", "unmarked"]),
)
def test_calendar_nearest_stays_within_a_year_and_on_the_tense_side(
    anchor: dt.date, month: int, mday: int, direction: str
) -> None:
    options = _days(*(D(y, month, mday) for y in calendar.around(anchor)))
    got = calendar.nearest(options, anchor, direction)  # type: ignore[arg-type]
    assert abs((got.first - anchor).days) <= 366
    if direction == "past" and abs((got.first - anchor).days) > 31:
        assert got.first <= anchor
    if direction == "future" and abs((got.first - anchor).days) > 31:
        assert got.first >= anchor
