"""The pipeline: every span lies inside the text, batches keep order, failures are recorded."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wiretrace.analyze.pipeline import Pipeline
from wiretrace.model import Analysis, Article, Failure, Span

PIECES = [
    '"We will sign," said Mara Quill.',
    "Officials in Port Elm said the deal was close.",
    "\u201cNot yet,\u201d she told the Gull Post on Tuesday.",
    "'Nested \"inner\" words' he wrote.",
    'The mayor called it "a mess".',
    "Related Articles",
    '"Unclosed quote runs on',
    "Envoy Tomas Brandt, according to the agency, said talks would resume last week.",
    "\n\n",
    "  ",
    "\u00e9\u00e8 \u4e2d\u6587 \U0001f600",
]


def _spans(a: Analysis) -> list[Span]:
    out: list[Span] = []
    for q in a.quotes:
        out += [q.span, *q.pieces]
        out += [s for s in (q.cue, q.speaker.mention if q.speaker else None) if s is not None]
    for e in a.entities:
        out += e.mentions
    out += [d.span for d in a.dates]
    for f in a.flags:
        out += [f.span, *f.related]
    out += [m.span for m in a.matches]
    return out + a.article.paragraphs


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map(" ".join))
def test_pipeline_every_span_lies_inside_the_text(pipeline: Pipeline, text: str) -> None:
    if not text.strip():
        return
    a = pipeline.analyze(text)
    n = len(a.article.text)
    for s in _spans(a):
        assert 0 <= s.start <= s.end <= n
    for q in a.quotes:
        for p in q.pieces:
            assert q.span.start <= p.start and p.end <= q.span.end


def test_pipeline_batch_keeps_order_and_records_failures(pipeline: Pipeline) -> None:
    items = [
        Article(id="a", text='"Yes," said Mara Quill.'),
        Article(id="empty", text="   "),
        Article(id="c", text="Gulls returned to Port Elm."),
    ]
    out = list(pipeline.analyze_many(items, on_error="record"))
    assert [type(x).__name__ for x in out] == ["Analysis", "Failure", "Analysis"]
    assert isinstance(out[1], Failure) and out[1].id == "empty"
    assert [x.article.id for x in out if isinstance(x, Analysis)] == ["a", "c"]


def test_pipeline_refuses_huge_article_clearly(nlp: object) -> None:
    from wiretrace.errors import ExtractError
    from wiretrace.settings import Settings

    small = Pipeline(Settings(nlp={"max_chars": 100}), nlp=nlp)  # type: ignore[arg-type]
    try:
        small.analyze("word " * 50)
    except ExtractError as exc:
        assert "over the limit" in str(exc)
    else:
        raise AssertionError("expected ExtractError")


def test_pipeline_exclude_skips_a_stage(nlp: object) -> None:
    p = Pipeline(exclude=("dates",), nlp=nlp)  # type: ignore[arg-type]
    assert not any(n.startswith("dates") for n in p.stage_names)
