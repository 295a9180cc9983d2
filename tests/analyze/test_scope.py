"""nlp.parse_chars (#13): a text over the limit is analysed up to a paragraph break before it, the
Analysis keeps the whole text, and a W062 warning says where the analysis stopped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wiretrace.analyze.pipeline import Pipeline
from wiretrace.analyze.scope import CAP_CODE, scope_end, scoped, scoped_matches
from wiretrace.extract import article_from_text
from wiretrace.model import Analysis, Match, Span
from wiretrace.settings import NlpSettings, Settings

if TYPE_CHECKING:
    from spacy.language import Language

FIRST = '"The ferry will run again in May," said Odile Varga, who chairs the Carrow harbour board.'
MIDDLE = "Repairs to the north pier began on Monday after the winter storms, the board said."
LAST = '"We have waited long enough," said Piotr Sato, a fisherman in Port Elm.'
TEXT = "\n\n".join([FIRST, MIDDLE, MIDDLE, LAST])


def capped(nlp: Language, limit: int) -> Pipeline:
    return Pipeline(Settings(nlp=NlpSettings(parse_chars=limit)), nlp=nlp)


def spans_of(a: Analysis) -> list[Span]:
    out = [q.span for q in a.quotes] + [d.span for d in a.dates] + [f.span for f in a.flags]
    return out + [m for e in a.entities for m in e.mentions]


def test_scope_end_cuts_after_a_paragraph_break() -> None:
    limit = len(FIRST) + len(MIDDLE) + 10
    end = scope_end(TEXT, limit)
    assert end == len(FIRST) + 2 + len(MIDDLE) + 2  # after the second paragraph's blank line
    assert scope_end(TEXT, len(TEXT)) == len(TEXT)
    assert scope_end("x" * 50, 20) == 20  # no break at all: cut at the limit


def test_scoped_clips_paragraphs_and_drops_later_matches() -> None:
    article = article_from_text(TEXT, id="t")
    end = len(FIRST) + 5
    part = scoped(article, end)
    assert part.text == TEXT[:end]
    assert all(p.end <= end for p in part.paragraphs) and part.paragraphs
    near = Match(span=Span(start=0, end=10), source_id="s", source_span=Span(start=0, end=10), similarity=1.0)
    far = Match(
        span=Span(start=end, end=end + 10), source_id="s", source_span=Span(start=0, end=10), similarity=1.0
    )
    assert scoped_matches([near, far], end) == [near]


def test_long_text_is_analysed_up_to_the_cut_with_a_warning(nlp: Language) -> None:
    limit = len(FIRST) + len(MIDDLE) + 10
    cut = scope_end(TEXT, limit)
    analysis = capped(nlp, limit).analyze(article_from_text(TEXT, id="long"))
    assert analysis.article.text == TEXT  # the whole text is kept
    notes = [w for w in analysis.warnings if w.code == CAP_CODE]
    assert len(notes) == 1
    assert f"0-{cut:,}" in notes[0].message and f"last {len(TEXT) - cut:,}" in notes[0].message
    assert not analysis.failed_stages
    assert all(s.end <= cut for s in spans_of(analysis))
    speakers = {q.speaker.name for q in analysis.quotes if q.speaker}
    assert "Odile Varga" in speakers and "Piotr Sato" not in speakers


def test_text_within_the_limit_is_analysed_whole(nlp: Language) -> None:
    whole = capped(nlp, len(TEXT)).analyze(article_from_text(TEXT, id="t"))
    assert not [w for w in whole.warnings if w.code == CAP_CODE]
    speakers = {q.speaker.name for q in whole.quotes if q.speaker}
    assert {"Odile Varga", "Piotr Sato"} <= speakers


def test_analyze_many_applies_the_same_cut(nlp: Language) -> None:
    limit = len(FIRST) + len(MIDDLE) + 10
    pipe = capped(nlp, limit)
    one = pipe.analyze(article_from_text(TEXT, id="a"))
    short = article_from_text(FIRST, id="b")
    many = list(pipe.analyze_many([article_from_text(TEXT, id="a"), short]))
    assert many[0].model_dump() == one.model_dump()
    assert not [w for w in many[1].warnings if w.code == CAP_CODE]
