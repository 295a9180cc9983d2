from __future__ import annotations

import dataclasses

from wiretrace.stories import ClusterParams, StoryClusterer, assign_stories, features_of, order_key
from wiretrace.stories.jobs import Assignment

from .helpers import BRIDGE, ORCHARD, SENTENCING, VERDICT


def _stories(analyses: list) -> dict[str, str]:  # type: ignore[type-arg]
    return {a.article_id: a.story for a in assign_stories(analyses).assignments}


def test_cluster_joins_one_event_and_keeps_an_unrelated_article_apart() -> None:
    got = _stories([*BRIDGE, ORCHARD])
    assert len({got[a.article.id] for a in BRIDGE}) == 1
    assert got[ORCHARD.article.id] != got[BRIDGE[0].article.id]


def test_cluster_story_is_named_after_its_earliest_article() -> None:
    got = _stories(list(reversed(BRIDGE)))
    assert set(got.values()) == {"story-harbour-gazette-001"}


def test_cluster_same_corpus_in_any_input_order_gives_the_same_stories() -> None:
    items = [*BRIDGE, ORCHARD, *VERDICT, *SENTENCING]
    assert _stories(items) == _stories(list(reversed(items)))


def test_cluster_a_later_stage_of_a_process_is_a_story_of_its_own() -> None:
    got = _stories([*VERDICT, *SENTENCING])
    assert got[VERDICT[0].article.id] == got[VERDICT[1].article.id]
    assert got[SENTENCING[0].article.id] != got[VERDICT[0].article.id]


def test_cluster_without_the_stage_veto_the_sentencing_joins_the_verdict() -> None:
    # The veto is what keeps them apart: the same texts without a stage phrase merge.
    clusterer = StoryClusterer(ClusterParams())
    feats = sorted((features_of(a) for a in [*VERDICT, *SENTENCING]), key=order_key)
    feats = [dataclasses.replace(f, phases={}) for f in feats]
    got = clusterer.add_many(feats)
    assert len(set(got)) == 1


def test_cluster_incremental_add_keeps_earlier_assignments() -> None:
    first = assign_stories([BRIDGE[0], ORCHARD])
    known = [Assignment(a.article_id, a.story, a.seq) for a in first.assignments]
    second = assign_stories([BRIDGE[0], ORCHARD, BRIDGE[1]], known)
    assert [a.article_id for a in second.added] == [BRIDGE[1].article.id]
    assert second.added[0].story == first.assignments[0].story
    assert {a.article_id: a.story for a in second.assignments if a.article_id != BRIDGE[1].article.id} == {
        a.article_id: a.story for a in first.assignments
    }


def test_cluster_restored_assignment_is_kept_even_when_the_text_disagrees() -> None:
    known = [Assignment(ORCHARD.article.id, "story-kept", 1)]
    got = assign_stories([ORCHARD, *BRIDGE], known)
    assert got.assignments[0].story == "story-kept"
