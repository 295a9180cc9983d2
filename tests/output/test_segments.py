"""Span-to-segment views: overlapping spans become a flat, gap-free cover of the text."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from wiretrace.model import Analysis, Article, Flag, Quote, Span, Speaker
from wiretrace.output.segments import Mark, analysis_marks, flat_quotes, paragraphs, segments, word_diff


def _analysis() -> Analysis:
    text = 'Headline here\n\nThe mayor said "we will build the bridge" on Monday. Photo: Ana Ruiz.'
    q_start = text.index("we will")
    quote = Quote(
        span=Span(start=q_start, end=q_start + len("we will build the bridge")),
        kind="direct",
        cue=Span(start=text.index("said"), end=text.index("said") + 4),
        speaker=Speaker(
            name="Mayor Lund", mention=Span(start=text.index("mayor"), end=text.index("mayor") + 5)
        ),
        confidence=0.9,
    )
    flag = Flag(
        label="caption", span=Span(start=text.index("Photo"), end=len(text)), score=0.8, reason="credit"
    )
    article = Article(id="a1", text=text, paragraphs=[Span(start=0, end=13), Span(start=15, end=len(text))])
    return Analysis(article=article, quotes=[quote], flags=[flag])


def test_segments_cover_the_text_in_order() -> None:
    a = _analysis()
    segs = segments(a.article.text, analysis_marks(a))
    assert "".join(s.text for s in segs) == a.article.text
    assert all(x.end == y.start for x, y in itertools.pairwise(segs))


def test_segments_carry_each_covering_mark() -> None:
    a = _analysis()
    segs = segments(a.article.text, analysis_marks(a))
    quoted = [s for s in segs if s.of_kind("quote")]
    assert "".join(s.text for s in quoted) == "we will build the bridge"
    assert [s.text for s in segs if s.of_kind("cue")] == ["said"]
    assert [s.text for s in segs if s.of_kind("flag")] == ["Photo: Ana Ruiz."]
    assert quoted[0].of_kind("quote")[0].label == "Mayor Lund"


def test_segments_overlapping_marks_split_at_every_boundary() -> None:
    text = "abcdefghij"
    marks = [(Span(start=2, end=6), Mark("flag", 0)), (Span(start=4, end=8), Mark("quote", 0))]
    segs = segments(text, marks)
    assert [(s.text, len(s.marks)) for s in segs] == [("ab", 0), ("cd", 1), ("ef", 2), ("gh", 1), ("ij", 0)]


def test_segments_clip_offsets_past_the_text() -> None:
    segs = segments("short", [(Span(start=3, end=99), Mark("flag", 0))])
    assert [s.text for s in segs] == ["sho", "rt"]
    assert segs[1].marks


@given(st.text(max_size=40), st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), max_size=6))
def test_segments_rebuild_any_text(text: str, pairs: list[tuple[int, int]]) -> None:
    marks = [(Span(start=min(a, b), end=max(a, b)), Mark("flag", i)) for i, (a, b) in enumerate(pairs)]
    assert "".join(s.text for s in segments(text, marks)) == text


def test_segments_paragraphs_follow_the_article() -> None:
    a = _analysis()
    paras = paragraphs(a)
    assert ["".join(s.text for s in p.segments) for p in paras] == [
        a.article.text[:13],
        a.article.text[15:],
    ]


def test_segments_flat_quotes_keep_top_level_positions() -> None:
    inner = Quote(span=Span(start=1, end=2), kind="partial")
    outer = Quote(span=Span(start=0, end=5), kind="mixed", nested=[inner])
    other = Quote(span=Span(start=6, end=9), kind="direct")
    a = Analysis(article=Article(id="x", text="0123456789"), quotes=[outer, other])
    assert flat_quotes(a) == [outer, other, inner]


def test_segments_word_diff_marks_changed_words() -> None:
    left, right = word_diff("the USA envoy spoke", "the U.S. envoy spoke")
    assert "".join(p.text for p in left) == "the USA envoy spoke"
    assert "".join(p.text for p in right) == "the U.S. envoy spoke"
    assert [p.text for p in left if p.changed] == ["USA"]
    assert [p.text for p in right if p.changed] == ["U.S."]


def test_segments_word_diff_identical_has_no_change() -> None:
    left, right = word_diff("same words here", "same words here")
    assert not any(p.changed for p in left + right)
