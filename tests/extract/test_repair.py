"""Page repairs before main-text extraction (invented pages)."""

from __future__ import annotations

from lxml import html

from wiretrace.extract import article_from_html
from wiretrace.extract.repair import (
    drop_hover_cards,
    drop_nested_articles,
    join_body_chunks,
    lift_embedded_posts,
)

_PROSE = (
    "The harbour board of Velmora met on Tuesday evening to discuss the dredging plan that the port "
    "authority proposed last spring, and members spent two hours on the cost estimates. "
)


def _tree(body: str) -> html.HtmlElement:
    return html.fromstring(f"<html><body>{body}</body></html>")


def test_repair_nested_teaser_articles_are_dropped() -> None:
    tree = _tree(
        f"<article><p>{_PROSE}</p><div><article><p>Another post about gardens and the weather "
        f"in a town far away, which readers might also like to read.</p></article></div></article>"
    )
    assert drop_nested_articles(tree) == 1
    assert "gardens" not in tree.text_content() and "harbour" in tree.text_content()


def test_repair_wrapping_article_is_kept() -> None:
    tree = _tree(f"<article><h1>Title</h1><article><p>{_PROSE}</p></article></article>")
    assert drop_nested_articles(tree) == 0
    assert "harbour" in tree.text_content()


def test_repair_hover_card_leaves_the_name() -> None:
    tree = _tree(
        '<p>The plan was backed by <span class="pop"><a href="/p/ana">Ana Ortel</a><span class="card">'
        '<img src="a.jpg"><a href="/x">Ortel opens a bakery</a> <a href="/y">Ortel wins a race</a>'
        "</span></span> and two other members.</p>"
    )
    assert drop_hover_cards(tree) == 1
    assert tree.text_content() == "The plan was backed by Ana Ortel and two other members."


def test_repair_body_chunks_are_joined_in_order() -> None:
    tree = _tree(
        '<main><div class="wrap"><div class="body-chunk"><p>First. ' + _PROSE + "</p></div></div>"
        '<div class="ad">Buy shoes</div>'
        '<div class="wrap"><div class="body-chunk"><p>Second. ' + _PROSE + "</p></div></div></main>"
    )
    assert join_body_chunks(tree) == 1
    chunks = tree.findall(".//div[@class='body-chunk']")
    assert len(chunks) == 1
    assert [p.text_content()[:6] for p in chunks[0]] == ["First.", "Second"]


def test_repair_embedded_post_leaves_its_widget() -> None:
    tree = _tree(
        f'<article><p>{_PROSE}</p><div class="embed-box"><blockquote class="twitter-tweet"><p>'
        "Dredging starts Monday!</p>- Port of Velmora (@velmoraport)</blockquote></div></article>"
    )
    assert lift_embedded_posts(tree) == 1
    bq = tree.find(".//blockquote")
    assert bq is not None and bq.get("class") is None and bq.getparent().tag == "article"


def test_repair_split_body_reaches_the_article_text() -> None:
    chunk = "".join(f"<p>Part {k}. {_PROSE}</p>" for k in range(3))
    page = (
        "<html><head><title>Dredging plan</title></head><body><main><article><h1>Dredging plan</h1>"
        f'<div class="grid"><div class="body-text">{chunk}</div></div>'
        '<div class="grid"><aside class="promo">Sponsored</aside></div>'
        f'<div class="grid"><div class="body-text">{chunk.replace("Part", "Later part")}</div></div>'
        "</article></main></body></html>"
    )
    text = article_from_html(page, "test", {}).text
    assert "Part 0." in text and "Later part 2." in text
