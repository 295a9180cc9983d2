"""Quote units: the sentence-sized pieces of an article's quotes that are compared across outlets.

A long quote (a resignation speech) is carried whole by one outlet and in single sentences by others,
so quotes are compared sentence by sentence: each quote (and each partial quote nested in a reported
one) is cut at sentence ends, and every piece with enough words becomes a unit. Offsets stay offsets
into the article text; the unit's words are computed from them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from wiretrace.model import Analysis, Quote
from wiretrace.reuse.normalize import split_sentences
from wiretrace.stories.features import tokens

MIN_WORDS = 3
LONG_QUOTE_SENTENCES = 1
_MARKS = "\"'“”‘’«»„ \n\t"
_SPELLING = (("isation", "ization"), ("ised", "ized"), ("ising", "izing"), ("our", "or"), ("’", "'"))


@dataclass(frozen=True, slots=True)
class QuoteUnit:
    article_id: str
    start: int
    end: int
    text: str
    speaker: str | None
    kind: str
    quote: int
    content: frozenset[str]
    normal: str
    in_title: bool = False

    @classmethod
    def of(
        cls, article_id: str, start: int, end: int, text: str, speaker: str | None, kind: str, quote: int
    ) -> QuoteUnit:
        """A unit of ``text`` (the article's characters ``start:end``), its words computed from it."""
        return cls(article_id, start, end, text, speaker, kind, quote, content_words(text), normal_form(text))


@dataclass(slots=True)
class UnitGroup:
    """A group before it becomes a model record: its units and the kinds of the links inside it."""

    story: str
    units: list[QuoteUnit]
    links: Counter[str] = field(default_factory=Counter)
    # speaker names the story's articles tie together ("CrowdStrike CEO George Kurtz"): not a disagreement
    affiliated: frozenset[frozenset[str]] = frozenset()


def normal_form(text: str) -> str:
    """Lowercase words only, British spellings folded to American: what fuzzy comparison reads."""
    low = text.lower()
    for old, new in _SPELLING:
        low = low.replace(old, new)
    return " ".join(re.findall(r"\w+", low))


def _stem(word: str) -> str:
    # A light plural/inflection fold so "communications" meets "communication".
    for suffix in ("ing", "es", "s", "ed"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in tokens(normal_form(text)))


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _MARKS:
        start += 1
    while end > start and text[end - 1] in _MARKS:
        end -= 1
    return start, end


def _pieces(text: str, quote: Quote) -> list[tuple[int, int]]:
    """A quote (each piece of it) of one sentence stays whole; a longer one is cut into sentences,
    which outlets carry one by one (``quote_parts.join_parts`` joins a statement of two sentences
    again when outlets carry them together)."""
    out = []
    for span in quote.pieces or [quote.span]:
        body = text[span.start : span.end]
        sentences = split_sentences(body)
        if len(sentences) <= LONG_QUOTE_SENTENCES:
            out.append(trimmed(text, span.start, span.end))
            continue
        for s, e in sentences:
            out.append(trimmed(text, span.start + s, span.start + e))
    return out


def named_speaker(quote: Quote) -> str | None:
    """The speaker's name when it is a named person or organisation ("a review", "the company" and
    anonymous sources say nothing about who spoke); else the name an indexed source gives."""
    sp = quote.speaker
    named = sp is not None and sp.kind in ("person", "organization") and sp.name[:1].isupper()
    if sp is not None and named and sp.name.split()[0].lower() not in ("the", "a", "an"):
        return sp.name
    if quote.source_attribution is not None:
        return quote.source_attribution.name
    return None


def units_of(analysis: Analysis, *, short: bool = False) -> list[QuoteUnit]:
    """Every sentence-sized piece of every quote in the article, nested partial quotes included. With
    ``short``, instead, the quotes too short to be compared on their own (two words, both content
    words: a scare quote, a catchphrase), which join a group only as a verbatim part of a member."""
    text = analysis.article.text
    title = analysis.article.title
    title_end = len(title) if title and text.startswith(title) else 0
    out: list[QuoteUnit] = []
    seen: set[tuple[int, int]] = set()

    def add(quote: Quote, index: int) -> None:
        speaker = named_speaker(quote)
        for start, end in _pieces(text, quote):
            piece = text[start:end]
            words = content_words(piece)
            if (start, end) in seen or len(words) < 2 or (len(piece.split()) < MIN_WORDS) != short:
                continue
            seen.add((start, end))
            out.append(
                QuoteUnit(
                    analysis.article.id,
                    start,
                    end,
                    piece,
                    speaker,
                    quote.kind,
                    index,
                    words,
                    normal_form(piece),
                    start < title_end,
                )
            )

    for index, quote in enumerate(analysis.quotes):
        add(quote, index)
        for inner in quote.nested:
            add(inner, index)
    return out
