"""Flags stage (placeholder until the integrity-flags work lands)."""

from __future__ import annotations

from wiretrace.analyze.layers import Layers
from wiretrace.analyze.registry import stage
from wiretrace.model import Article, Flag, Summary
from wiretrace.settings import Settings


@stage("flags.v0", requires=("doc",), assigns="flags")
def find_flags(article: Article, layers: Layers, settings: Settings) -> list[Flag]:
    """Passages that do not belong: duplicated headline, boilerplate, captions, off-topic inserts."""
    return []


@stage("summary.v0", requires=("flags",), assigns="summary")
def summarize(article: Article, layers: Layers, settings: Settings) -> Summary:
    """Share of text flagged per label and a verdict line."""
    return Summary()
