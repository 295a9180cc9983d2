"""speakers.v2 on short invented texts: names, pronouns, descriptions, agreement, anonymous sources."""

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


# -- agreement, salience and descriptions (issue 8) ---------------------------------------------------


def test_speakers_she_skips_the_nearer_man(pipeline: Pipeline) -> None:
    text = (
        "Mara Lindqvist, the harbour director, met Tomas Berg on Monday.\n\n"
        "Mr Berg asked about the ferry fares. She said the fares would not rise this year."
    )
    q = quote_at(pipeline, text, "the fares would not rise")
    assert q.speaker is not None and q.speaker.name == "Mara Lindqvist"


def test_speakers_he_agrees_with_a_mans_first_name(pipeline: Pipeline) -> None:
    text = (
        "Peter Kowal and Maria Sandoval opened the market hall on Friday.\n\n"
        "He said the stalls would stay open late in summer."
    )
    q = quote_at(pipeline, text, "the stalls would stay")
    assert q.speaker is not None and q.speaker.name == "Peter Kowal"


def test_speakers_organisation_description_resolves_to_the_firm(pipeline: Pipeline) -> None:
    text = (
        "Brightwater Foods Inc. reported lower sales on Tuesday.\n\n"
        "The company said demand for frozen meals had fallen in the spring."
    )
    q = quote_at(pipeline, text, "demand for frozen meals")
    assert q.speaker is not None
    assert q.speaker.name == "Brightwater Foods Inc."
    assert q.speaker.mention is not None and q.speaker.mention.of(text) == "The company"


def test_speakers_age_description_resolves_to_the_person(pipeline: Pipeline) -> None:
    text = (
        "Harold Winslow has lived on the hill road for forty years.\n\n"
        '"I heard the crash at midnight," the 68-year-old said.'
    )
    q = quote_at(pipeline, text, "I heard the crash")
    assert q.speaker is not None and q.speaker.name == "Harold Winslow"


def test_speakers_apposition_is_trimmed_from_the_name(pipeline: Pipeline) -> None:
    text = "Lena Marsh, the head of the Dunmore rowing club, said the regatta would go ahead."
    q = quote_at(pipeline, text, "the regatta would go ahead")
    assert q.speaker is not None and q.speaker.name == "Lena Marsh"
    assert q.speaker.mention is not None and "head" in q.speaker.mention.of(text)


def test_speakers_unresolved_description_is_unattributed_with_reason(pipeline: Pipeline) -> None:
    text = "The inspector said the bridge had passed every test."
    q = quote_at(pipeline, text, "the bridge had passed")
    assert q.speaker is None
    assert q.unattributed_reason is not None and "inspector" in q.unattributed_reason


def test_speakers_pronoun_without_antecedent_is_never_a_name(pipeline: Pipeline) -> None:
    text = "The storm closed the road on Sunday.\n\nShe said the road would reopen on Monday."
    q = quote_at(pipeline, text, "the road would reopen")
    assert q.speaker is None or q.speaker.name.lower() not in {"she", "he", "they", "who"}


def test_speakers_quote_only_paragraphs_continue_the_speaker(pipeline: Pipeline) -> None:
    text = (
        '"We played well in the first half," coach Dana Pruitt said.\n\n'
        "The visitors scored twice after the break.\n\n"
        '"We have to learn from the second half."\n\n'
        '"Next week will be harder."'
    )
    for words in ("We have to learn", "Next week will"):
        q = quote_at(pipeline, text, words)
        assert q.speaker is not None and q.speaker.name == "Dana Pruitt", words


def test_speakers_press_conference_layout(pipeline: Pipeline) -> None:
    text = (
        "Head coach Dana Pruitt\n"
        "On the injury to the goalkeeper:\n"
        '"He will be out for two weeks."\n'
        "On the next opponent:\n"
        '"They are strong at home."'
    )
    for words in ("He will be out", "They are strong"):
        q = quote_at(pipeline, text, words)
        assert q.speaker is not None and q.speaker.name == "Dana Pruitt", words


def test_speakers_paragraph_naming_someone_new_introduces_them(pipeline: Pipeline) -> None:
    text = (
        '"The season was long," Dana Pruitt said.\n\n'
        "Striker Owen Falk was pleased with his own form.\n\n"
        '"I scored more than I expected."'
    )
    q = quote_at(pipeline, text, "I scored more")
    assert q.speaker is not None and q.speaker.name == "Owen Falk"


def test_speakers_quote_about_the_candidate_is_not_by_them(pipeline: Pipeline) -> None:
    text = 'Mara Lindqvist opened the bridge on Monday.\n\n"Lindqvist has done a fine job."'
    q = quote_at(pipeline, text, "has done a fine job")
    assert q.speaker is None


def test_speakers_user_alias_table_renames_the_speaker(pipeline: Pipeline) -> None:
    from wiretrace.analyze.pipeline import Pipeline as _Pipeline

    settings = pipeline.settings.model_copy(deep=True)
    settings.entities.aliases = {"Dunmore Harbour Authority": ["Harbour Board"]}
    custom = _Pipeline(settings, nlp=pipeline.nlp)
    text = "The Harbour Board said the ferry would run every hour."
    q = quote_at(custom, text, "the ferry would run")
    assert q.speaker is not None and q.speaker.name == "Dunmore Harbour Authority"


def test_speakers_description_is_not_a_later_participant_of_its_clause(pipeline: Pipeline) -> None:
    text = (
        "Tomas Vell opened the debate in Dunmore on Monday.\n\n"
        "The prime minister accused opposition leader Hanna Quist of ignoring farmers, saying the plan "
        "would cost too much."
    )
    q = quote_at(pipeline, text, "the plan")
    assert q.speaker is None or q.speaker.name != "Hanna Quist"


def test_speakers_organisation_keeps_its_possessor(pipeline: Pipeline) -> None:
    text = (
        "Dunmore's Water Ministry said on Sunday that the reservoir was full.\n\n"
        "Engineers inspected the dam for two days."
    )
    q = quote_at(pipeline, text, "the reservoir was full")
    assert q.speaker is not None
    assert q.speaker.name != "Water Ministry"
