"""General reporting constructions beyond ``X said CLAUSE``, on short invented texts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from wiretrace.extract import article_from_text

if TYPE_CHECKING:
    from wiretrace.analyze.pipeline import Pipeline


def attributions(pipeline: Pipeline, text: str) -> list[tuple[str, str | None]]:
    """Each quote's content and its source mention as the quotes stage wrote it (speakers not run)."""
    from wiretrace.analyze.pipeline import Pipeline

    settings = pipeline.settings.model_copy(deep=True)
    settings.quotes.beliefs = True  # the constructions include beliefs, intentions and stances
    raw = Pipeline(settings, stages=("quotes",), nlp=pipeline.nlp)
    quotes = raw.analyze(article_from_text(text, id="t")).quotes
    out = []
    for q in quotes:
        who = q.speaker.mention.of(text) if q.speaker and q.speaker.mention else None
        out.append((q.span.of(text), who))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # noun-complement clauses: the possessor, a "by" phrase or a light verb's subject is the source
        (
            "Ann Vole's claim that the harbour is safe was rejected by the board.",
            ("that the harbour is safe", "Ann Vole"),
        ),
        (
            "Ray Okafor made the argument that the toll should be scrapped.",
            ("that the toll should be scrapped", "Ray Okafor"),
        ),
        # intention with an addressee: the object is part of what was asked
        (
            "Ray Okafor told his aides to draft a new budget.",
            ("his aides to draft a new budget", "Ray Okafor"),
        ),
        # "call on X to ...": the infinitive after the object belongs to the content
        (
            "Ann Vole called on the mayor to reopen the ferry terminal.",
            ("the mayor to reopen the ferry terminal", "Ann Vole"),
        ),
        # "hoping" is lemmatised "hop" by the model
        (
            "Ann Vole is hoping that the council will pay for the bridge.",
            ("that the council will pay for the bridge", "Ann Vole"),
        ),
        # the "as" predication on the object is part of what was said
        (
            "Ann Vole attacked her rival as a fraud and a liar.",
            ("her rival as a fraud and a liar", "Ann Vole"),
        ),
        # rulings and other clause-taking verbs of judgement
        (
            "The Dunmore appeals court ruled that the bridge toll was illegal.",
            ("that the bridge toll was illegal", "The Dunmore appeals court"),
        ),
        # verb + preposition speech acts
        (
            "Ray Okafor railed against the new harbour toll on Monday.",
            ("the new harbour toll", "Ray Okafor"),
        ),
        # attitude adjectives after a copula
        (
            "Ann Vole is confident that the ferry plan will work.",
            ("that the ferry plan will work", "Ann Vole"),
        ),
        ("Ray Okafor was critical of the new harbour toll.", ("the new harbour toll", "Ray Okafor")),
        # a stance noun as object: its prepositional phrase is the content
        (
            "Harbour traders have expressed deep concern about the new toll.",
            ("the new toll", "Harbour traders"),
        ),
        # responses: what was responded to, or with
        (
            "Ray Okafor responded with sharp attacks on the harbour board.",
            ("sharp attacks on the harbour board", "Ray Okafor"),
        ),
        # speech acts with a noun-phrase content
        ("Ray Okafor offered some blunt advice on Friday.", ("some blunt advice", "Ray Okafor")),
        (
            "Ray Okafor cited the harbour audit in his speech.",
            ("the harbour audit", "Ray Okafor"),
        ),
    ],
)
def test_reported_construction(pipeline: Pipeline, text: str, expected: tuple[str, str | None]) -> None:
    assert expected in attributions(pipeline, text)


def test_clause_noun_without_source_is_not_an_attribution(pipeline: Pipeline) -> None:
    text = "The idea that the harbour could close alarmed traders."
    assert attributions(pipeline, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dateline is parsed as a second subject: the one nearest the verb is the source
        ("DUNMORE -- Mayor Ann Vole said the plan failed.", ("the plan failed", "Mayor Ann Vole")),
        # an adverb of a number belongs to the source
        ("Nearly eight of 10 voters say the plan failed.", ("the plan failed", "Nearly eight of 10 voters")),
        # a date phrase says when, not who
        (
            "A panel of judges in 2001 found that the toll was illegal.",
            ("that the toll was illegal", "A panel of judges"),
        ),
    ],
)
def test_source_mention_boundaries(pipeline: Pipeline, text: str, expected: tuple[str, str | None]) -> None:
    assert expected in attributions(pipeline, text)


def test_signature_after_a_horizontal_bar_with_trailing_no_break_space(pipeline: Pipeline) -> None:
    text = (
        "\u201cThe ferry saved my shop.\u201d \u2015 Ann Vole\u00a0\n"
        "\u201cIt runs late every day.\u201d\u2015 Ray Okafor\n"
    )
    assert attributions(pipeline, text) == [
        ("The ferry saved my shop.", "Ann Vole"),
        ("It runs late every day.", "Ray Okafor"),
    ]


def test_expletive_subject_of_an_attitude_adjective_is_no_source(pipeline: Pipeline) -> None:
    assert attributions(pipeline, "It is certain that the ferry will run late.") == []


def test_according_to_on_a_verb_of_perception_is_the_source(pipeline: Pipeline) -> None:
    # "X said, according to Y" makes Y a relay; a verb of seeing or thinking does not.
    text = "According to the harbour police, officers saw Ann Vole leave the ferry."
    assert ("officers saw Ann Vole leave the ferry", "the harbour police") in attributions(pipeline, text)
