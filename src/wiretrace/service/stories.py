"""Stories and quote groups over a store: bring them up to date, list them, fetch one.

``update_stories`` is incremental: stored assignments are replayed as they are and only articles
without one are placed, so running it after each ingest costs the new articles only (plus
regrouping quotes, which is per story and cheap). ``rebuild=True`` forgets the stored assignments
and places every article again in the canonical order (what a re-run on the same corpus gives).
Unattributed quotes whose passage traces to a stored source that attributes them get their
``source_attribution`` before quotes are grouped.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from wiretrace.corpus.store import Store
from wiretrace.lexicons import lexicon_hash
from wiretrace.model import Analysis, QuoteGroup, Story
from wiretrace.stories import (
    QUOTE_GROUPS_JOB,
    STORIES_JOB,
    Assignment,
    assign_stories,
    attribute_through_sources,
    build_stories,
    find_quote_groups,
)

_STAMP = "stories_assignments"


@dataclass(frozen=True, slots=True)
class StoriesReport:
    articles: int
    placed: int
    stories: int
    quote_groups: int
    seconds: float


def _load(store: Store) -> dict[str, Analysis]:
    return {a.article.id: a for a in store.iter_analyses()}


def _with_sources(store: Store, analyses: dict[str, Analysis]) -> dict[str, Analysis]:
    def source_of(article_id: str) -> Analysis | None:
        return analyses.get(article_id) or store.get_analysis(article_id)

    return {k: attribute_through_sources(a, source_of) for k, a in analyses.items()}


def update_stories(store: Store, *, rebuild: bool = False, embed: bool = True) -> StoriesReport:
    """Place every stored article without a story, then regroup quotes when anything moved."""
    from wiretrace.nlp import load_embedder

    t0 = time.perf_counter()
    analyses = _load(store)
    known = [] if rebuild else [Assignment(a, s, n) for a, s, n in store.story_assignments()]
    embedder = load_embedder() if embed else None
    result = assign_stories(list(analyses.values()), known, embedder=embedder)
    # The groups are recomputed when articles were placed or the jobs or their word lists changed.
    last = result.assignments[-1].seq if result.assignments else 0
    stamp = f"{STORIES_JOB}:{QUOTE_GROUPS_JOB}:{lexicon_hash()}:{len(result.assignments)}:{last}"
    placed = [(a.article_id, a.story, a.seq) for a in (result.assignments if rebuild else result.added)]
    fresh = rebuild or bool(result.added) or store.get_meta(_STAMP) != stamp
    if fresh:
        store.put_story_assignments(placed, STORIES_JOB)
        attributed = _with_sources(store, analyses)
        # Only analyses that were stored and gained an attribution are written back.
        store.put_source_attributions(
            [a for k, a in attributed.items() if a is not analyses[k] and a.quotes != analyses[k].quotes]
        )
        groups = find_quote_groups(attributed, result.assignments, embedder=embedder)
        store.replace_story_records(build_stories(analyses, result.assignments, groups), groups)
        store.set_meta(_STAMP, stamp)
        store.set_meta("quote_groups_job", QUOTE_GROUPS_JOB)
    return StoriesReport(
        articles=len(analyses),
        placed=len(placed),
        stories=len({a.story for a in result.assignments}),
        quote_groups=len(store.quote_group_records()),
        seconds=time.perf_counter() - t0,
    )


def story_assignments(store: Store) -> list[tuple[str, str]]:
    """(article id, story id) of every stored article that has a story, in the order they were placed."""
    return [(a, s) for a, s, _ in store.story_assignments()]


def list_stories(store: Store) -> list[Story]:
    return store.story_records()


def get_story(store: Store, story_id: str) -> Story | None:
    return store.get_story(story_id)


def list_quote_groups(store: Store) -> list[QuoteGroup]:
    return store.quote_group_records()


def get_quote_group(store: Store, group_id: str) -> QuoteGroup | None:
    return store.get_quote_group(group_id)
