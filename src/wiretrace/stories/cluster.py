"""Incremental story clustering: each new article joins the most similar story or founds its own.

Nothing is re-clustered when an article arrives, so adding is cheap and earlier assignments never move.
Replaying the same articles in the same order gives the same stories; ``order_key`` is the canonical
order for a full run (publication date, undated articles last, then id).

An article ``a`` is compared with the members of candidate stories (found through the postings of its
heaviest terms). The link to a member ``m`` scores text similarity (TF-IDF cosine of the whole text and
of the lede, and the wordllama embedding of the lede), shared named entities and a provenance match
between the two; a lede whose first-named person the story never mentions costs a penalty. The story's
score is its best link (single link, which follows a story as its wording drifts over days). Evidence
of a distinct event vetoes a story whatever the score (``events.py``): dates too far apart, a different
stage of the same process (verdict, then sentencing), a look back, a different quake magnitude.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from wiretrace.stories.events import conflict
from wiretrace.stories.features import StoryFeatures
from wiretrace.stories.vectors import TermStats, Vector, cosine, top_terms


@dataclass(frozen=True, slots=True)
class ClusterParams:
    threshold: float = 0.30
    embedding_weight: float = 1.0
    # Lede embeddings of unrelated news still reach ~0.5 cosine: only the part above counts.
    embedding_floor: float = 0.5
    text_weight: float = 0.6
    lede_weight: float = 0.25
    entity_weight: float = 0.15
    match_bonus: float = 0.5
    unknown_person_penalty: float = 0.1
    postings_terms: int = 25
    max_candidates: int = 400
    max_posting: int = 5000


@dataclass(slots=True)
class _Member:
    features: StoryFeatures
    vector: Vector
    lede: Vector
    story: int


@dataclass(slots=True)
class StoryState:
    """What the clusterer keeps per story: members (indices), dates, phases, numbers."""

    id: str
    members: list[int] = field(default_factory=list)
    first: dt.date | None = None
    last: dt.date | None = None
    published_first: dt.date | None = None
    published_last: dt.date | None = None
    phases: Counter[tuple[str, str]] = field(default_factory=Counter)
    numbers: Counter[tuple[str, str]] = field(default_factory=Counter)
    retrospective: int = 0
    names: set[str] = field(default_factory=set)

    @property
    def looks_back(self) -> bool:
        return self.retrospective * 2 > len(self.members)


def order_key(f: StoryFeatures) -> tuple[int, str, str]:
    """Dated articles first, oldest first; then by id: the canonical order of a full run."""
    if f.when is None:
        return (1, "", f.id)
    return (0, f.when.isoformat(), f.id)


def story_id_for(founder: str) -> str:
    """A story is named after the article that founded it: stable across re-runs in the same order."""
    return f"story-{founder}"


class StoryClusterer:
    def __init__(self, params: ClusterParams | None = None) -> None:
        self.params = params or ClusterParams()
        self.stats = TermStats()
        self.lede_stats = TermStats()
        self.members: list[_Member] = []
        self.stories: list[StoryState] = []
        self._postings: dict[str, list[int]] = {}
        self._by_id: dict[str, int] = {}
        self._story_by_id: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.members)

    def story_of(self, article_id: str) -> str:
        return self.stories[self.members[self._by_id[article_id]].story].id

    def assignments(self) -> dict[str, str]:
        return {m.features.id: self.stories[m.story].id for m in self.members}

    def add_many(self, items: Iterable[StoryFeatures]) -> list[str]:
        return [self.add(f) for f in items]

    def add(self, f: StoryFeatures, *, story: str | None = None) -> str:
        """Place one article and return its story id. ``story`` restores a stored assignment as is."""
        if f.id in self._by_id:
            return self.story_of(f.id)
        self.stats.add(f.terms)
        self.lede_stats.add(f.lede_terms)
        vec = self.stats.vector(f.terms)
        lede = self.lede_stats.vector(f.lede_terms)
        index = len(self.members)
        if story is not None:
            chosen = self._story_index(story)
        else:
            best = self._best_story(f, vec, lede)
            chosen = self._story_index(story_id_for(f.id)) if best is None else best
        self.members.append(_Member(f, vec, lede, chosen))
        self._by_id[f.id] = index
        self._join(self.stories[chosen], index, f)
        for term in top_terms(vec, self.params.postings_terms):
            self._postings.setdefault(term, []).append(index)
        return self.stories[chosen].id

    def _story_index(self, story_id: str) -> int:
        index = self._story_by_id.get(story_id)
        if index is None:
            index = self._story_by_id[story_id] = len(self.stories)
            self.stories.append(StoryState(story_id))
        return index

    def _join(self, story: StoryState, index: int, f: StoryFeatures) -> None:
        story.members.append(index)
        if f.when is not None:
            story.first = f.when if story.first is None else min(story.first, f.when)
            story.last = f.when if story.last is None else max(story.last, f.when)
        if f.published is not None:
            story.published_first = min(story.published_first or f.published, f.published)
            story.published_last = max(story.published_last or f.published, f.published)
        for phase in f.phases.values():
            story.phases[(phase.family, phase.name)] += 1
        story.numbers.update(f.numbers)
        story.retrospective += f.retrospective
        story.names.update(f.names)

    def _candidates(self, vec: Vector) -> list[int]:
        hits: Counter[int] = Counter()
        for term in top_terms(vec, self.params.postings_terms):
            posting = self._postings.get(term, [])
            # Only the latest entries of a very common term: a story is found through its recent members.
            hits.update(posting[-self.params.max_posting :])
        ranked = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))
        return [i for i, _ in ranked[: self.params.max_candidates]]

    def link_score(self, f: StoryFeatures, vec: Vector, lede: Vector, m: _Member) -> float:
        p = self.params
        score = p.text_weight * cosine(vec, m.vector) + p.lede_weight * cosine(lede, m.lede)
        if f.entities and m.features.entities:
            shared = len(f.entities & m.features.entities)
            score += p.entity_weight * shared / min(len(f.entities), len(m.features.entities))
        if f.embedding is not None and m.features.embedding is not None:
            sim = float(f.embedding.astype("float32") @ m.features.embedding.astype("float32"))
            score += p.embedding_weight * max(0.0, sim - p.embedding_floor)
        if m.features.id in f.sources or f.id in m.features.sources:
            score += p.match_bonus
        return score

    def _best_story(self, f: StoryFeatures, vec: Vector, lede: Vector) -> int | None:
        best: dict[int, float] = {}
        for i in self._candidates(vec):
            m = self.members[i]
            s = self.link_score(f, vec, lede, m)
            if s > best.get(m.story, 0.0):
                best[m.story] = s
        if f.lede_person:
            for story in best:
                if f.lede_person not in self.stories[story].names:
                    best[story] -= self.params.unknown_person_penalty
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
        for story, score in ranked:
            if score < self.params.threshold:
                break
            if conflict(f, self.stories[story]) is None:
                return story
        return None
