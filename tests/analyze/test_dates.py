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
    st.one_of(
        st.text(max_size=40),
        st.sampled_from(["last year", "next week", "Friday", "yesterday", "this weekend", "last fall"]),
        st.sampled_from(["fiscal first quarter", "the first half of 2021", "Q3", "the new year"]),
    ),
    st.dates(),
    st.sampled_from(["past", "future"]),
)
def test_resolve_never_raises(text: str, anchor: dt.date, direction: str) -> None:
    res = resolve(text, anchor, "future" if direction == "future" else "past")
    shapes = r"(FY)?\d{4}(-\d{2}(-\d{2})?|-W\d{2}(-WE)?|-Q[1-4]|-H[12]|-(SP|SU|FA|WI))?"
    assert res.value is None or re.fullmatch(shapes, res.value)


@given(
    st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
    st.dates(min_value=dt.date(1900, 1, 8), max_value=dt.date(2100, 12, 24)),
)
def test_weekdays_land_within_a_week_on_the_right_side(name: str, anchor: dt.date) -> None:
    past = dt.date.fromisoformat(resolve(name, anchor, "past").value or "")
    future = dt.date.fromisoformat(resolve(name, anchor, "future").value or "")
    assert past.strftime("%A") == future.strftime("%A") == name
    assert 0 <= (anchor - past).days < 7 and 0 <= (future - anchor).days < 7


# --- dates.v2: traps, year inference, tense, one value per phrase, week frames, re-anchoring -------------


def test_dates_programme_film_and_person_names_are_not_dates(pipeline: Pipeline) -> None:
    text = (
        "Viewers of Good Evening Arlo and This Morning complained. Nadia Ferro, 61, presents Today "
        "on weekdays. Ruth May said May would decide. Kestrel Films' 1931 has earned $4 million, "
        "and Ferro will rest in May."
    )
    got = _values(_run(pipeline, text))
    assert got == {"May": "2021-05"}
    assert next(d for d in _run(pipeline, text).dates).span.start == text.rindex("May")


def test_dates_ages_scores_times_and_game_periods_are_not_dates(pipeline: Pipeline) -> None:
    text = (
        "The Otters won 3-1 on Saturday. Keeper Ilan Roux, 31, made 24 saves in the second "
        "quarter with 4:12 left. The match began at 1900 GMT and Season 12 ends soon. Roux is 24."
    )
    got = _values(_run(pipeline, text))
    assert got == {"Saturday": "2021-03-13"}


def test_dates_a_business_quarter_is_kept(pipeline: Pipeline) -> None:
    text = "Tallis Group said on Tuesday that revenue rose 8% in the fourth quarter."
    a = _run(pipeline, text, published=dt.date(2022, 1, 26))
    assert _values(a)["the fourth quarter"] == "2021-Q4"


def test_dates_yearless_month_days_take_the_nearest_year_consistent_with_tense(pipeline: Pipeline) -> None:
    text = "The board met on Dec. 20. It will meet again on Jan. 9, and the hearing is set for Feb. 2."
    got = _values(_run(pipeline, text, published=dt.date(2019, 12, 30)))
    assert got == {"Dec. 20": "2019-12-20", "Jan. 9": "2020-01-09", "Feb. 2": "2020-02-02"}


def test_dates_since_a_month_points_back(pipeline: Pipeline) -> None:
    text = "Prices have climbed since October, and the new tariff starts in October."
    a = _run(pipeline, text, published=dt.date(2015, 6, 10))
    assert [d.value for d in a.dates] == ["2014-10", "2015-10"]


def test_dates_weekday_direction_from_tense_and_aspect(pipeline: Pipeline) -> None:
    text = (
        "The mayor resigned on Friday. Her deputy has served since Monday and is meeting donors on "
        "Saturday. The council is to vote on Tuesday."
    )
    got = _values(_run(pipeline, text))  # a Thursday
    assert got == {
        "Friday": "2021-03-12",
        "Monday": "2021-03-15",
        "Saturday": "2021-03-20",
        "Tuesday": "2021-03-23",
    }


def test_dates_one_value_per_phrase_when_a_mention_marks_no_tense(pipeline: Pipeline) -> None:
    text = "Harbour vote Friday\n\nThe harbour board will vote on Friday on the new berths."
    a = _run(pipeline, text)
    assert [d.value for d in a.dates] == ["2021-03-19", "2021-03-19"]


def test_dates_two_tenses_keep_two_values(pipeline: Pipeline) -> None:
    text = "The keeper died on Tuesday. His funeral will be held on Tuesday at noon."
    a = _run(pipeline, text)
    assert [d.value for d in a.dates] == ["2021-03-16", "2021-03-23"]


def test_dates_a_sunday_preview_means_the_coming_week(pipeline: Pipeline) -> None:
    sunday = dt.date(2021, 3, 21)
    text = "This week the assembly will debate the harbour levy. Last week it approved the budget."
    got = _values(_run(pipeline, text, published=sunday))
    assert got == {"This week": "2021-W12", "Last week": "2021-W11"}
    review = "This week the assembly approved the levy."
    assert _values(_run(pipeline, review, published=sunday)) == {"This week": "2021-W11"}


def test_dates_weekends_seasons_and_holidays(pipeline: Pipeline) -> None:
    text = (
        "Crowds packed the pier this weekend. Last fall the pier closed, and summer school starts "
        "soon. Sales on Black Friday rose, but the Boxing Day tradition faded."
    )
    got = _values(_run(pipeline, text, published=dt.date(2021, 3, 21)))
    assert got == {"this weekend": "2021-W11-WE", "Last fall": "2020-FA", "Black Friday": "2020-11-27"}


def test_dates_a_dateline_re_anchors_its_paragraph(pipeline: Pipeline) -> None:
    text = (
        "The vote is on Friday.\n\n"
        "PORT ARLO, March 2, 2021 -- The first vote failed on Tuesday.\n\n"
        "Aides said on Tuesday that talks go on."
    )
    a = _run(pipeline, text)
    got = [(d.span.of(text), d.value) for d in a.dates]
    assert got == [
        ("Friday", "2021-03-19"),
        ("March 2, 2021", "2021-03-02"),
        ("Tuesday", "2021-03-02"),
        ("Tuesday", "2021-03-16"),
    ]
    assert a.dates[2].anchor is not None and "March 2, 2021" in a.dates[2].anchor


def test_dates_an_update_stamp_re_anchors_its_paragraph(pipeline: Pipeline) -> None:
    text = "The plan was due today.\n\nUPDATED 3/19: A spokesman said this morning that it slipped."
    got = [(d.span.of(text), d.value) for d in _run(pipeline, text).dates]
    assert got == [("today", "2021-03-18"), ("3/19", "2021-03-19"), ("this morning", "2021-03-19")]


def test_dates_anaphors_and_comparison_baselines(pipeline: Pipeline) -> None:
    text = (
        "On March 16, 2020, the schools closed; two days later the libraries followed. "
        "Exports rose in June, up 4% from a year ago, and 9% compared with a year earlier."
    )
    got = _values(_run(pipeline, text, published=dt.date(2020, 7, 14)))
    assert got == {
        "March 16, 2020": "2020-03-16",
        "two days later": "2020-03-18",
        "June": "2020-06",
        "a year earlier": "2019-06",
    }


def test_dates_durations_and_windows_are_left_out_and_unanchored_relatives_kept(pipeline: Pipeline) -> None:
    text = "For three years, each week, the past month and the coming months: the ferry sailed on Monday."
    a = _run(pipeline, text, published=None)
    assert [(d.span.of(text), d.value) for d in a.dates] == [("Monday", None)]


def test_dates_title_case_headlines_feasts_and_titles(pipeline: Pipeline) -> None:
    text = (
        "Harbour Board Meets Tonight Over Ferry Fares\n\n"
        "Shops expect a rush before Christmas, though the Christmas market "
        "closed. Families watched 2012 at home. The levy ends by the end of the year."
    )
    got = _values(_run(pipeline, text, published=dt.date(2021, 12, 14)))
    assert got == {"Tonight": "2021-12-14", "Christmas": "2021-12-25", "the end of the year": "2021"}


def test_dates_weekday_titles_and_month_modifiers(pipeline: Pipeline) -> None:
    text = (
        "Ida Marsh writes for the Sunday Courier and once hosted Saturday Night Live. "
        "January's figures were weak, and the March meeting of the board was cut short. "
        "The fair first ran in the year 1999, and the board meets Monday morning."
    )
    got = _values(_run(pipeline, text))
    assert got == {
        "January": "2021-01",
        "March": "2021-03",
        "1999": "1999",
        "Monday morning": "2021-03-22",
    }


def test_dates_after_and_possessors_point_back_and_copyright_years_are_left_out(pipeline: Pipeline) -> None:
    text = (
        "Playoff hopes are slim after Monday night's loss. The ferry line announced an order of "
        "four boats on Tuesday.\n\n© 2021 Harbour Press"
    )
    got = _values(_run(pipeline, text))  # a Thursday
    assert got == {"Monday night": "2021-03-15", "Tuesday": "2021-03-16"}


def test_dates_a_sentence_starting_with_a_date_is_no_dateline(pipeline: Pipeline) -> None:
    text = (
        "The inquiry reports today.\n\nMarch 2, 2019 was the day the mill shut. Its owner spoke on Tuesday."
    )
    got = [(d.span.of(text), d.value) for d in _run(pipeline, text).dates]
    assert got == [("today", "2021-03-18"), ("March 2, 2019", "2019-03-02"), ("Tuesday", "2021-03-16")]
