"""Speakers stage: resolve each quote's source mention to an entity, an anonymous source or nobody."""

from __future__ import annotations

from wiretrace.analyze.attribution.coref import resolve_speakers
from wiretrace.analyze.layers import Layers
from wiretrace.analyze.registry import stage
from wiretrace.model import Article, Entity, Quote
from wiretrace.settings import Settings


@stage("speakers.v1", requires=("quotes", "entities"), assigns="quotes", languages=("en",))
def attribute_speakers(article: Article, layers: Layers, settings: Settings) -> list[Quote]:
    """Resolve each quote's speaker to an entity of the article (or mark it anonymous / unattributed)."""
    quotes: list[Quote] = layers["quotes"]
    entities: list[Entity] = layers.get("entities") or []
    return resolve_speakers(layers.doc, article.text, quotes, entities)
