"""Quotes stage: direct, partial, mixed and reported quotes, each with its cue and source mention."""

from __future__ import annotations

from wiretrace.analyze.attribution.assemble import extract_quotes
from wiretrace.analyze.layers import Layers
from wiretrace.analyze.registry import stage
from wiretrace.model import Article, Quote
from wiretrace.settings import Settings


@stage("quotes.v1", requires=("doc",), assigns="quotes", languages=("en",))
def find_quotes(article: Article, layers: Layers, settings: Settings) -> list[Quote]:
    """Direct, partial, mixed and reported quotes with their cues and source mentions."""
    return extract_quotes(
        layers.doc,
        article.text,
        article.paragraphs,
        min_chars=settings.quotes.min_chars,
        indirect=settings.quotes.indirect,
        beliefs=settings.quotes.beliefs,
    )
