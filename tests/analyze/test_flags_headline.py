"""Duplicated headline: exact, near-exact and glued repeats of the first line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flag_helpers import flags_of, labelled

if TYPE_CHECKING:
    from spacy.language import Language


HEAD = "Marlow Council Delays Vote on Riverside Tram Line"
BODY = (
    "The Marlow city council postponed a vote on the proposed riverside tram line on Tuesday, "
    "citing unresolved questions about its cost.\n\n"
    "Councillor Hana Voss said the delay would last at least two weeks."
)


def test_flags_headline_exact_repeat(nlp: Language) -> None:
    text = f"{HEAD}\n\n{HEAD}\n\n{BODY}"
    flags = flags_of(nlp, text)
    dup = [f for f in flags if f.label == "duplicate_headline"]
    assert [f.span.of(text) for f in dup] == [HEAD]
    assert dup[0].span.start > 0 and dup[0].related[0].start == 0


def test_flags_headline_case_and_punctuation_variants(nlp: Language) -> None:
    text = f"{HEAD}\n\n{HEAD.upper()}.\n\n{BODY}"
    assert labelled(text, flags_of(nlp, text), "duplicate_headline") == [HEAD.upper() + "."]


def test_flags_headline_glued_to_first_sentence(nlp: Language) -> None:
    text = f"{HEAD}\n\n{HEAD} {BODY}"
    got = labelled(text, flags_of(nlp, text), "duplicate_headline")
    assert got == [HEAD]


def test_flags_headline_not_repeated_gives_nothing(nlp: Language) -> None:
    text = f"{HEAD}\n\n{BODY}"
    assert labelled(text, flags_of(nlp, text), "duplicate_headline") == []
