"""The ``wiretrace_quotes`` spaCy component on a pipeline of its own (the shared ``nlp`` stays untouched)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from wiretrace.nlp import load_spacy
from wiretrace.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

TEXT = (
    "Mara Lindqvist, the finance minister of Dunmore, presented the budget on Monday.\n\n"
    '"We will not reopen it," she said.\n\n'
    '"Nobody expected this."'
)


def fresh_nlp() -> Language:
    # A second copy of the model: add_pipe must not change the session fixture other tests share.
    nlp: Language = load_spacy.__wrapped__(Settings().nlp.model)
    return nlp


@pytest.fixture(scope="module")
def quotes_nlp() -> Language:
    nlp = fresh_nlp()
    nlp.add_pipe("wiretrace_quotes")  # found through the spacy_factories entry point
    return nlp


def test_component_writes_quote_spans_labelled_with_speakers(quotes_nlp: Language) -> None:
    doc = quotes_nlp(TEXT)
    spans = doc.spans["wiretrace_quotes"]
    assert [(s.text, s.label_) for s in spans] == [
        ("We will not reopen it,", "Mara Lindqvist"),
        # A quote-only paragraph right after her quote continues her.
        ("Nobody expected this.", "Mara Lindqvist"),
    ]
    quotes = doc._.wiretrace_quotes
    assert [q.kind for q in quotes] == ["direct", "direct"]
    assert quotes[0].span.of(doc.text) == "We will not reopen it,"
    assert quotes[0].cue is not None and quotes[0].cue.of(doc.text) == "said"


def test_component_batches_with_pipe(quotes_nlp: Language) -> None:
    docs = list(quotes_nlp.pipe([TEXT, "Ann Vole said the bridge would open in May."]))
    assert [len(d.spans["wiretrace_quotes"]) for d in docs] == [2, 1]
    (span,) = docs[1].spans["wiretrace_quotes"]
    assert span.text == "the bridge would open in May"
    assert span.label_ == "Ann Vole"


def test_component_without_speaker_resolution_keeps_mentions() -> None:
    nlp = fresh_nlp()
    nlp.add_pipe("wiretrace_quotes", config={"speakers": False, "span_key": "q"})
    doc = nlp(TEXT)
    assert [s.label_ for s in doc.spans["q"]] == ["she", "UNATTRIBUTED"]
