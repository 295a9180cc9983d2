"""HTML extraction: inline link text survives, the headline leaves the body, markup evidence per line."""

from __future__ import annotations

import lxml.html

from wiretrace.extract import article_from_html
from wiretrace.extract.html import (
    HEADINGS_KEY,
    LAYOUT_KEY,
    LineLayout,
    layout_lines,
    page_blocks,
    parse_layout,
)

BODY = "".join(
    f"<p>The harbour council of Port Ellis met on {day} to discuss the new ferry timetable and "
    f"the cost of dredging the eastern channel before the winter storms.</p>"
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
)


def _page(inner: str, title: str = "Port Ellis Council Debates Ferry Timetable") -> str:
    return f"<html><head><title>{title}</title></head><body><article>{inner}</article></body></html>"


def test_html_inline_link_text_after_an_empty_element_is_kept() -> None:
    # trafilatura's precision mode drops an empty element together with the text after it
    para = (
        '<p>Support was strongest for <a href="/people/ines-valdor"><i class="icon"></i>Ines Valdor</a>, '
        "the harbour master, the survey found.</p>"
    )
    a = article_from_html(_page(BODY + para + BODY), "t", {})
    assert "strongest for Ines Valdor, the harbour master" in a.text


def test_html_headline_and_standfirst_are_not_body_text() -> None:
    inner = (
        "<h1>Port Ellis Council Debates Ferry Timetable</h1>"
        "<h2>Dredging costs dominate a long evening session</h2>" + BODY
    )
    a = article_from_html(_page(inner), "t", {})
    assert a.title == "Port Ellis Council Debates Ferry Timetable"
    assert a.text.startswith("The harbour council")
    assert a.metadata[HEADINGS_KEY] == "Dredging costs dominate a long evening session"


def test_html_sub_heading_inside_the_body_stays() -> None:
    inner = BODY + "<h2>What happens next</h2>" + BODY
    a = article_from_html(_page(inner), "t", {})
    assert "\n\nWhat happens next\n\n" in a.text
    kinds = {a.text[x.start : x.end]: x.kind for x in parse_layout(a.metadata[LAYOUT_KEY])}
    assert kinds["What happens next"] == "heading"


def _layout(inner: str, text: str) -> dict[str, LineLayout]:
    tree = lxml.html.document_fromstring(_page(inner))
    rows = layout_lines(text, page_blocks(tree))
    assert all(text[x.start : x.end] == text[x.start : x.end].strip() for x in rows)
    return {text[x.start : x.end]: x for x in rows}


def test_html_layout_link_share_per_line() -> None:
    teaser = "Lighthouse keeper retires after forty years on Gull Rock"
    inline = "The council will vote on the timetable in March."
    inner = f'<p><a href="/news/other-story">{teaser}</a></p><p>{inline[:-6]}<a href="/x">March</a>.</p>'
    got = _layout(inner, f"{teaser}\n\n  {inline}\n")
    assert got[teaser].links == 1.0
    assert 0 < got[inline].links < 0.3


def test_html_class_names_mark_caption_and_template_boxes() -> None:
    caption = "Ferries wait at the eastern pier."
    prompt = "Get the harbour briefing in your inbox every morning."
    body = "The harbour council met on Monday."
    inner = (
        f'<div class="imageCaptionText">{caption}</div>'
        f'<div class="newsletter-box"><p>{prompt}</p></div><div class="story"><p>{body}</p></div>'
    )
    got = _layout(inner, f"{body}\n{caption}\n{prompt}")
    assert got[caption].box == "caption"
    assert got[prompt].box == "template"
    assert got[body].box == ""


def test_html_malformed_layout_is_ignored() -> None:
    assert parse_layout("not json") == []
    assert parse_layout('[["x"]]') == []
    assert parse_layout(None) == []
