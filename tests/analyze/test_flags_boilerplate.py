"""Boilerplate: template lines of many shapes, found by features rather than one phrase list."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from flag_helpers import flags_of, labelled

if TYPE_CHECKING:
    from spacy.language import Language


HEAD = "Glenfield Water Board Raises Rates for Second Year"
P1 = (
    "The Glenfield water board voted on Monday to raise household rates by 6 percent, "
    "the second increase in as many years, board chair Imogen Tate said."
)
P2 = (
    "Tate said the money would pay for replacing cast-iron mains laid in the 1950s, "
    "which have burst eleven times since January."
)
P3 = "Residents will see the change on bills from September, the board said in a statement."


@pytest.mark.parametrize(
    "line",
    [
        "Trending Now",
        "More From The Glenfield Gazette",
        "Recommended For You",
        "Don't Miss",
        "ALSO SEE: Harbour Authority Names New Pilot Chief",
        "Read next: Ferry Fares Frozen Until Spring",
        "Sign up for our free morning briefing",
        "Follow us on Mastodon for the latest updates",
        "Tap here to get alerts on your phone",
    ],
)
def test_flags_boilerplate_template_lines(nlp: Language, line: str) -> None:
    text = f"{HEAD}\n\n{P1}\n\n{line}\n\n{P2}\n\n{P3}"
    assert labelled(text, flags_of(nlp, text), "boilerplate") == [line]


@pytest.mark.parametrize("tail", ["Most Popular", "Stories You Might Have Missed", "Comments"])
def test_flags_boilerplate_glued_onto_last_sentence(nlp: Language, tail: str) -> None:
    text = f"{HEAD}\n\n{P1}\n\n{P2}\n\n{P3}{tail}"
    assert labelled(text, flags_of(nlp, text), "boilerplate") == [tail]


def test_flags_boilerplate_tail_link_list(nlp: Language) -> None:
    tail = "Related Coverage\n\nCity Hall Opens New Cycle Lanes\n\nLibrary Extends Weekend Hours"
    text = f"{HEAD}\n\n{P1}\n\n{P2}\n\n{P3}\n\n{tail}"
    got = labelled(text, flags_of(nlp, text), "boilerplate")
    assert got == ["Related Coverage", "City Hall Opens New Cycle Lanes", "Library Extends Weekend Hours"]


@pytest.mark.parametrize(
    "line",
    [
        "Reporting by Oskar Lind; Editing by Farah Nadeem",
        "Copyright 2026 Glenfield Gazette. All rights reserved.",
        "Mira Castellan is a staff reporter at the Glenfield Gazette covering local government.",
    ],
)
def test_flags_boilerplate_credits_and_bios_at_the_end(nlp: Language, line: str) -> None:
    text = f"{HEAD}\n\n{P1}\n\n{P2}\n\n{P3}\n\n{line}"
    assert labelled(text, flags_of(nlp, text), "boilerplate") == [line]


@pytest.mark.parametrize(
    "prompt",
    [
        "Subscribe to our weekly newsletter",
        "Join our Signal channel",
        "Top Stories",
        "You Might Also Enjoy",
        "SHARE THIS STORY",
    ],
)
def test_flags_boilerplate_prompt_glued_into_a_paragraph(nlp: Language, prompt: str) -> None:
    text = f"{HEAD}\n\n{P1}\n\n{prompt} {P2}\n\n{P3}"
    assert labelled(text, flags_of(nlp, text), "boilerplate") == [prompt]


def test_flags_boilerplate_leaves_news_prose_alone(nlp: Language) -> None:
    extra = [
        "The story is developing.",
        "Read the full report, the chair told residents, before the hearing.",
        "More than 300 households signed the petition.",
        "Share prices of the utility's parent rose 2 percent.",
    ]
    text = f"{HEAD}\n\n{P1}\n\n" + "\n\n".join(extra) + f"\n\n{P2}\n\n{P3}"
    assert labelled(text, flags_of(nlp, text), "boilerplate") == []
