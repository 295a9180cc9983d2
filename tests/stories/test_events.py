from __future__ import annotations

import dataclasses
import datetime as dt

from wiretrace.stories.cluster import StoryState
from wiretrace.stories.events import conflict
from wiretrace.stories.features import features_of

from .helpers import BRIDGE


def _story(**kw: object) -> StoryState:
    s = StoryState("story-x", members=[0])
    for k, v in kw.items():
        setattr(s, k, v)
    return s


def test_events_published_far_outside_the_story_is_another_event() -> None:
    f = features_of(BRIDGE[0])
    day = dt.date(2031, 3, 3)
    assert conflict(f, _story(published_first=day, published_last=day)) is None
    late = dataclasses.replace(f, published=day + dt.timedelta(days=200), when=day + dt.timedelta(days=200))
    assert "outside" in (conflict(late, _story(published_first=day, published_last=day)) or "")


def test_events_different_quake_magnitudes_conflict_close_ones_do_not() -> None:
    f = dataclasses.replace(features_of(BRIDGE[0]), numbers=frozenset({("7.8", "magnitude")}))
    from collections import Counter

    assert conflict(f, _story(numbers=Counter({("7.5", "magnitude"): 1}))) is None
    assert conflict(f, _story(numbers=Counter({("6.1", "magnitude"): 1}))) is not None


def test_events_a_look_back_does_not_join_the_event_it_recalls() -> None:
    f = dataclasses.replace(features_of(BRIDGE[0]), retrospective=True)
    assert conflict(f, _story()) is not None
