"""The surface grammar: which strings are date expressions, their spans and what the words say."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wiretrace.analyze.dates.grammar import Expression, parse, scan


def _found(text: str) -> list[tuple[str, str]]:
    return [(text[e.start : e.end], e.kind) for e in scan(text)]


def test_grammar_ranges_split_into_two_ends_that_share_the_year() -> None:
    text = "The fair runs from June 30 to July 4, 2027, and again 12 to 14 October."
    exprs = scan(text)
    assert [text[e.start : e.end] for e in exprs] == ["June 30", "July 4, 2027", "12", "14 October"]
    assert [(e.year, e.month, e.day) for e in exprs] == [
        (2027, 6, 30),
        (2027, 7, 4),
        (None, 10, 12),
        (None, 10, 14),
    ]


def test_grammar_month_range_across_new_year_starts_the_year_before() -> None:
    text = "Fares fell from November to February 2023."
    first, second = scan(text)
    assert (first.year, first.month, second.year, second.month) == (2022, 11, 2023, 2)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Tuesday, Dec. 7, 2027", "date"),
        ("Wednesday 6 January", "date"),
        ("2027-03-04", "date"),
        ("mid-September", "month"),
        ("the end of August", "month"),
        ("the first week of January", "month"),
        ("the week of May 10", "week"),
        ("the third quarter of 2026", "quarter"),
        ("fourth-quarter", "quarter"),
        ("Q2 2026", "quarter"),
        ("fiscal 2026", "year"),
        ("FY2026", "year"),
        ("the first half of 2026", "half"),
        ("last autumn", "season"),
        ("winter 2026", "season"),
        ("this weekend", "weekend"),
        ("last Labor Day weekend", "weekend"),
        ("earlier this month", "unit"),
        ("four years ago", "ago"),
        ("three days later", "anaphor"),
        ("the following month", "anaphor"),
        ("the same day last year", "anaphor"),
        ("the year-ago quarter", "anaphor"),
        ("later this morning", "day_word"),
        ("Thursday night", "weekday"),
        ("Thanksgiving Day", "holiday"),
        ("New Year's Eve", "holiday"),
        ("the new year", "year"),
    ],
)
def test_grammar_parses_each_form(text: str, kind: str) -> None:
    expr = parse(text)
    assert expr is not None and expr.kind == kind, text
    assert (expr.start, expr.end) == (0, len(text))


@pytest.mark.parametrize(
    "text",
    [
        "three years",  # a duration
        "each week",  # a frequency
        "the past week",  # a rolling window
        "over the next year",
        "the coming months",
        "another summer",
        "may",  # the modal, not the month
        "a 2-1 win",
        "1,950 people",
        "the 2019-20 season",
        "$2021",
        "20/20 vision",
    ],
)
def test_grammar_leaves_out_durations_windows_and_numbers(text: str) -> None:
    assert _found(text) == []


def test_grammar_fiscal_and_relative_year_quarters() -> None:
    fiscal = parse("its fiscal second quarter")
    assert fiscal is None  # a leading possessive is not part of the expression
    fiscal = scan("its fiscal second quarter")[0]
    assert (fiscal.kind, fiscal.quarter, fiscal.fiscal, fiscal.year) == ("quarter", 2, True, None)
    this_year = scan("in the second quarter of this year")[0]
    assert (this_year.quarter, this_year.year_shift, this_year.bare) == (2, 0, False)
    bare = scan("in the second quarter")[0]
    assert bare.bare


def test_grammar_stamp_makes_a_bare_month_day_a_date() -> None:
    text = "UPDATED 3/9: the vote moved. The ratio was 3/9 at best."
    exprs = scan(text)
    assert [(text[e.start : e.end], e.modifier) for e in exprs] == [("3/9", "stamp")]


def test_grammar_names_need_capitals_and_holiday_weekends_are_one_expression() -> None:
    assert _found("they march in june") == []
    text = "Crowds grew over the Memorial Day weekend."
    assert _found(text) == [("the Memorial Day weekend", "weekend")]


@given(st.text(max_size=80))
def test_grammar_scan_spans_lie_inside_the_text_and_never_overlap(text: str) -> None:
    exprs: list[Expression] = scan(text)
    last_end = 0
    for e in exprs:
        assert 0 <= e.start < e.end <= len(text)
        assert e.start >= last_end
        last_end = e.end
