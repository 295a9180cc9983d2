"""Offset invariants of the data model: spans stay inside the text and survive a JSON round trip."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from wiretrace.model import Analysis, Article, Flag, Quote, Span


def test_model_span_rejects_reversed_offsets() -> None:
    with pytest.raises(ValidationError):
        Span(start=5, end=2)


def test_model_span_text_is_computed_from_offsets() -> None:
    text = "Okafor said hello."
    assert Span(start=0, end=6).of(text) == "Okafor"


@st.composite
def analyses(draw: st.DrawFn) -> Analysis:
    text = draw(st.text(min_size=1, max_size=200))
    n = len(text)

    def span() -> Span:
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, n))
        return Span(start=a, end=b)

    quotes = [Quote(span=span(), kind="direct", cue=span()) for _ in range(draw(st.integers(0, 3)))]
    flags = [
        Flag(label="boilerplate", span=span(), score=0.5, reason="r") for _ in range(draw(st.integers(0, 3)))
    ]
    return Analysis(article=Article(id="x", text=text), quotes=quotes, flags=flags)


def _all_spans(a: Analysis) -> list[Span]:
    spans = [q.span for q in a.quotes] + [q.cue for q in a.quotes if q.cue] + [f.span for f in a.flags]
    return spans


@given(analyses())
def test_model_json_round_trip_keeps_offsets_and_texts(a: Analysis) -> None:
    back = Analysis.model_validate_json(a.model_dump_json())
    assert back == a
    for s1, s2 in zip(_all_spans(a), _all_spans(back), strict=True):
        assert (s1.start, s1.end) == (s2.start, s2.end)
        assert a.text_of(s1) == back.text_of(s2)
        assert 0 <= s2.start <= s2.end <= len(back.article.text)
