"""Boilerplate: template lines of many shapes, found by features rather than one phrase list."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from flag_helpers import flags_of, labelled
from wiretrace.analyze.integrity.detect import detect_flags
from wiretrace.extract import article_from_html
from wiretrace.extract.html import LineLayout, dump_layout, register_layout
from wiretrace.extract.language import with_language
from wiretrace.model import Flag
from wiretrace.settings import FlagSettings

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


def _html_flags(nlp: Language, inner: str) -> tuple[str, list[Flag]]:
    """Flags of a page built in the test, with the markup evidence extraction hands to the detectors."""
    html = f"<html><head><title>{HEAD}</title></head><body><article>{inner}</article></body></html>"
    article = with_language(article_from_html(html, "test", {}))
    return article.text, detect_flags(article, nlp(article.text), FlagSettings())


HTML_BODY = "".join(f"<p>{p}</p>" for p in (P1, P2, P3, P1.replace("Monday", "Friday")))


def test_flags_boilerplate_link_lines_by_markup(nlp: Language) -> None:
    # evidence as extraction records it for a page whose link lines trafilatura kept
    links = ["Harbour Pilots Win Pay Rise", "Ferry Fares Frozen Until Spring"]
    inline = "Tate said the board would publish the accounts in March."
    text = f"{P1}\n\n{links[0]}\n\n{links[1]}\n\n{P2}\n\n{inline}\n\n{P3}"
    rows = [LineLayout(text.index(t), text.index(t) + len(t), "para", 1.0, "") for t in links]
    rows.append(LineLayout(text.index(inline), text.index(inline) + len(inline), "para", 0.1, ""))
    register_layout(text, dump_layout(rows))
    assert labelled(text, flags_of(nlp, text), "boilerplate") == links


def test_flags_boilerplate_html_sub_heading_is_not_boilerplate(nlp: Language) -> None:
    inner = HTML_BODY + "<h2>What Comes Next</h2>" + HTML_BODY
    text, flags = _html_flags(nlp, inner)
    assert "What Comes Next" in text
    assert labelled(text, flags, "boilerplate") == []


@pytest.mark.parametrize(("kind", "flagged"), [("para", True), ("quote", False)])
def test_flags_boilerplate_quoted_post_at_the_end_is_kept(nlp: Language, kind: str, flagged: bool) -> None:
    # an embedded post the article quotes, after the last body sentence: its picture link looks
    # like furniture in a paragraph, but inside a blockquote it is quoted text
    post = ["Who pays for the new mains if the board will not? pic.twitter.com/x7Yb2Qa"]
    post.append("\u2014 Imogen Tate (@imogentate) March 3, 2026")
    text = f"{P1}\n\n{P2}\n\n{P3}\n\n" + "\n\n".join(post) + " " * (kind == "quote")
    rows = [LineLayout(text.index(t), text.index(t) + len(t), kind, 0.0, "") for t in (P1, P2, P3, *post)]
    register_layout(text, dump_layout(rows))
    assert bool(labelled(text, flags_of(nlp, text), "boilerplate")) is flagged


def test_flags_boilerplate_flags_never_remove_body_text_on_other_languages(nlp: Language) -> None:
    body = (
        "<p>Der Wasserverband von Glenfield hat am Montag die Gebühren für Haushalte um sechs Prozent "
        "erhöht, zum zweiten Mal in zwei Jahren, sagte die Vorsitzende Imogen Tate.</p>"
        "<p>Das Geld soll den Ersatz alter Leitungen aus den fünfziger Jahren bezahlen.</p>"
    ) * 3
    text, flags = _html_flags(nlp, body)
    assert labelled(text, flags, "boilerplate") == []
    assert labelled(text, flags, "caption") == []


@pytest.mark.parametrize(
    "line",
    [
        "Like this story? Share it with your friends!",
        "Updated 10:42 GMT 03/06/2026",
        "Tips? Write to Oskar Lind at oskar.lind@glenfield-gazette.example",
    ],
)
def test_flags_boilerplate_edge_furniture_after_the_article(nlp: Language, line: str) -> None:
    text = f"{HEAD}\n\n{P1}\n\n{P2}\n\n{P3}\n\n{line}"
    assert labelled(text, flags_of(nlp, text), "boilerplate") == [line]


def test_flags_boilerplate_question_in_quotes_is_speech(nlp: Language) -> None:
    line = '"Would you pay more for cleaner water?" Tate asked the residents.'
    text = f"{HEAD}\n\n{P1}\n\n{P2}\n\n{P3}\n\n{line}"
    assert labelled(text, flags_of(nlp, text), "boilerplate") == []
