"""temporal.resolve / resolve_expression: one expression, one anchor, the reading the stage passes in."""

from __future__ import annotations

import datetime as dt

import pytest

from wiretrace.analyze.dates.grammar import parse
from wiretrace.analyze.temporal import Reading, Resolved, resolve, resolve_expression

THURSDAY = dt.date(2021, 3, 18)
SUNDAY = dt.date(2021, 3, 21)
MONDAY = dt.date(2021, 3, 22)


def _value(text: str, anchor: dt.date, reading: Reading | None = None) -> tuple[str | None, str]:
    expr = parse(text)
    assert expr is not None, text
    res = resolve_expression(expr, anchor, reading or Reading())
    return res.value, res.granularity


@pytest.mark.parametrize(
    ("text", "anchor", "direction", "value"),
    [
        ("Dec. 20", dt.date(2019, 12, 30), "unmarked", "2019-12-20"),  # nearest: ten days back
        ("Dec. 20", dt.date(2019, 12, 30), "past", "2019-12-20"),
        ("January 6", dt.date(2019, 12, 30), "future", "2020-01-06"),
        ("January 6", dt.date(2019, 12, 30), "unmarked", "2020-01-06"),
        ("October", dt.date(2015, 6, 10), "past", "2014-10"),  # "since October"
        ("October", dt.date(2015, 6, 10), "future", "2015-10"),  # "starts in October"
        ("April", dt.date(2020, 12, 28), "unmarked", "2021-04"),
        ("Tuesday 3 January", dt.date(2017, 1, 4), "future", "2017-01-03"),  # the weekday fixes the year
    ],
)
def test_temporal_yearless_dates_take_the_year_from_anchor_and_tense(
    text: str, anchor: dt.date, direction: str, value: str
) -> None:
    assert _value(text, anchor, Reading(direction=direction))[0] == value  # type: ignore[arg-type]


def test_temporal_weeks_and_the_sunday_frame() -> None:
    assert _value("this week", THURSDAY) == ("2021-W11", "week")
    assert _value("next week", THURSDAY) == ("2021-W12", "week")
    assert _value("this week", SUNDAY, Reading(week_shift=1)) == ("2021-W12", "week")
    assert _value("last week", SUNDAY, Reading(week_shift=1)) == ("2021-W11", "week")
    assert _value("the week of March 29", THURSDAY) == ("2021-W13", "week")


@pytest.mark.parametrize(
    ("text", "anchor", "direction", "value"),
    [
        ("this weekend", THURSDAY, "future", "2021-W11-WE"),
        ("this weekend", SUNDAY, "past", "2021-W11-WE"),
        ("this weekend", MONDAY, "past", "2021-W11-WE"),  # the one just ended
        ("this weekend", MONDAY, "future", "2021-W12-WE"),
        ("last weekend", THURSDAY, "past", "2021-W10-WE"),
        ("next weekend", THURSDAY, "future", "2021-W12-WE"),
        ("the weekend", THURSDAY, "past", "2021-W10-WE"),
        ("the weekend", THURSDAY, "future", "2021-W11-WE"),
        ("this Memorial Day weekend", dt.date(2021, 5, 20), "future", "2021-W21-WE"),  # May 29-30
    ],
)
def test_temporal_weekends(text: str, anchor: dt.date, direction: str, value: str) -> None:
    assert _value(text, anchor, Reading(direction=direction)) == (value, "weekend")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "anchor", "value"),
    [
        ("last fall", THURSDAY, "2020-FA"),
        ("this summer", THURSDAY, "2021-SU"),
        ("next spring", THURSDAY, "2022-SP"),  # March 18 is already spring
        ("last winter", THURSDAY, "2020-WI"),
        ("this winter", dt.date(2021, 1, 10), "2020-WI"),
        ("summer 2019", THURSDAY, "2019-SU"),
    ],
)
def test_temporal_seasons(text: str, anchor: dt.date, value: str) -> None:
    assert _value(text, anchor) == (value, "season")


@pytest.mark.parametrize(
    ("text", "anchor", "value", "granularity"),
    [
        ("the second quarter of 2021", THURSDAY, "2021-Q2", "quarter"),
        ("the third quarter of last year", THURSDAY, "2020-Q3", "quarter"),
        ("fiscal first quarter", dt.date(2020, 1, 28), "FY2020-Q1", "quarter"),
        ("fiscal 2016", THURSDAY, "FY2016", "year"),
        ("FY 2016", THURSDAY, "FY2016", "year"),
        ("Q3 2020", THURSDAY, "2020-Q3", "quarter"),
        ("last quarter", THURSDAY, "2020-Q4", "quarter"),
        ("the first half of 2022", THURSDAY, "2022-H1", "unknown"),
    ],
)
def test_temporal_quarters_fiscal_and_halves(
    text: str, anchor: dt.date, value: str, granularity: str
) -> None:
    assert _value(text, anchor) == (value, granularity)


def test_temporal_a_bare_quarter_uses_the_tense() -> None:
    january = dt.date(2022, 1, 20)
    assert _value("the fourth quarter", january, Reading(direction="past"))[0] == "2021-Q4"
    assert _value("the second quarter", january, Reading(direction="future"))[0] == "2022-Q2"


def test_temporal_holidays_take_the_nearest_occurrence() -> None:
    assert _value("Black Friday", dt.date(2022, 11, 26)) == ("2022-11-25", "day")
    assert _value("Thanksgiving Day", dt.date(2022, 1, 5), Reading(direction="past"))[0] == "2021-11-25"
    assert _value("Super Tuesday", dt.date(2016, 2, 28))[0] == "2016-03-01"


def _history(*items: tuple[str, dt.date]) -> tuple[Resolved, ...]:
    out = []
    for text, anchor in items:
        expr = parse(text)
        assert expr is not None
        out.append(resolve_expression(expr, anchor, Reading()))
    return tuple(out)


def test_temporal_anaphors_build_on_the_last_fitting_date() -> None:
    history = _history(("March 16, 2020", THURSDAY))
    assert _value("two days later", THURSDAY, Reading(history=history)) == ("2020-03-18", "day")
    assert _value("the following year", THURSDAY, Reading(history=history)) == ("2021", "year")
    june = _history(("June", dt.date(2022, 7, 13)))
    assert _value("a year earlier", THURSDAY, Reading(history=june)) == ("2021-06", "month")
    assert _value("the month prior", THURSDAY, Reading(history=june)) == ("2022-05", "month")
    monday = _history(("Monday", dt.date(2023, 5, 16)))
    assert _value("the same day last week", THURSDAY, Reading(history=monday)) == ("2023-05-08", "day")
    quarter = _history(("the fourth quarter of 2016", THURSDAY))
    assert _value("the prior-year period", THURSDAY, Reading(history=quarter)) == ("2015-Q4", "quarter")
    assert _value("two days later", THURSDAY)[0] is None  # nothing to build on


def test_temporal_day_words_and_the_new_year() -> None:
    assert _value("later today", THURSDAY) == ("2021-03-18", "day")
    assert _value("yesterday morning", THURSDAY) == ("2021-03-17", "day")
    assert _value("the new year", dt.date(2015, 1, 2)) == ("2015", "year")
    assert _value("the new year", dt.date(2014, 12, 20)) == ("2015", "year")


def test_temporal_absolute_values_need_no_anchor() -> None:
    assert resolve("March 3, 2019", None).value == "2019-03-03"
    assert resolve("summer 2019", None).value == "2019-SU"
    assert resolve("last week", None).value is None
    assert resolve("fiscal second quarter", None).value is None
