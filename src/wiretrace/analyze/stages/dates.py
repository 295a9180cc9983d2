"""Dates stage (placeholder until the dates work lands)."""

from __future__ import annotations

from wiretrace.analyze.layers import Layers
from wiretrace.analyze.registry import stage
from wiretrace.model import Article, DateRef
from wiretrace.settings import Settings


@stage("dates.v0", requires=("doc",), assigns="dates")
def resolve_dates(article: Article, layers: Layers, settings: Settings) -> list[DateRef]:
    """Relative date expressions resolved against the publication date or a date the text states."""
    return []
