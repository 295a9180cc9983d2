"""Integrity flags and the article summary: thin stage wrappers over ``analyze.integrity``."""

from __future__ import annotations

from wiretrace.analyze.integrity.detect import detect_flags
from wiretrace.analyze.integrity.verdict import summarize_flags
from wiretrace.analyze.layers import Layers
from wiretrace.analyze.registry import stage
from wiretrace.model import Article, Flag, Match, Summary
from wiretrace.settings import Settings


@stage("flags.v1", requires=("doc",), assigns="flags")
def find_flags(article: Article, layers: Layers, settings: Settings) -> list[Flag]:
    """Duplicated headline, boilerplate, captions, off-topic inserts, near-duplicates, spinning."""
    matches: list[Match] = layers.get("matches") or []
    return detect_flags(
        article,
        layers.get("doc"),
        settings.flags,
        matches=matches,
        entities=layers.get("entities") or [],
        quotes=layers.get("quotes") or [],
    )


@stage("summary.v1", requires=("flags",), assigns="summary")
def summarize(article: Article, layers: Layers, settings: Settings) -> Summary:
    """Share of text flagged per label, stitched-source count and a verdict line."""
    flags: list[Flag] = layers["flags"]
    matches: list[Match] = layers.get("matches") or []
    return summarize_flags(article.text, flags, matches)
