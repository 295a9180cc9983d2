"""The corpus jobs: stories (incremental clustering) and quote groups (per story), over Analyses.

Both take plain values (analyses, earlier assignments) and return plain values; the service reads and
writes the store around them. ``assign_stories`` restores earlier assignments as they are and places
only the new articles, in the canonical order (``cluster.order_key``), so a corpus processed at once
and one processed in batches of arrivals agree on every article that was placed before a batch.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wiretrace.model import Analysis, QuoteGroup, Story
from wiretrace.stories.cluster import ClusterParams, StoryClusterer, order_key
from wiretrace.stories.features import features_many
from wiretrace.stories.quote_groups import story_quote_groups
from wiretrace.stories.quote_match import MatchParams
from wiretrace.stories.records import build_quote_group, build_story
from wiretrace.stories.registry import corpus_job

if TYPE_CHECKING:
    from wiretrace.nlp import Embedder

STORIES_JOB = "stories.v1"
QUOTE_GROUPS_JOB = "quote_groups.v1"


@dataclass(slots=True)
class Assignment:
    article_id: str
    story: str
    seq: int


@dataclass(slots=True)
class StoriesResult:
    assignments: list[Assignment]
    added: list[Assignment] = field(default_factory=list)
    clusterer: StoryClusterer | None = None


@corpus_job(STORIES_JOB)
def assign_stories(
    analyses: Sequence[Analysis],
    known: Sequence[Assignment] = (),
    *,
    embedder: Embedder | None = None,
    params: ClusterParams | None = None,
    batch: int = 256,
) -> StoriesResult:
    """Story of every article: stored assignments replayed, new articles placed incrementally."""
    by_id = {a.article.id: a for a in analyses}
    clusterer = StoryClusterer(params)
    replay = [k for k in sorted(known, key=lambda k: k.seq) if k.article_id in by_id]
    for start in range(0, len(replay), batch):
        part = replay[start : start + batch]
        for k, f in zip(part, features_many([by_id[k.article_id] for k in part], embedder), strict=True):
            clusterer.add(f, story=k.story)
    placed = {k.article_id for k in replay}
    fresh = [a for a in analyses if a.article.id not in placed]
    features = sorted(
        (f for s in range(0, len(fresh), batch) for f in features_many(fresh[s : s + batch], embedder)),
        key=order_key,
    )
    seq = max((k.seq for k in replay), default=0)
    added = []
    for f in features:
        seq += 1
        added.append(Assignment(f.id, clusterer.add(f), seq))
    return StoriesResult(replay + added, added, clusterer)


def members_by_story(assignments: Sequence[Assignment]) -> dict[str, list[str]]:
    """Article ids per story, in the order they joined."""
    out: dict[str, list[str]] = defaultdict(list)
    for a in sorted(assignments, key=lambda a: a.seq):
        out[a.story].append(a.article_id)
    return dict(out)


@corpus_job(QUOTE_GROUPS_JOB, requires=("stories",))
def find_quote_groups(
    analyses: Mapping[str, Analysis],
    assignments: Sequence[Assignment],
    *,
    embedder: Embedder | None = None,
    params: MatchParams | None = None,
) -> list[QuoteGroup]:
    """Quote groups of every story with two or more articles, stories in id order."""
    order = {a.article_id: a.seq for a in assignments}
    articles = {k: a.article for k, a in analyses.items()}
    out: list[QuoteGroup] = []
    for story, ids in sorted(members_by_story(assignments).items()):
        members = [analyses[i] for i in ids if i in analyses]
        if len(members) < 2:
            continue
        groups = story_quote_groups(story, members, embedder, params)
        out.extend(build_quote_group(g, articles, order) for g in groups)
    return out


def build_stories(
    analyses: Mapping[str, Analysis], assignments: Sequence[Assignment], groups: Sequence[QuoteGroup] = ()
) -> list[Story]:
    """A ``Story`` record per story, in the order stories were founded."""
    quotes: dict[str, list[str]] = defaultdict(list)
    for g in groups:
        quotes[g.story].append(g.id)
    out = []
    for story, ids in members_by_story(assignments).items():
        arts = [analyses[i].article for i in ids if i in analyses]
        if arts:
            out.append(build_story(story, arts, quotes.get(story, [])))
    return out
