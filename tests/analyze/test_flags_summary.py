"""The summary stage: flagged share per label, stitched-source count and the verdict line."""

from __future__ import annotations

from wiretrace.analyze.integrity.verdict import flagged_share, summarize_flags
from wiretrace.analyze.pipeline import Pipeline
from wiretrace.extract import article_from_text
from wiretrace.model import Flag, Match, Span

TEXT = "Headline Here\n\nAbcd efgh.\n\nRelated Articles"


def _flag(label: str, a: int, b: int) -> Flag:
    return Flag(label=label, span=Span(start=a, end=b), score=0.9, reason="test")  # type: ignore[arg-type]


def test_flags_summary_share_counts_non_space_chars_once() -> None:
    a = TEXT.index("Related")
    flags = [_flag("boilerplate", a, len(TEXT)), _flag("boilerplate", a, a + 7)]
    share = flagged_share(TEXT, flags)
    total = sum(1 for ch in TEXT if not ch.isspace())
    assert share == {"boilerplate": round(15 / total, 4)}


def test_flags_summary_sources_and_verdict() -> None:
    matches = [
        Match(span=Span(start=15, end=25), source_id=s, source_span=Span(start=0, end=10), similarity=0.9)
        for s in ("wire-1", "wire-2", "wire-1")
    ]
    a = TEXT.index("Related")
    summary = summarize_flags(TEXT, [_flag("off_topic", 15, 25), _flag("boilerplate", a, len(TEXT))], matches)
    assert summary.sources == 2
    assert summary.verdict.startswith("Likely stitched from 2 sources")
    assert "off-topic" in summary.verdict and "boilerplate" in summary.verdict


def test_flags_summary_clean_article() -> None:
    summary = summarize_flags(TEXT, [], [])
    assert summary.sources is None and summary.verdict == "No integrity problems found."


def test_flags_stages_run_in_the_pipeline(pipeline: Pipeline) -> None:
    text = (
        "Ferry Fares Rise\n\nFerry Fares Rise\n\nFares on the island ferry rose 5 percent on Monday."
        "\n\nShare this article"
    )
    analysis = pipeline.analyze(article_from_text(text, id="t"))
    assert {"flags.v1", "summary.v1"} <= set(analysis.stages)
    assert {f.label for f in analysis.flags} == {"duplicate_headline", "boilerplate"}
    assert analysis.summary is not None and analysis.summary.flagged_share["boilerplate"] > 0
