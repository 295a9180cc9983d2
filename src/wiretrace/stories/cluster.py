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
from typing import TYPE_CHECKING

from wiretrace.stories.events import conflict
from wiretrace.stories.features import StoryFeatures
from wiretrace.stories.vectors import SparseRows, TermStats, Vector, top_terms

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


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
    postings_terms: int = 20
    max_candidates: int = 150
    max_posting: int = 1000
    # Terms kept per stored vector: the heaviest carry nearly all of a cosine, and the tail costs time.
    kept_terms: int = 80


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
        self._text_rows = SparseRows()
        self._lede_rows = SparseRows()
        self._emb: NDArray[np.float16] | None = None
        self._has_emb: dict[int, bool] = {}

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
        kept = dict(sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[: self.params.kept_terms])
        self.members.append(_Member(f, kept, lede, chosen))
        self._text_rows.add(kept)
        self._lede_rows.add(lede)
        self._store_embedding(index, f)
        self._by_id[f.id] = index
        self._join(self.stories[chosen], index, f)
        for term in top_terms(vec, self.params.postings_terms):
            self._postings.setdefault(term, []).append(index)
        return self.stories[chosen].id

    def _store_embedding(self, index: int, f: StoryFeatures) -> None:
        import numpy as np

        if f.embedding is None:
            return
        if self._emb is None or index >= len(self._emb):
            grown = np.zeros((max(1024, 2 * index), len(f.embedding)), dtype=np.float16)
            if self._emb is not None:
                grown[: len(self._emb)] = self._emb
            self._emb = grown
        self._emb[index] = f.embedding
        self._has_emb[index] = True

    def _embedding_sims(self, f: StoryFeatures, candidates: list[int]) -> dict[int, float]:
        """Lede-embedding cosine to each candidate, in one matrix product."""
        if f.embedding is None or self._emb is None or not candidates:
            return {}
        rows = [i for i in candidates if i in self._has_emb]
        if not rows:
            return {}
        sims = self._emb[rows].astype("float32") @ f.embedding.astype("float32")
        return dict(zip(rows, (float(x) for x in sims), strict=True))

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
        if not hits:
            return []
        import numpy as np

        # Most shared terms first, then the earliest member: numpy's lexsort, not a Python key per hit.
        keys = np.fromiter(hits.keys(), dtype=np.int64, count=len(hits))
        counts = np.fromiter(hits.values(), dtype=np.int64, count=len(hits))
        order = np.lexsort((keys, -counts))[: self.params.max_candidates]
        return [int(i) for i in keys[order]]

    def link_scores(self, f: StoryFeatures, vec: Vector, lede: Vector, candidates: list[int]) -> list[float]:
        """The link score of ``f`` to each candidate member (see the module docstring)."""
        p = self.params
        text = self._text_rows.dots(vec, candidates)
        ledes = self._lede_rows.dots(lede, candidates)
        sims = self._embedding_sims(f, candidates)
        out = []
        for i, t, le in zip(candidates, text, ledes, strict=True):
            m = self.members[i]
            score = p.text_weight * t + p.lede_weight * le
            if f.entities and m.features.entities:
                shared = len(f.entities & m.features.entities)
                score += p.entity_weight * shared / min(len(f.entities), len(m.features.entities))
            if i in sims:
                score += p.embedding_weight * max(0.0, sims[i] - p.embedding_floor)
            if m.features.id in f.sources or f.id in m.features.sources:
                score += p.match_bonus
            out.append(score)
        return out

    def _best_story(self, f: StoryFeatures, vec: Vector, lede: Vector) -> int | None:
        best: dict[int, float] = {}
        candidates = self._candidates(vec)
        for i, s in zip(candidates, self.link_scores(f, vec, lede, candidates), strict=True):
            story = self.members[i].story
            if s > best.get(story, 0.0):
                best[story] = s
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
