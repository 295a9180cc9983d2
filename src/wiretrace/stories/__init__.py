"""Corpus jobs over stored analyses: stories (one event across outlets) and quote groups (one statement
across outlets), with speakers recovered through provenance. See docs/stories.md."""

from wiretrace.stories.cluster import ClusterParams, StoryClusterer, order_key
from wiretrace.stories.features import StoryFeatures, features_many, features_of
from wiretrace.stories.jobs import (
    QUOTE_GROUPS_JOB,
    STORIES_JOB,
    Assignment,
    StoriesResult,
    assign_stories,
    build_stories,
    find_quote_groups,
)
from wiretrace.stories.provenance import attribute_through_sources
from wiretrace.stories.quote_match import MatchParams
from wiretrace.stories.registry import get_job, job_names

__all__ = [
    "QUOTE_GROUPS_JOB",
    "STORIES_JOB",
    "Assignment",
    "ClusterParams",
    "MatchParams",
    "StoriesResult",
    "StoryClusterer",
    "StoryFeatures",
    "assign_stories",
    "attribute_through_sources",
    "build_stories",
    "features_many",
    "features_of",
    "find_quote_groups",
    "get_job",
    "job_names",
    "order_key",
]
