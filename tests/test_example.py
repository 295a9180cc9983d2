"""The bundled example against its gold analysis: the regression check of the README's first command.

The example is written for wiretrace (invented people and outlets) and shows every phenomenon it detects;
the floors below are what the current analysis reaches, so a change that loses a quote, a speaker or a flag
fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wiretrace.analyze.pipeline import Pipeline
from wiretrace.extract import article_from_text
from wiretrace.model import Analysis

EXAMPLES = Path(__file__).parents[1] / "examples"


@pytest.fixture(scope="module")
def example(pipeline: Pipeline) -> tuple[Analysis, dict]:  # type: ignore[type-arg]
    text = (EXAMPLES / "stitched-harbour-deal.txt").read_text(encoding="utf-8")
    gold = json.loads((EXAMPLES / "stitched-harbour-deal.gold.json").read_text(encoding="utf-8"))
    return pipeline.analyze(article_from_text(text, id=gold["id"])), gold


def _last(name: str | None) -> str:
    return (name or "").split()[-1].lower() if name else ""


def test_example_quotes_found_and_attributed(example: tuple[Analysis, dict]) -> None:  # type: ignore[type-arg]
    analysis, gold = example
    found = right = 0
    for g in gold["quotes"]:
        gchars = set(range(g["start"], g["end"]))
        hit = next(
            (
                q
                for q in analysis.quotes
                if len(gchars & set(range(q.span.start, q.span.end))) >= 0.5 * len(gchars)
            ),
            None,
        )
        if hit is None:
            continue
        found += 1
        who = hit.speaker.name if hit.speaker else None
        if (g["speaker"] is None and who is None) or (g["speaker"] and _last(who) == _last(g["speaker"])):
            right += 1
    n = len(gold["quotes"])
    assert found >= n - 2, f"found {found}/{n}"
    assert right >= n - 3, f"attributed right {right}/{n}"


def test_example_flags_cover_gold(example: tuple[Analysis, dict]) -> None:  # type: ignore[type-arg]
    analysis, gold = example
    hits = 0
    for g in gold["flags"]:
        gs, ge = g["span"]
        if any(
            f.label == g["label"] and min(f.span.end, ge) - max(f.span.start, gs) > 0.5 * (ge - gs)
            for f in analysis.flags
        ):
            hits += 1
    assert hits >= len(gold["flags"]) - 1, f"flags {hits}/{len(gold['flags'])}"
