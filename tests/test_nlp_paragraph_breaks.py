"""A blank line always ends a sentence, so a headline is never parsed with the paragraph after it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wiretrace.nlp import PARAGRAPH_BREAKS

if TYPE_CHECKING:
    from spacy.language import Language

    from wiretrace.analyze.pipeline import Pipeline


def test_component_sits_before_the_parser(nlp: Language) -> None:
    names = nlp.pipe_names
    assert names.index(PARAGRAPH_BREAKS) < names.index("parser")


def test_headline_is_its_own_sentence(nlp: Language) -> None:
    doc = nlp("Dunmore Port Deal Collapses Again\n\nAnn Vole said the harbour plan had failed.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents == ["Dunmore Port Deal Collapses Again", "Ann Vole said the harbour plan had failed."]


def test_headline_does_not_become_the_source(pipeline: Pipeline) -> None:
    text = "Harbour Board Members Quit\n\nThe plan will fail, Ann Vole said on Monday."
    quotes = pipeline.analyze(text).quotes
    assert [(text[q.span.start : q.span.end], q.speaker.name if q.speaker else None) for q in quotes] == [
        ("The plan will fail", "Ann Vole")
    ]
