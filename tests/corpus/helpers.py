"""Invented articles and hand-made analyses for the store tests (no spaCy needed)."""

from __future__ import annotations

import datetime as dt

from wiretrace.corpus.keys import to_stored
from wiretrace.corpus.types import BatchItem
from wiretrace.extract import article_from_text
from wiretrace.model import Analysis, Article, Flag, Match, Quote, Span, Speaker, Summary

PIER = (
    "The Harbour Board of Vellmar approved the new deep-water pier on Monday. "
    '"This is a turning point for our town," Mayor Ilse Dorn said.'
)
PLUMS = (
    "Plum growers in the Oskbury valley harvested a record crop, "
    "said Bertil Rask of the growers' association."
)
TUNNEL = (
    "Rail operator Lindqvist Freight will suspend night services through the Sorrel tunnel for six weeks."
)


def article(ident: str, text: str, **meta: str) -> Article:
    a = article_from_text(text, id=ident, **meta)
    return a.model_copy(update={"language": "en"})


def analysis_of(a: Article) -> Analysis:
    """An analysis with one quote (speaker from the text), one flag and one match, at real offsets."""
    start = a.text.index('"') + 1 if '"' in a.text else 0
    end = a.text.index('"', start) if '"' in a.text[start:] else min(len(a.text), 20)
    cue = a.text.rfind("said")
    speaker = "Ilse Dorn" if "Dorn" in a.text else "Bertil Rask"
    quote = Quote(
        span=Span(start=start, end=end),
        kind="direct",
        cue=Span(start=cue, end=cue + 4) if cue >= 0 else None,
        speaker=Speaker(name=speaker, kind="person"),
        confidence=0.9,
    )
    flag = Flag(label="spinning", span=Span(start=0, end=10), score=0.7, reason="a reworded term")
    match = Match(
        span=Span(start=0, end=12),
        source_id="wire-0",
        source_span=Span(start=3, end=15),
        similarity=0.9,
        transform=["verbatim"],
        source_published=dt.date(2031, 3, 30),
    )
    return Analysis(
        article=a,
        stages=["quotes.v1"],
        quotes=[quote],
        flags=[flag],
        matches=[match],
        summary=Summary(verdict="ok"),
    )


def item(a: Article, analysed: bool = False, fingerprint: bytes | None = b"fp") -> BatchItem:
    return BatchItem(to_stored(a), fingerprint, analysis_of(a) if analysed else None)
