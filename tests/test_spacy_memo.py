"""The memoised attribute ruler and lemmatizer give the same tokens as spaCy's own components (#13)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from wiretrace.settings import Settings
from wiretrace.spacy_memo import MEMO_LEMMATIZER, MEMO_RULER, MemoAttributeRuler, with_memo_components

if TYPE_CHECKING:
    from spacy.language import Language

TEXTS = [
    'Harbour Board Members Quit\n\nThe plan will fail, Ann Vole said on Monday. "We\'re gonna fight it," '
    "she told the Dunmore Courier, and let's see who wins.",
    "There are three ferries left. Y'all ain't seen the worst, the mayor's aides gotta admit; c'mon, "
    "the rescuers rescued 12 children in 2019 and were praised by the council's leaders.",
    "Running, ran, runs: the runner's best runs were faster than the rest.  \n\n  Prices rose 3.5% "
    "last year, the bank said, according to Reuters.",
]


@pytest.fixture(scope="module")
def plain() -> Language:
    import spacy

    from wiretrace.nlp import with_paragraph_breaks

    return with_paragraph_breaks(spacy.load(Settings().nlp.model))


def _annotations(nlp: Language, text: str) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in nlp(text)]


def test_memo_components_replace_the_originals(nlp: Language) -> None:
    names = nlp.pipe_names
    assert MEMO_RULER in names and MEMO_LEMMATIZER in names
    assert "attribute_ruler" not in names and "lemmatizer" not in names
    assert names.index("parser") < names.index(MEMO_RULER) < names.index(MEMO_LEMMATIZER)


@pytest.mark.parametrize("text", TEXTS)
def test_memo_components_give_the_same_tokens(nlp: Language, plain: Language, text: str) -> None:
    assert _annotations(nlp, text) == _annotations(plain, text)
    assert _annotations(nlp, text) == _annotations(plain, text)  # second time from the memo


def test_multi_token_rules_still_apply(nlp: Language) -> None:
    lemmas = {t.text: t.lemma_ for t in nlp("We are gon na win, and let 's go.")}
    assert (lemmas["gon"], lemmas["na"], lemmas["'s"]) == ("go", "to", "us")


def test_ruler_reading_other_attributes_is_left_alone() -> None:
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"ENT_TYPE": "PERSON"}]], {"TAG": "NNP"})
    assert not MemoAttributeRuler.supports(ruler)
    with_memo_components(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]
