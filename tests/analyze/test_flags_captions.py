"""Captions: scene descriptions with place and date, credits, file-photo markers; merged or alone."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from flag_helpers import flags_of, labelled

if TYPE_CHECKING:
    from spacy.language import Language


HEAD = "Port Ellis Dockworkers End Three-Day Strike"
P1 = (
    "Dockworkers in Port Ellis returned to work on Wednesday after union leaders accepted a "
    "revised pay offer, ending a three-day strike that idled the container terminal."
)
P2 = "Union secretary Tomas Brandt said members had voted 412 to 97 in favour of the deal."
P3 = "The port authority said it expected the backlog of ships to clear by the weekend."


@pytest.mark.parametrize(
    "caption",
    [
        "Union secretary Tomas Brandt speaks to reporters outside the terminal in Port Ellis, Maine, "
        "Wednesday, June 3, 2026.",
        "Dockworkers walk past idle cranes at the container terminal. (Photo: Lucia Ferreira/Coastal Herald)",
        "File photo taken on May 2, 2025 shows cargo ships waiting outside Port Ellis harbour.",
        "Cranes stand idle at the Port Ellis terminal. Getty Images",
        "A general view of the Port Ellis container terminal, June 1, 2026.",
        "Strikers gather at the terminal gate. Northwind/Abel Okoro",
        "Cranes stand idle at the terminal. ABEL OKORO/NORTHWIND",
        "Dockworkers vote at the union hall in Port Ellis, Maine, in this picture taken June 2, 2026.",
    ],
)
def test_flags_caption_standalone_lines(nlp: Language, caption: str) -> None:
    text = f"{HEAD}\n\n{P1}\n\n{caption}\n\n{P2}\n\n{P3}"
    assert labelled(text, flags_of(nlp, text), "caption") == [caption]


def test_flags_caption_merged_into_paragraph_flags_only_the_caption(nlp: Language) -> None:
    caption = (
        "Port authority director Elin Sorensen attends a briefing in Port Ellis, Maine, "
        "Tuesday, June 2, 2026."
    )
    text = f"{HEAD}\n\n{P1}\n\n{caption} {P2}\n\n{P3}"
    assert labelled(text, flags_of(nlp, text), "caption") == [caption]


@pytest.mark.parametrize(
    "credit",
    [
        pytest.param(
            "(Photo: Lucia Ferreira/Coastal Herald)",
            # find_captions finds it; the off-topic flag (higher score) now claims the whole paragraph
            marks=pytest.mark.xfail(
                reason="off-topic claims the paragraph the credit is glued to", strict=False
            ),
        ),
        "NORTHWIND/Abel Okoro",
        "Getty Images",
    ],
)
def test_flags_caption_credit_glued_to_the_next_sentence(nlp: Language, credit: str) -> None:
    text = f"{HEAD}\n\n{P1}\n\n{credit} {P2}\n\n{P3}"
    assert labelled(text, flags_of(nlp, text), "caption") == [credit]


def test_flags_caption_position_markers(nlp: Language) -> None:
    caption = "Tomas Brandt (C) talks with dockworkers at the terminal gate in Port Ellis, June 3, 2026."
    text = f"{HEAD}\n\n{P1}\n\n{caption}\n\n{P2}\n\n{P3}"
    assert labelled(text, flags_of(nlp, text), "caption") == [caption]


def test_flags_caption_leaves_dated_news_sentences_alone(nlp: Language) -> None:
    extra = [
        "The contract runs until March 31, 2029.",
        "Brandt said the union had last struck on Friday, October 9, 2020.",
        "The offer expires on Monday, June 8, 2026, the authority said.",
    ]
    text = f"{HEAD}\n\n{P1}\n\n" + "\n\n".join(extra) + f"\n\n{P2}\n\n{P3}"
    assert labelled(text, flags_of(nlp, text), "caption") == []
