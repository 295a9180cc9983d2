"""Extraction: paragraphs as spans into the unchanged text, titles, dates, stable ids."""

from __future__ import annotations

import datetime as dt

from wiretrace.extract import article_from_text, paragraph_spans, parse_date, stable_id


def test_extract_paragraph_spans_point_into_text() -> None:
    text = "Headline here\n\n  First paragraph.  \n\nSecond one.\n"
    spans = paragraph_spans(text)
    assert [s.of(text) for s in spans] == ["Headline here", "First paragraph.", "Second one."]


def test_extract_single_newlines_split_when_no_blank_lines() -> None:
    text = "Line one.\nLine two."
    assert [s.of(text) for s in paragraph_spans(text)] == ["Line one.", "Line two."]


def test_extract_first_short_line_is_the_title() -> None:
    a = article_from_text("Gulls Return to Port Elm\n\nThe birds came back on Monday.")
    assert a.title == "Gulls Return to Port Elm"
    assert article_from_text("Just one sentence here.").title is None


def test_extract_dates_and_ids() -> None:
    assert parse_date("2026-05-12T10:00:00Z") == dt.date(2026, 5, 12)
    assert parse_date("12-MAY-2026 15:01:01") == dt.date(2026, 5, 12)
    assert parse_date("not a date") is None
    assert stable_id("same text") == stable_id("same text") != stable_id("other text")
    assert stable_id("a", url="https://example.org/x") == stable_id("b", url="https://example.org/x")
