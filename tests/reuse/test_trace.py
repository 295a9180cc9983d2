"""Tracing invented stitched articles back to the invented sources in ``conftest.py``."""

from __future__ import annotations

import datetime as dt

import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wiretrace.analyze.pipeline import Pipeline
from wiretrace.extract import article_from_text
from wiretrace.model import Match
from wiretrace.reuse.index import Index

from .conftest import SOURCES, source_text


def _trace(index: Index, text: str) -> tuple[str, list[Match]]:
    return text, index.trace(article_from_text(text, id="farm-1"))


def test_trace_verbatim_passage_with_spans(index: Index) -> None:
    passage = (
        "Engineers found cracks in the tunnel lining during a routine inspection in February, "
        "the company said."
    )
    text, matches = _trace(index, "Rail news\n\nIn other news today. " + passage)
    [m] = matches
    assert m.source_id == "marrow-003"
    assert m.span.of(text) == passage
    assert m.source_span.of(source_text("marrow-003")) == passage
    assert m.similarity == 1.0 and m.transform == ["verbatim"]
    assert m.source_published == dt.date(2031, 4, 5)


def test_trace_spun_passage_lists_substitutions(index: Index) -> None:
    _text, matches = _trace(
        index,
        "Plum growers in the Oskbury valley harvested a record 12,400 tonnes previous year, the growers' "
        "association stated.",
    )
    [m] = matches
    assert m.source_id == "kestrel-002"
    assert "spun" in m.transform
    pairs = {(s.source, s.article) for s in m.substitutions}
    assert ("last", "previous") in pairs and ("reported", "stated") in pairs


def test_trace_entity_variant_is_a_substitution_not_a_miss(index: Index) -> None:
    text, matches = _trace(
        index,
        "Opponents of the project, led by the fishermen's cooperative, plan to appeal "
        "the decision in the regional court before the summer recess. Mayor Ilse Dorn "
        "called the vote a turning point for the USA port town.",
    )
    sources = {m.source_id for m in matches}
    assert "tidewater-001" in sources
    mayor = [m for m in matches if "Mayor" in m.span.of(text)]
    assert mayor and any(("U.S.", "USA") in {(s.source, s.article) for s in m.substitutions} for m in mayor)


def test_trace_same_passage_in_two_sources_lists_both_earliest_first(index: Index) -> None:
    _text, matches = _trace(index, "Mayor Ilse Dorn called the vote a turning point for the U.S. port town.")
    assert [m.source_id for m in matches] == ["tidewater-001", "kestrel-004"]  # 2 April before 3 April
    assert all(m.span == matches[0].span for m in matches)


def test_trace_sentence_merged_from_two_sources(index: Index) -> None:
    _text, matches = _trace(
        index,
        "Export prices fell by a fifth as buyers in the north held back orders and freight will be rerouted "
        "via the coastal line at no extra charge.",
    )
    by_source = {m.source_id: m for m in matches}
    assert set(by_source) == {"kestrel-002", "marrow-003"}
    assert by_source["kestrel-002"].span.end <= by_source["marrow-003"].span.start
    assert all("merged" in m.transform for m in matches)


def test_trace_consecutive_sentences_become_one_passage_and_reorder_is_marked(index: Index) -> None:
    ordered = (
        "The Harbour Board of Vellmar approved the new deep-water pier on Monday, officials said. "
        "Construction will cost 48 million dollars and start in September."
    )
    _, matches = _trace(index, ordered)
    assert len(matches) == 1 and matches[0].source_id == "tidewater-001"
    swapped = (
        "Construction will cost 48 million dollars and start in September. "
        "The Harbour Board of Vellmar approved the new deep-water pier on Monday, officials said."
    )
    _, matches = _trace(index, swapped)
    assert {m.source_id for m in matches} == {"tidewater-001"}
    assert all("reordered" in m.transform for m in matches)


def test_trace_unrelated_text_matches_nothing(index: Index) -> None:
    _, matches = _trace(
        index,
        "A lakeside bakery in Millbrook won the regional bread prize for its rye loaf. "
        "Judges praised the crust, and the owners said prices would stay steady this spring.",
    )
    assert matches == []


def test_trace_short_one_sentence_quote(index: Index) -> None:
    _, matches = _trace(index, "Bertil Rask warned that late frosts could halve the next crop.")
    assert [m.source_id for m in matches] == ["kestrel-002"]


def test_matches_become_the_analysis_matches_layer(index: Index) -> None:
    article = article_from_text(
        "Freight will be rerouted via the coastal line at no extra charge, the operator said.", id="farm-2"
    )
    pipeline = Pipeline(stages=(), nlp=spacy.blank("en"))
    analysis = pipeline.analyze(article, matches=index.trace(article))
    assert [m.source_id for m in analysis.matches] == ["marrow-003"]


def test_trace_reworded_sentence_with_clauses_moved(index: Index) -> None:
    text, matches = _trace(
        index,
        "In February a routine inspection found cracks in the lining of the tunnel, "
        "according to the company.",
    )
    [m] = matches
    assert m.source_id == "marrow-003" and "reworded" in m.transform
    assert m.span.of(text) == text


def test_trace_survives_text_that_is_not_valid_unicode(index: Index) -> None:
    _, matches = _trace(index, "Bertil Rask warned that late frosts \ud800 could halve the next crop.")
    assert [m.source_id for m in matches] == ["kestrel-002"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.one_of(
            st.sampled_from([s["text"] for s in SOURCES]).map(lambda t: t[: len(t) // 2]),
            st.sampled_from([s["text"] for s in SOURCES]).map(lambda t: t[len(t) // 3 :]),
            st.text(alphabet=st.characters(codec="utf-8"), max_size=80),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_trace_spans_always_point_into_both_texts(index: Index, pieces: list[str]) -> None:
    text = "\n\n".join(pieces)
    if not text.strip():
        return
    sources = {s["id"]: s["text"] for s in SOURCES}
    matches = index.trace(article_from_text(text, id="random"))
    for m in matches:
        assert 0 <= m.span.start < m.span.end <= len(text)
        assert 0 <= m.source_span.start < m.source_span.end <= len(sources[m.source_id])
        assert 0.0 <= m.similarity <= 1.0
    assert [m.span.start for m in matches] == sorted(m.span.start for m in matches)
