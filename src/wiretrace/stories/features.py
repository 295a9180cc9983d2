"""What story clustering reads from one stored Analysis: terms, entities, dates, numbers, event phase.

Everything here is a pure function of one Analysis, so features can be recomputed from the store at any
time and a re-run gives the same values. Corpus statistics (document frequencies) live in
``vectors.py``; the decision to join a story lives in ``cluster.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from wiretrace import lexicons
from wiretrace.model import Analysis

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from wiretrace.nlp import Embedder

# How much of the text the sentence embedding reads: headline and lede, where the event is named.
EMBED_CHARS = 600

_WORD = re.compile(r"[^\W\d_][\w'’\-]*[^\W_]|[^\W\d_]", re.UNICODE)
_MAGNITUDE = re.compile(
    r"magnitude(?:\s+of)?\s+(\d(?:\.\d)?)(?!\d)|(?<![\d.])(\d(?:\.\d)?)(?:\s*-\s*|\s+)magnitude", re.I
)
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


@dataclass(frozen=True, slots=True)
class Phase:
    family: str
    order: int
    name: str


@dataclass(slots=True)
class StoryFeatures:
    """Per-article inputs to the clusterer."""

    id: str
    published: dt.date | None
    when: dt.date | None
    outlet: str | None
    title: str | None
    terms: Counter[str]
    lede_terms: Counter[str]
    entities: frozenset[str]
    people: frozenset[str]
    numbers: frozenset[tuple[str, str]]
    phases: dict[str, Phase]
    retrospective: bool = False
    lede_person: str | None = None
    names: frozenset[str] = field(default_factory=frozenset)
    sources: frozenset[str] = field(default_factory=frozenset)
    embedding: NDArray[np.float16] | None = None


def _stopwords() -> frozenset[str]:
    # spaCy's English stop list is plain data in the package: no model load needed.
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


_STOP: frozenset[str] | None = None


def tokens(text: str) -> list[str]:
    """Lowercased content words (stop words and one-letter words dropped), curly apostrophes folded."""
    global _STOP
    if _STOP is None:
        _STOP = _stopwords()
    out = []
    for m in _WORD.finditer(text.lower().replace("’", "'")):
        word = m.group().removesuffix("'s")
        if len(word) > 1 and word not in _STOP:
            out.append(word)
    return out


def lede(analysis: Analysis, limit: int = 400) -> str:
    """Headline plus the opening of the body: where a news text names its event."""
    text = analysis.article.text
    return text[:limit]


@cache
def _phase_table() -> list[tuple[tuple[str, ...], Phase]]:
    table = []
    for entry in lexicons.entries("stories_event_phases"):
        head, phrase = entry.split(":", 1)
        family, order, name = head.split()
        table.append((tuple(phrase.split()), Phase(family, int(order), name)))
    return table


def _words(text: str) -> list[str]:
    return [m.group() for m in _WORD.finditer(text.lower().replace("’", "'"))]


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))


def is_retrospective(text: str) -> bool:
    """Whether a headline or lede looks back at an old event ("On this day in ...")."""
    words = _words(text)
    return any(_contains(words, tuple(cue.split())) for cue in lexicons.entries("stories_retrospective_cues"))


def lede_person(analysis: Analysis, limit: int = 250) -> str | None:
    """Surname of the first full-named person in the opening sentence: usually who the event is about."""
    first: tuple[int, str] | None = None
    for e in analysis.entities:
        if e.label == "person" and " " in e.name and e.mentions:
            start = min(m.start for m in e.mentions)
            if start < limit and (first is None or start < first[0]):
                first = (start, e.name.split()[-1].lower())
    return first[1] if first else None


def name_words(analysis: Analysis) -> frozenset[str]:
    """Every entity name and each word of it, lowercased: what a surname is looked up in."""
    out: set[str] = set()
    for e in analysis.entities:
        out.add(e.name.lower())
        out.update(w.lower() for w in e.name.split())
    return frozenset(out)


@cache
def _phases_by_first_word() -> dict[str, list[tuple[tuple[str, ...], Phase]]]:
    table: dict[str, list[tuple[tuple[str, ...], Phase]]] = {}
    for phrase, phase in _phase_table():
        table.setdefault(phrase[0], []).append((phrase, phase))
    return table


def event_phases(text: str) -> dict[str, Phase]:
    """The latest stage per family that ``text`` reports as having happened (see the lexicon)."""
    words = _words(text)
    future = lexicons.load("stories_future_markers")
    table = _phases_by_first_word()
    found: dict[str, tuple[int, Phase]] = {}
    for i, word in enumerate(words):
        for phrase, phase in table.get(word, ()):
            if tuple(words[i : i + len(phrase)]) != phrase:
                continue
            if any(w in future for w in words[max(0, i - 4) : i]):
                continue
            old = found.get(phase.family)
            # Stages: the latest one reported wins; alternatives (order 0): the first mentioned.
            if old is None or (phase.order, -i) > (old[1].order, -old[0]):
                found[phase.family] = (i, phase)
    return {family: phase for family, (_, phase) in found.items()}


def stable_numbers(text: str) -> frozenset[tuple[str, str]]:
    """(value, unit) pairs that name a fixed property of the event: an earthquake's magnitude.

    Running counts (deaths, injured) grow over follow-ups, and ages, rates and sentences are stated
    in too many ways (22.5 years, 22 and a half years) to be safe evidence; a magnitude is one number.
    """
    out = set()
    for m in _MAGNITUDE.finditer(text):
        out.add((m.group(1) or m.group(2), "magnitude"))
    return frozenset(out)


def estimated_date(analysis: Analysis) -> dt.date | None:
    """The publication date, else the latest full date the text states outright."""
    if analysis.article.published:
        return analysis.article.published
    days = []
    for ref in analysis.dates:
        if ref.granularity == "day" and ref.anchor == "absolute" and ref.value:
            try:
                days.append(dt.date.fromisoformat(ref.value))
            except ValueError:
                continue
    return max(days) if days else None


def features_many(analyses: Sequence[Analysis], embedder: Embedder | None = None) -> list[StoryFeatures]:
    """Features of a batch, embedding the ledes in one call (wordllama is fastest on batches)."""
    vectors: Iterable[NDArray[np.float16] | None] = [None] * len(analyses)
    if embedder is not None and analyses:
        vectors = embedder.embed([a.article.text[:EMBED_CHARS] for a in analyses]).astype("float16")
    return [features_of(a, v) for a, v in zip(analyses, vectors, strict=True)]


def features_of(analysis: Analysis, embedding: NDArray[np.float16] | None = None) -> StoryFeatures:
    art = analysis.article
    head = lede(analysis)
    title = art.title or ""
    terms = Counter(tokens(art.text))
    terms.update(tokens(title))
    entities = frozenset(
        e.name.lower() for e in analysis.entities if e.label in ("person", "organization", "place")
    )
    people = frozenset(e.name.lower() for e in analysis.entities if e.label == "person" and " " in e.name)
    return StoryFeatures(
        id=art.id,
        published=art.published,
        when=estimated_date(analysis),
        outlet=art.outlet,
        title=art.title,
        terms=terms,
        lede_terms=Counter(tokens(head)),
        entities=entities,
        people=people,
        numbers=stable_numbers(head),
        phases=event_phases(head),
        retrospective=is_retrospective(head),
        lede_person=lede_person(analysis),
        names=name_words(analysis),
        sources=frozenset(m.source_id for m in analysis.matches),
        embedding=embedding,
    )
