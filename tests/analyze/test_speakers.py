"""speakers.v1 on short invented texts: names, pronouns, role nouns, anonymous sources, source chains."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wiretrace.extract import article_from_text
from wiretrace.model import Quote

if TYPE_CHECKING:
    from wiretrace.analyze.pipeline import Pipeline


def quote_at(pipeline: Pipeline, text: str, words: str) -> Quote:
    analysis = pipeline.analyze(article_from_text(text, id="t"))
    start = text.index(words)
    covering = [q for q in analysis.quotes if q.span.start <= start < q.span.end]
    assert covering, f"no quote covers {words!r}"
    return min(covering, key=lambda q: len(q.span))


def test_pronoun_resolves_to_the_named_person(pipeline: Pipeline) -> None:
    text = (
        "Mara Lindqvist, the finance minister of Dunmore, presented the budget on Monday.\n\n"
        '"We will not reopen it," she said.'
    )
    q = quote_at(pipeline, text, "We will not")
    assert q.speaker is not None
    assert q.speaker.name == "Mara Lindqvist"
    assert q.speaker.kind == "person"
    assert q.speaker.mention is not None and q.speaker.mention.of(text) == "she"
    assert "pronoun" in q.evidence


def test_surname_with_title_resolves_to_the_full_name(pipeline: Pipeline) -> None:
    text = 'Dunmore\'s mayor Ann Vole opened the bridge on Monday.\n\n"It took ten years," Ms Vole said.'
    q = quote_at(pipeline, text, "It took ten")
    assert q.speaker is not None and q.speaker.name == "Ann Vole"


def test_organisation_and_its_role_noun(pipeline: Pipeline) -> None:
    text = (
        "The Dunmore Transport Ministry said on Monday the bridge was safe.\n\n"
        "The ministry said repairs would start in June."
    )
    q = quote_at(pipeline, text, "repairs would start")
    assert q.speaker is not None
    assert q.speaker.mention is not None and q.speaker.mention.of(text) == "The ministry"
    assert "Ministry" in q.speaker.name and q.speaker.name != "The ministry"


def test_anonymous_sources_are_never_linked(pipeline: Pipeline) -> None:
    text = (
        "Ray Okafor met the port workers on Tuesday.\n\n"
        "A senior official said the talks had stalled.\n\n"
        "People familiar with the matter said the port would close."
    )
    first = quote_at(pipeline, text, "the talks had stalled")
    assert first.speaker is not None
    assert first.speaker.kind == "anonymous"
    assert first.speaker.name == "A senior official"
    assert first.speaker.entity_id is None
    second = quote_at(pipeline, text, "the port would close")
    assert second.speaker is not None and second.speaker.kind == "anonymous"
    assert second.speaker.name == "People familiar with the matter"


def test_source_chain_according_to(pipeline: Pipeline) -> None:
    text = '"We are ready for the vote," Ray Okafor said, according to the Vale Gazette.'
    q = quote_at(pipeline, text, "We are ready")
    assert q.speaker is not None and q.speaker.name == "Ray Okafor"
    assert len(q.reported_by) == 1 and "Vale Gazette" in q.reported_by[0]


def test_source_chain_quoted_as_saying_by(pipeline: Pipeline) -> None:
    text = "Ray Okafor was quoted as saying by the Vale Gazette that the port would close in May."
    q = quote_at(pipeline, text, "the port would close")
    assert q.speaker is not None and q.speaker.name == "Ray Okafor"
    assert any("Vale Gazette" in r for r in q.reported_by)


def test_unattributed_quote_is_not_guessed(pipeline: Pipeline) -> None:
    # The paragraph before names nobody and no one spoke before: nothing to continue.
    text = 'The meeting began late.\n\n"Nobody saw it coming."\n\nIt ended at noon.'
    q = quote_at(pipeline, text, "Nobody saw")
    assert q.speaker is None
    assert q.unattributed_reason is not None
    assert q.confidence == 0.0


def test_every_attributed_quote_has_confidence_and_evidence(pipeline: Pipeline) -> None:
    text = (
        'Ann Vole said the bridge would open in May. "It is ready," she said. '
        "According to the Dunmore Harbour Council, the road will reopen too."
    )
    analysis = pipeline.analyze(article_from_text(text, id="t"))
    assert len(analysis.quotes) == 3
    for q in analysis.quotes:
        assert q.speaker is not None
        assert 0.0 < q.confidence <= 1.0
        assert q.evidence
        assert q.cue is not None
