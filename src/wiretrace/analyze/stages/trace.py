"""Provenance stages: the pipeline hands them the reuse index when it is built (``resources``).

They never open a store: the service layer builds the pipeline with ``resources={"reuse_index": idx}``,
and ``Pipeline`` refuses to build without it. The index is anything with the two methods of
``Tracer`` (``wiretrace.reuse.index.Index``), so this module imports nothing above ``analyze``.
"""

from __future__ import annotations

from typing import Protocol

from wiretrace.analyze.layers import Layers
from wiretrace.analyze.registry import stage
from wiretrace.model import Article, Match
from wiretrace.settings import Settings


class Tracer(Protocol):
    def same_article(self, article: Article) -> str | None: ...

    def trace_excluding(self, article: Article, self_id: str | None) -> list[Match]: ...


@stage("self_match.v1", assigns="indexed_as", resources=("reuse_index",))
def find_self(article: Article, layers: Layers, settings: Settings) -> str | None:
    """Name the stored article this one is (same id or content), which its trace then leaves out."""
    tracer: Tracer = layers.resource("reuse_index")
    return tracer.same_article(article)


@stage("trace.v1", requires=("indexed_as",), assigns="matches", resources=("reuse_index",))
def trace_passages(article: Article, layers: Layers, settings: Settings) -> list[Match]:
    """Passages copied or reworded from indexed articles: source, aligned span, what changed."""
    tracer: Tracer = layers.resource("reuse_index")
    return tracer.trace_excluding(article, layers.get("indexed_as"))
