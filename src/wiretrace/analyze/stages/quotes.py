"""Quotes stage (placeholder until the quotes work lands)."""

from __future__ import annotations

from wiretrace.analyze.layers import Layers
from wiretrace.analyze.registry import stage
from wiretrace.model import Article, Quote
from wiretrace.settings import Settings


@stage("quotes.v0", requires=("doc",), assigns="quotes")
def find_quotes(article: Article, layers: Layers, settings: Settings) -> list[Quote]:
    """Direct, partial and reported quotes with their cues."""
    return []


@stage("speakers.v0", requires=("quotes", "entities"), assigns="quotes")
def attribute_speakers(article: Article, layers: Layers, settings: Settings) -> list[Quote]:
    """Resolve each quote's speaker to an entity of the article."""
    quotes: list[Quote] = layers["quotes"]
    return quotes
