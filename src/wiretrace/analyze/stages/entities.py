"""Entities stage (placeholder until the entities work lands)."""

from __future__ import annotations

from wiretrace.analyze.layers import Layers
from wiretrace.analyze.registry import stage
from wiretrace.model import Article, Entity
from wiretrace.settings import Settings


@stage("entities.v0", requires=("doc",), assigns="entities")
def find_entities(article: Article, layers: Layers, settings: Settings) -> list[Entity]:
    """People, organisations and places, canonicalised within the article."""
    return []
