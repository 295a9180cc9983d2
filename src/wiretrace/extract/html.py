"""Main text from HTML with trafilatura, plus what the page's markup says about each extracted line.

Two things trafilatura does not give us are handled here:

- With ``favor_precision`` trafilatura deletes empty inline elements *with their tail text*, so a name
  after an empty ``<span>`` or icon inside a link vanishes ("especially high for ."). Empty elements are
  dropped beforehand, keeping their tails, which is what its balanced mode does.
- Its text loses the markup. The integrity detectors are more reliable when they know, per line, the
  element it came from (heading, list item, figure caption), how much of it was link text and whether the
  page's own class names mark it as a caption or as a template block. That evidence is matched back to
  the extracted lines and stored as ``LineLayout`` records whose offsets point into the article text.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import xxhash

from wiretrace.lexicons import load

if TYPE_CHECKING:
    from lxml.html import HtmlElement

LAYOUT_KEY = "layout"
HEADINGS_KEY = "headings"


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


# Elements whose text becomes one extracted line.
_BLOCKS = _tags(
    "p li h1 h2 h3 h4 h5 h6 figcaption caption blockquote td th dd dt pre div section span "
    "header footer aside summary label cite small strong b em a"
)
_HEADINGS = _tags("h1 h2 h3 h4 h5 h6")
_SPACE = re.compile(r"\s+")
_CLASS_TOKEN = re.compile(r"[a-z]+")
# A container with more text than this is the article itself, not a box inside it.
_SMALL_BOX_CHARS = 1500
_MAX_ANCESTORS = 4


@dataclass(frozen=True)
class LineLayout:
    """Markup evidence for one line of the article text: ``[start, end)`` is a line of ``Article.text``.

    ``kind``: heading, item, caption (figcaption, table caption), quote, cell or para.
    ``links``: share of the line's characters that were link text (0..1).
    ``box``: "caption" or "template" when the class names of the element or a small box around it
    say so (``wp-caption-text``, ``related-links``, ``newsletter-signup``), else "".
    """

    start: int
    end: int
    kind: str
    links: float
    box: str


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def drop_empty_elements(tree: HtmlElement) -> None:
    """Remove empty elements trafilatura would prune, keeping the text that follows them."""
    # the same element set trafilatura's precision mode prunes with their tails
    from trafilatura.settings import CUT_EMPTY_ELEMS

    empty = [e for e in tree.iter() if isinstance(e.tag, str) and e.tag in CUT_EMPTY_ELEMS]
    for el in empty:
        if el.text is None and len(el) == 0 and el.getparent() is not None:
            el.drop_tree()  # lxml keeps the tail


@dataclass(frozen=True)
class _Block:
    text: str
    kind: str
    links: tuple[str, ...]
    box: str


def _kind(el: HtmlElement) -> str:
    tag = str(el.tag)
    ancestors = {str(a.tag) for a in el.iterancestors()}
    if tag in ("figcaption", "caption") or "figcaption" in ancestors:
        return "caption"
    if tag in _HEADINGS or ancestors & _HEADINGS:
        return "heading"
    if tag in ("li", "dd", "dt") or "li" in ancestors:
        return "item"
    if tag == "blockquote" or "blockquote" in ancestors:
        return "quote"
    if tag in ("td", "th"):
        return "cell"
    return "para"


def _names_any(tokens: list[str], words: frozenset[str]) -> bool:
    """A class token is, or (for words of five letters or more) contains, one of ``words``:
    class names glue words together ("imagecaption", "relatedposts")."""
    return any(t in words or any(len(w) >= 5 and w in t for w in words) for t in tokens)


def _box(el: HtmlElement, sizes: dict[HtmlElement, int]) -> str:
    """What the class names of the element and the small boxes around it call it."""
    caption_words, template_words = load("extract_caption_classes"), load("extract_template_classes")
    node: HtmlElement | None = el
    for _ in range(_MAX_ANCESTORS + 1):
        if node is None or not isinstance(node.tag, str) or node.tag in ("body", "html", "article", "main"):
            break
        size = sizes.get(node)
        if size is None:
            size = sizes[node] = len(_norm(node.text_content()))
        if size > _SMALL_BOX_CHARS:
            break
        tokens = _CLASS_TOKEN.findall(f"{node.get('class', '')} {node.get('id', '')}".lower())
        if _names_any(tokens, caption_words):
            return "caption"
        if _names_any(tokens, template_words):
            return "template"
        node = node.getparent()
    return ""


def _blocks(tree: HtmlElement) -> Iterator[_Block]:
    # keyed by the element itself: the dict keeps lxml's proxies alive, so keys stay stable
    sizes: dict[HtmlElement, int] = {}
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag not in _BLOCKS:
            continue
        text = _norm(el.text_content())
        if not text or len(text) > 20_000:
            continue
        links = tuple(t for a in el.iter("a") if (t := _norm(a.text_content())))
        if el.tag == "a":
            links = (text,)
        yield _Block(text, _kind(el), links, _box(el, sizes))


def page_blocks(tree: HtmlElement) -> list[_Block]:
    """Every text-bearing element of the page with its evidence (call before trafilatura edits the tree)."""
    return list(_blocks(tree))


def leading_headings(lines: list[str], blocks: list[_Block], *, most: int = 2) -> int:
    """How many of the first lines are headings in the markup (the headline and a standfirst), with
    body text after them: nothing precedes them, so they title the article rather than divide it."""
    kinds = {b.text: b.kind for b in reversed(blocks)}  # the first element with a text wins
    n = 0
    while n < min(most, len(lines) - 1) and kinds.get(_norm(lines[n])) == "heading":
        n += 1
    return n if n < len(lines) and kinds.get(_norm(lines[n])) != "heading" else 0


def layout_lines(text: str, blocks: list[_Block]) -> list[LineLayout]:
    """Match each line of the extracted text to the smallest page element whose text holds it."""
    by_text: dict[str, _Block] = {}
    for b in blocks:
        by_text.setdefault(b.text, b)  # document order: the first element with that exact text
    ordered = sorted(blocks, key=lambda b: len(b.text))
    lengths = [len(b.text) for b in ordered]
    out: list[LineLayout] = []
    pos = 0
    for raw in text.split("\n"):
        start, pos = pos, pos + len(raw) + 1
        line = _norm(raw)
        if not line:
            continue
        lead = len(raw) - len(raw.lstrip())
        block = by_text.get(line) or next(
            (b for b in ordered[bisect_left(lengths, len(line)) :] if line in b.text), None
        )
        if block is None:
            continue
        linked = sum(len(t) for t in block.links if t in line)
        share = min(1.0, linked / len(line))
        end = start + lead + len(raw.strip())
        out.append(LineLayout(start + lead, end, block.kind, round(share, 2), block.box))
    return out


def dump_layout(lines: list[LineLayout]) -> str:
    return json.dumps([[x.start, x.end, x.kind, x.links, x.box] for x in lines], separators=(",", ":"))


def parse_layout(value: str | None) -> list[LineLayout]:
    """The layout records stored in ``Article.metadata``; malformed data gives none (it is only evidence)."""
    if not value:
        return []
    try:
        rows: Any = json.loads(value)
        return [LineLayout(int(a), int(b), str(k), float(li), str(bx)) for a, b, k, li, bx in rows]
    except (ValueError, TypeError):
        return []


# The integrity detectors receive the text and its Doc, not the Article (their call signature is
# shared with other detectors), so the evidence in ``Article.metadata`` is handed over by text digest:
# article preparation (``extract.language.with_language``, run by the pipeline on every article)
# registers it and ``segments.segment`` looks it up. Bounded: only articles in flight matter.
_REGISTRY: OrderedDict[str, str] = OrderedDict()
_REGISTRY_SIZE = 512


def _digest(text: str) -> str:
    return xxhash.xxh3_128_hexdigest(text.encode("utf-8"))


def register_layout(text: str, value: str | None) -> None:
    if not value:
        return
    key = _digest(text)
    _REGISTRY[key] = value
    _REGISTRY.move_to_end(key)
    while len(_REGISTRY) > _REGISTRY_SIZE:
        _REGISTRY.popitem(last=False)


def layout_for(text: str) -> list[LineLayout]:
    """The layout registered for exactly this text, or none (plain-text input has none)."""
    return parse_layout(_REGISTRY.get(_digest(text)))
