"""The part of a very long text the analysis covers (``nlp.parse_chars``, issue 13).

The spaCy parse costs about the same per character at any length, and so does each stage after it, so
a text of a million characters would take minutes. Above ``nlp.parse_chars`` characters the text is
parsed, and every stage runs, up to a cut at a paragraph break at or before that many characters (else
a line break, a sentence end or a space: the cut ``nlp.chunk_bounds`` makes). The Analysis keeps the
whole article text; every annotation lies before the cut, and a ``W062`` warning says where the
analysis stopped and how many characters it left out. Texts up to the limit, every news article, are
analysed whole, exactly as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wiretrace.model import Article, Match, Notice, Span
from wiretrace.nlp import chunk_bounds

if TYPE_CHECKING:
    from spacy.tokens import Doc

CAP_CODE = "W062"


def scope_end(text: str, limit: int) -> int:
    """Where the analysed part of ``text`` ends: ``len(text)`` when it fits in ``limit`` characters."""
    if len(text) <= limit:
        return len(text)
    return chunk_bounds(text, limit)[0][1]


def doc_chars(doc: Doc) -> int:
    """The length of the text ``doc`` was made from (without rebuilding ``Doc.text``)."""
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


def scoped(article: Article, end: int) -> Article:
    """``article`` cut at ``end``: its text and paragraphs up to there (the same offsets)."""
    paragraphs = [
        Span(start=p.start, end=min(p.end, end))
        for p in article.paragraphs
        if p.start < end and p.end > p.start
    ]
    return article.model_copy(update={"text": article.text[:end], "paragraphs": paragraphs})


def scoped_matches(matches: list[Match], end: int) -> list[Match]:
    """The provenance matches that lie inside the analysed part."""
    return [m for m in matches if m.span.end <= end]


def cap_notice(total: int, end: int, limit: int) -> Notice:
    return Notice(
        code=CAP_CODE,
        message=f"the text has {total:,} characters, over the analysis limit of {limit:,} (settings: "
        f"nlp.parse_chars): the stages covered characters 0-{end:,} (cut at a paragraph break) and "
        f"left the last {total - end:,} unanalysed",
    )
