"""Look-ups by binary search and dictionary that replaced per-item scans (#13): each gives the answer
of the scan it replaced, checked here against that scan on generated inputs."""

from __future__ import annotations

import random

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

from wiretrace.analyze.attribution.continuation import Paragraphs
from wiretrace.analyze.attribution.coref import (
    _canonical,
    _Ent,
    _Index,
    _last_key,
    _name_word_keys,
    _role_or_last_keys,
)
from wiretrace.analyze.stages.dates import _Region, _region_of
from wiretrace.model import Span


def _scan_para_of(paras: list[Span], pos: int) -> int:
    """The linear rule ``Paragraphs.index_of`` replaced."""
    for i, p in enumerate(paras):
        if p.start <= pos < p.end or (i + 1 < len(paras) and pos < paras[i + 1].start):
            return i
    return len(paras) - 1


@st.composite
def ordered_paragraphs(draw: st.DrawFn) -> list[Span]:
    gaps = draw(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 30)), min_size=1, max_size=30))
    out: list[Span] = []
    pos = 0
    for gap, length in gaps:
        out.append(Span(start=pos + gap, end=pos + gap + length))
        pos += gap + length
    return out


@given(ordered_paragraphs(), st.integers(-5, 1200))
def test_paragraph_index_of_matches_the_scan(paras: list[Span], pos: int) -> None:
    found = Paragraphs(paras)
    assert found.ordered
    assert found.index_of(pos) == _scan_para_of(paras, pos)


def test_paragraph_index_of_unordered_falls_back_to_the_scan() -> None:
    paras = [Span(start=50, end=60), Span(start=0, end=10), Span(start=5, end=30)]
    found = Paragraphs(paras)
    assert not found.ordered
    for pos in range(-2, 70):
        assert found.index_of(pos) == _scan_para_of(paras, pos)


SURNAMES = ["vole", "quist", "arlo", "brenn", "tesh"]
ROLES = ["mayor", "sheriff", "minister", "spokeswoman"]


def _index_over_generated_text() -> tuple[_Index, list[_Ent], str]:
    rng = random.Random(5)
    sentences = [f"Word{k} met word{k + 1} at the pier." for k in range(400)]
    text = " ".join(sentences)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    tokens = [t for t in doc if t.is_alpha]
    ents: list[_Ent] = []
    for k in range(40):
        label = rng.choice(["person", "organization", "other"])
        last = rng.choice(SURNAMES)
        name = f"Name{k} {last.title()}" if label == "person" else f"{last.title()} Board {k % 3}"
        spans = sorted({(t.idx, t.idx + len(t)) for t in rng.sample(tokens, rng.randint(0, 12))})
        ents.append(
            _Ent(
                name=name,
                label=label,
                id=k,
                mentions=[Span(start=a, end=b) for a, b in spans],
                roles=set(rng.sample(ROLES, rng.randint(0, 2))),
                last=last,
            )
        )
    return _Index(doc, ents, [], []), ents, text


@pytest.fixture(scope="module")
def generated() -> tuple[_Index, list[_Ent], str]:
    return _index_over_generated_text()


def test_first_before_is_the_first_match_of_before(generated: tuple[_Index, list[_Ent], str]) -> None:
    idx, _ents, text = generated
    cases = [
        ("last", _last_key, SURNAMES, lambda e, key: e.last == key),
        (
            "role_or_last",
            _role_or_last_keys,
            ROLES + SURNAMES,
            lambda e, key: key in e.roles or e.last == key,
        ),
        (
            "name_words",
            _name_word_keys,
            ["board", "vole", "name3"],
            lambda e, key: key in e.name.lower().split(),
        ),
    ]
    checked = 0
    for pos in range(0, len(text), 97):
        for labels in (("person",), ("person", "organization"), ("organization", "other")):
            for limit in (300, 100_000):
                for name, keys, values, pred in cases:
                    for key in values:
                        scan = [e for e, _ in idx.before(pos, labels, limit) if pred(e, key)]
                        got = idx.first_before(pos, labels, limit, name, keys, key)
                        assert got is (scan[0] if scan else None)
                        checked += got is not None
    assert checked > 100  # the generated mentions make the look-ups find something


def test_with_key_keeps_entity_order(generated: tuple[_Index, list[_Ent], str]) -> None:
    idx, ents, _text = generated
    for key in SURNAMES:
        assert idx.with_key("last", _last_key, key) == [e for e in ents if e.last == key]


def test_mentioned_in_sentence_matches_the_scan(generated: tuple[_Index, list[_Ent], str]) -> None:
    idx, ents, text = generated
    for e in ents:
        starts = idx.mention_starts(e)
        for pos in range(0, len(text), 53):
            here = idx.sentence(pos)
            expected = any(idx.sentence(m.start) == here for m in e.mentions)
            assert idx.mentioned_in_sentence(starts, here) is expected


def test_canonical_matches_the_scan(generated: tuple[_Index, list[_Ent], str]) -> None:
    idx, ents, _text = generated

    def scan(name: str) -> str:
        low = name.lower().removeprefix("the ")
        for e in ents:
            if e.name.lower() == low or (e.label == "organization" and low.endswith(e.name.lower())):
                return e.name
        return name

    names = [e.name for e in ents] + [f"the {e.name}" for e in ents] + [f"Greater {e.name}" for e in ents]
    for name in [*names, "Nobody Known", ""]:
        assert _canonical(idx, name) == scan(name)


def test_region_of_matches_the_scan() -> None:
    import datetime as dt

    day = dt.date(2026, 3, 2)
    regions = [_Region(0, 1000, day, "article")]
    regions += [
        _Region(a, b, day, "stamp") for a, b in [(10, 50), (20, 50), (80, 120), (300, 300), (310, 400)]
    ]

    def scan(pos: int) -> int:
        inside = [i for i, r in enumerate(regions) if i and r.start <= pos < r.end]
        return inside[-1] if inside else 0

    for pos in range(0, 500):
        assert _region_of(regions, pos) == scan(pos)


def test_match_coverage_matches_the_scan() -> None:
    from wiretrace.analyze.integrity.off_topic import _coverage, _match_index
    from wiretrace.analyze.integrity.segments import Unit
    from wiretrace.model import Match

    rng = random.Random(3)
    matches = []
    for k in range(60):
        a = rng.randint(0, 900)
        span = Span(start=a, end=a + rng.randint(0, 80))
        matches.append(Match(span=span, source_id=f"s{k % 7}", source_span=span, similarity=0.9))
    index = _match_index(matches)
    for start in range(0, 1000, 13):
        unit = Unit(start, start + rng.randint(0, 120), 0, True, True)
        covered = 0
        sources: set[str] = set()
        for m in matches:
            o = min(unit.end, m.span.end) - max(unit.start, m.span.start)
            if o > 0:
                covered += o
                sources.add(m.source_id)
        expected = (min(1.0, covered / max(1, unit.end - unit.start)), sources)
        assert _coverage(unit, matches, index) == expected


@given(st.text(alphabet="ab C-'. x\u2019", max_size=40), st.integers(0, 45), st.integers(0, 9))
def test_more_words_than_matches_counting_the_slice(text: str, pos: int, limit: int) -> None:
    from wiretrace.analyze.integrity.segments import more_words_than, words

    assert more_words_than(text, limit, pos) == (len(words(text[pos:])) > limit)


def test_glued_tail_still_found_at_the_end_of_one_long_line() -> None:
    """A text without line breaks is one line; the template check at each capitalised cut now counts
    at most 9 words in place (it counted the whole rest of the line: 9 s of flags at 400,000 characters)."""
    from wiretrace.analyze.integrity.boilerplate import _glued_tail
    from wiretrace.analyze.integrity.segments import segment

    body = "Mirela Costa said the Carrow ferry ran late. " * 40
    text = body + "The pier reopened in 1987.Related Posts"
    seg = segment(text, None)
    hits = _glued_tail(seg, 0, len(text), 0.3)
    assert [text[h.start : h.end] for h in hits] == ["Related Posts"]
