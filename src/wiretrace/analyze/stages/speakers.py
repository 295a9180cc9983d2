"""Speakers stage: resolve each quote's source mention to an entity, an anonymous source or nobody."""

from __future__ import annotations

from wiretrace.aliases import AliasTable
from wiretrace.analyze.attribution.coref import resolve_speakers
from wiretrace.analyze.attribution.versions import versioned
from wiretrace.analyze.layers import Layers
from wiretrace.analyze.registry import stage
from wiretrace.model import Article, Entity, Quote
from wiretrace.settings import Settings


def user_aliases(settings: Settings) -> AliasTable | None:
    """Only the user's own alias entries (file, then inline), which rename resolved speakers."""
    cfg = settings.entities
    if not cfg.aliases and not cfg.alias_file:
        return None
    table = AliasTable.from_file(cfg.alias_file) if cfg.alias_file else AliasTable({})
    return table.merged(AliasTable(cfg.aliases)) if cfg.aliases else table


@stage(versioned("speakers.v2"), requires=("quotes", "entities"), assigns="quotes", languages=("en",))
def attribute_speakers(article: Article, layers: Layers, settings: Settings) -> list[Quote]:
    """Resolve each quote's speaker to an entity of the article (or mark it anonymous / unattributed)."""
    quotes: list[Quote] = layers["quotes"]
    entities: list[Entity] = layers.get("entities") or []
    return resolve_speakers(
        layers.doc,
        article.text,
        quotes,
        entities,
        paragraphs=article.paragraphs,
        aliases=AliasTable.default(settings),
        user_aliases=user_aliases(settings),
    )
