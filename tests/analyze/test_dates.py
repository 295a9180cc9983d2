"""dates.v2 on short invented texts: anchors, weekday direction from grammar, relative phrases."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wiretrace.analyze.pipeline import Pipeline
from wiretrace.analyze.temporal import resolve, weekday_date
from wiretrace.model import Analysis, Article
from wiretrace.settings import Settings

THURSDAY = dt.date(2021, 3, 18)


def _run(
    pipeline: Pipeline, text: str, published: dt.date | None = THURSDAY, settings: Settings | None = None
) -> Analysis:
    p = Pipeline(settings or pipeline.settings, stages=["dates"], nlp=pipeline.nlp)
    return p.analyze(Article(id="t", text=text, published=published))


def _values(a: Analysis) -> dict[str, str | None]:
    return {d.span.of(a.article.text): d.value for d in a.dates}


def test_weekdays_point_back_in_past_tense_and_forward_after_will_or_proposals(pipeline: Pipeline) -> None:
    text = "Osei proposed talks on Friday or Monday, aides said Thursday. The envoy left on Wednesday."
    a = _run(pipeline, text)
    assert _values(a) == {
        "Friday": "2021-03-19",
        "Monday": "2021-03-22",
        "Thursday": "2021-03-18",
        "Wednesday": "2021-03-17",
    }
    friday = a.dates[0]
    assert (friday.span.start, friday.span.end) == (23, 29)
    assert friday.granularity == "day"
    assert friday.anchor == "published 2021-03-18"


def test_future_forms(pipeline: Pipeline) -> None:
    text = (
        "The minister said on Wednesday that she will meet the mayor on Monday. The council meets on Tuesday."
    )
    assert _values(_run(pipeline, text)) == {
        "Wednesday": "2021-03-17",
        "Monday": "2021-03-22",
        "Tuesday": "2021-03-23",
    }


def test_relative_phrases_and_years(pipeline: Pipeline) -> None:
    text = (
        "Lindqvist arrived yesterday. The ferry company cut fares last year and the previous year, "
        "and will cut them next year. The firm was founded in 1987. Last week the mayor resigned. "
        "She blamed the collapse of last year's talks."
    )
    a = _run(pipeline, text)
    got = {d.span.of(text): (d.value, d.granularity) for d in a.dates}
    assert got["yesterday"] == ("2021-03-17", "day")
    assert got["last year"] == ("2020", "year")
    assert got["the previous year"] == ("2020", "year")
    assert got["next year"] == ("2022", "year")
    assert got["1987"] == ("1987", "year")
    assert got["Last week"] == ("2021-W10", "week")
    assert [d.span.of(text) for d in a.dates].count("last year") == 2  # possessive left out
    assert next(d for d in a.dates if d.value == "1987").anchor == "absolute"


def test_months_take_the_year_that_fits_the_tense(pipeline: Pipeline) -> None:
    text = "Sales fell in June and the board aims to recover by June. Prices rose on March 3."
    a = _run(pipeline, text)
    assert [(d.value, d.granularity) for d in a.dates] == [
        ("2020-06", "month"),
        ("2021-06", "month"),
        ("2021-03-03", "day"),
    ]


def test_anchor_from_settings_then_from_the_text(pipeline: Pipeline) -> None:
    text = "Dara Venn spoke on Monday. Venn in Port Arlo, Tuesday, May 4, 2021."
    a = _run(pipeline, text, published=None)
    monday = a.dates[0]
    assert monday.value == "2021-05-03"
    start = text.index("Tuesday, May 4")  # the weekday belongs to the stated date
    assert monday.anchor == f"stated in text: Tuesday, May 4, 2021 = 2021-05-04 (chars {start}-{start + 20})"
    with_setting = Settings(dates={"anchor": "2021-03-18"})
    assert _run(pipeline, text, published=None, settings=with_setting).dates[0].value == "2021-03-15"


def test_no_anchor_leaves_relative_dates_unresolved(pipeline: Pipeline) -> None:
    text = "The mayor resigned on Monday, two years after the 2019 election."
    a = _run(pipeline, text, published=None)
    monday = next(d for d in a.dates if d.span.of(text) == "Monday")
    assert (monday.value, monday.anchor, monday.granularity) == (None, None, "unknown")


@pytest.mark.parametrize(
    ("expr", "direction", "value", "granularity"),
    [
        ("last night", "past", "2021-03-17", "day"),
        ("last Friday", "future", "2021-03-12", "day"),
        ("next Thursday", "past", "2021-03-25", "day"),
        ("Thursday", "future", "2021-03-18", "day"),
        ("three months ago", "past", "2020-12", "month"),
        ("this week", "past", "2021-W11", "week"),
        ("18 March 2021", "past", "2021-03-18", "day"),
        ("March 2019", "past", "2019-03", "month"),
        ("the 1990s", "past", None, "unknown"),
        ("several years", "past", None, "unknown"),
    ],
)
def test_resolve_rules(expr: str, direction: str, value: str | None, granularity: str) -> None:
    res = resolve(expr, THURSDAY, "future" if direction == "future" else "past")
    assert (res.value, res.granularity) == (value, granularity)


def test_weekday_on_the_anchor_day_is_the_anchor() -> None:
    assert weekday_date("thursday", THURSDAY, "past") == THURSDAY
    assert weekday_date("thursday", THURSDAY, "future") == THURSDAY
    assert weekday_date("friday", THURSDAY, "past") == dt.date(2021, 3, 12)


def test_a_stated_date_with_its_weekday_beats_an_earlier_bare_one(pipeline: Pipeline) -> None:
    text = (
        "Born on June 2, 1950, Ada Rusk retired on Friday. "
        "Rusk in Port Arlo on Thursday, May 6, 2021. Read it in USA TODAY."
    )
    a = _run(pipeline, text, published=None)
    friday = next(d for d in a.dates if d.span.of(text) == "Friday")
    assert friday.value == "2021-04-30"
    assert friday.anchor is not None and "May 6, 2021" in friday.anchor
    assert all(d.value is None for d in a.dates if d.span.of(text) == "TODAY")


def test_impossible_dates_and_bad_anchor_settings() -> None:
    from pydantic import ValidationError

    assert resolve("2021-02-30", THURSDAY).value is None
    assert resolve("February 30, 2021", THURSDAY).value is None
    with pytest.raises(ValidationError):
        Settings(dates={"anchor": "18/03/2021"})


@given(
    st.one_of(st.text(max_size=40), st.sampled_from(["last year", "next week", "Friday", "yesterday"])),
    st.dates(),
    st.sampled_from(["past", "future"]),
)
def test_resolve_never_raises(text: str, anchor: dt.date, direction: str) -> None:
    res = resolve(text, anchor, "future" if direction == "future" else "past")
    assert res.value is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?|-W\d{2})?", res.value)


@given(
    st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
    st.dates(min_value=dt.date(1900, 1, 8), max_value=dt.date(2100, 12, 24)),
)
def test_weekdays_land_within_a_week_on_the_right_side(name: str, anchor: dt.date) -> None:
    past = dt.date.fromisoformat(resolve(name, anchor, "past").value or "")
    future = dt.date.fromisoformat(resolve(name, anchor, "future").value or "")
    assert past.strftime("%A") == future.strftime("%A") == name
    assert 0 <= (anchor - past).days < 7 and 0 <= (future - anchor).days < 7
