"""Page repairs before trafilatura: markup patterns that make a main-text extractor take too much or
too little, recognised by how pages are built rather than by any site's wording.

- **Nested articles.** By the HTML standard an ``<article>`` inside another is related content (teasers
  of other posts, comments); when the outer article has its own text besides, the inner ones are not
  its body.
- **Hover cards.** A name in a sentence may carry a hidden pop-up card (a picture and a list of links)
  inside the paragraph; its text would be read into the sentence.
- **A body split into chunks.** Some templates cut the body into several sibling containers with the
  same class (ads between them); an extractor that picks one container keeps only the first chunk.
  The chunks are joined into the first.
- **Embedded posts.** A quoted social-media post (``<blockquote class="twitter-tweet">``) sits in an
  embed wrapper that extractors discard as a widget, although the article quotes it. The quote is
  lifted out of its wrapper and kept as a plain blockquote.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"[a-z]+")
# Class tokens of the embed markup social networks publish for quoting a post.
_EMBED_TOKENS = frozenset({"tweet", "twitter", "instagram", "tiktok", "bluesky", "threads", "mastodon"})
_COMMENT = re.compile(r"comment", re.I)
# A chunk of body prose: a paragraph this long is never a teaser or a widget.
_PROSE_CHARS = 150


def _text_len(el: HtmlElement) -> int:
    return len(_SPACE.sub(" ", el.text_content()).strip())


def _tokens(el: HtmlElement) -> set[str]:
    return set(_TOKEN.findall(f"{el.get('class', '')} {el.get('id', '')}".lower()))


def drop_nested_articles(tree: HtmlElement) -> int:
    """Remove ``<article>`` elements nested in an article that has text of its own besides them."""
    dropped = 0
    for outer in list(tree.iter("article")):
        if outer.getparent() is None or any(a.tag == "article" for a in outer.iterancestors()):
            continue
        inner = [a for a in outer.iterdescendants("article")]
        if not inner:
            continue
        top = [a for a in inner if not any(p in inner for p in a.iterancestors())]
        nested = sum(_text_len(a) for a in top)
        if _text_len(outer) - nested < _PROSE_CHARS:
            continue  # the outer element only wraps them: the inner article is the article
        for a in top:
            if a.getparent() is not None:
                a.drop_tree()
                dropped += 1
    return dropped


def _is_card(span: HtmlElement) -> bool:
    return next(span.iter("img"), None) is not None and sum(1 for _ in span.iter("a")) >= 2


def drop_hover_cards(tree: HtmlElement) -> int:
    """Remove inline pop-up cards (an image and several links inside a span) from paragraphs, with the
    spans that only wrap them; the linked name the card belongs to stays in the sentence."""
    cards: list[HtmlElement] = []
    for p in tree.iter("p"):
        for span in p.iterdescendants("span"):
            if not _is_card(span) or any(_is_card(d) for d in span.iterdescendants("span")):
                continue  # the innermost card only
            size = _text_len(span)
            top = span
            for anc in span.iterancestors():
                if anc.tag != "span" or _text_len(anc) > size:
                    break
                top = anc
            cards.append(top)
    for span in cards:
        if span.getparent() is not None:
            span.drop_tree()
    return len(cards)


def _prose_paragraphs(el: HtmlElement) -> int:
    return sum(1 for c in el if c.tag == "p" and _text_len(c) >= _PROSE_CHARS)


def join_body_chunks(tree: HtmlElement) -> int:
    """Join sibling-class body containers of prose into the first one; returns how many were joined."""
    groups: dict[tuple[str, str, HtmlElement | None], list[HtmlElement]] = defaultdict(list)
    for el in tree.iter("div", "section"):
        cls = _SPACE.sub(" ", el.get("class", "")).strip()
        if not cls or _COMMENT.search(cls) or _prose_paragraphs(el) == 0:
            continue
        # chunks of one body share the container above them (or the one above that)
        parent = el.getparent()
        groups[(str(el.tag), cls, parent.getparent() if parent is not None else None)].append(el)
    joined = 0
    for members in groups.values():
        if len(members) < 2 or any(m in members for x in members for m in x.iterancestors()):
            continue
        first = members[0]
        for other in members[1:]:
            for child in list(other):
                first.append(child)
            parent = other.getparent()
            if parent is not None:
                parent.remove(other)  # its children moved; any tail text stays with the parent's flow
            joined += 1
    return joined


def lift_embedded_posts(tree: HtmlElement) -> int:
    """Take quoted social posts out of their widget wrappers, as plain blockquotes."""
    lifted = 0
    for bq in list(tree.iter("blockquote")):
        if not _tokens(bq) & _EMBED_TOKENS:
            continue
        size = _text_len(bq)
        if size == 0:
            continue
        # the outermost wrapper that adds no text of its own
        wrapper = bq
        for anc in bq.iterancestors():
            if anc.tag in ("p", "body", "article", "main") or _text_len(anc) > size:
                break
            wrapper = anc
        for attr in ("class", "id"):
            bq.attrib.pop(attr, None)
        if wrapper is not bq:
            parent = wrapper.getparent()
            if parent is None:
                continue
            bq.tail = wrapper.tail
            parent.replace(wrapper, bq)
        lifted += 1
    return lifted


def repair_page(tree: HtmlElement) -> None:
    """Every repair, in an order where each sees the page the previous one left."""
    drop_nested_articles(tree)
    drop_hover_cards(tree)
    lift_embedded_posts(tree)
    join_body_chunks(tree)
