"""Language detection and the notices about extracted text (thin text, a title that is no headline)."""

from __future__ import annotations

import io

import pytest

from wiretrace.extract import article_from_text
from wiretrace.extract.language import article_warnings, detect_language, junk_title_reason, with_language
from wiretrace.model import Analysis, Notice, StageFailure
from wiretrace.output.report import Report

ENGLISH = (
    "The harbour council of Port Ellis voted on Monday to extend the ferry timetable into the winter, "
    "after fishermen and shop owners asked for a later crossing. The council will review the cost in "
    "March, when the dredging contract for the eastern channel comes up for renewal."
)
GERMAN = (
    "Der Hafenrat von Port Ellis hat am Montag beschlossen, den Fahrplan der Fähre bis in den Winter zu "
    "verlängern, nachdem Fischer und Ladenbesitzer um eine spätere Überfahrt gebeten hatten. Die Kosten "
    "werden im März geprüft, wenn der Vertrag für das Ausbaggern des Ostkanals ausläuft."
)


def _codes(notices: list[Notice]) -> list[str]:
    return [n.code for n in notices]


def test_language_detected_and_recorded() -> None:
    assert detect_language(ENGLISH) == "en"
    assert detect_language("Ja.") is None
    assert with_language(article_from_text(GERMAN)).language == "de"


def test_language_non_english_text_gets_a_notice() -> None:
    assert "W023" in _codes(article_warnings(with_language(article_from_text(GERMAN))))
    assert "W023" not in _codes(article_warnings(with_language(article_from_text(ENGLISH))))


def test_language_thin_text_gets_a_notice() -> None:
    assert "W021" in _codes(article_warnings(article_from_text("Ferry delayed.")))
    assert "W021" not in _codes(article_warnings(article_from_text(f"{ENGLISH}\n\n{ENGLISH}")))


@pytest.mark.parametrize("title", ["cmsengine", "article_detail", "www.portellis-courier.example", "2026"])
def test_language_junk_titles_are_reported(title: str) -> None:
    article = article_from_text(ENGLISH, title=title)
    assert junk_title_reason(title) is not None
    assert "W022" in _codes(article_warnings(article))


@pytest.mark.parametrize("title", ["Port Ellis Extends Ferry Timetable", "Brexit", "G7", "iPhone"])
def test_language_headlines_are_not_junk(title: str) -> None:
    assert junk_title_reason(title) is None


def test_language_site_name_as_title_is_reported() -> None:
    assert junk_title_reason("The Port Ellis Courier", "the port ellis courier") is not None


def test_language_report_prints_warnings_and_failed_stages() -> None:
    article = article_from_text(ENGLISH, title="cmsengine")
    analysis = Analysis(
        article=article,
        warnings=article_warnings(article),
        failed_stages=[StageFailure(stage="dates.v1", code="W030", error="stage 'dates.v1' failed")],
    )
    out = io.StringIO()
    Report(out).render(analysis)
    text = out.getvalue()
    assert "Warning W022" in text and "does not read as a headline" in text
    assert "Stage failed W030 (dates.v1)" in text
