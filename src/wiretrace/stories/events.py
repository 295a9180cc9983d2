"""Evidence that an article reports a different event from a story's, however similar the words.

Related events share vocabulary, entities and even quotes (a verdict and the sentencing months later;
two earthquakes in one country; two central-bank decisions). Three signals tell them apart, each
checked only when both sides carry it, so missing evidence never splits a story:

* time: the article's publication date lies more than ``window`` days outside the story's, or a date
  it states (when it has no publication date) more than a year outside;
* stage: both report a stage of one process (``stories_event_phases``) and the stages differ;
* retrospective: one side looks back at an old event ("On this day in ..."), the other reports it;
* defining numbers: both state an earthquake magnitude and none is within 0.5 of the other's (a 7.8
  quake is not a 7.0 one, while agencies' 6.6 and 7.0 for one quake are).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from wiretrace.stories.features import StoryFeatures

if TYPE_CHECKING:
    from wiretrace.stories.cluster import StoryState

WINDOW_DAYS = 30
# A date read from the text (no publication date) may be a date the article mentions, not its own.
INFERRED_WINDOW_DAYS = 365
MAGNITUDE_TOLERANCE = 0.5


def _days_outside(day: dt.date, first: dt.date, last: dt.date) -> int:
    if day < first:
        return (first - day).days
    if day > last:
        return (day - last).days
    return 0


def conflict(f: StoryFeatures, story: StoryState, window: int = WINDOW_DAYS) -> str | None:
    """Why ``f`` cannot join ``story``, or None."""
    if f.published is not None and story.published_first and story.published_last:
        gap = _days_outside(f.published, story.published_first, story.published_last)
        if gap > window:
            return f"published {gap} days outside the story"
    if f.when is not None and story.first is not None and story.last is not None:
        gap = _days_outside(f.when, story.first, story.last)
        if gap > INFERRED_WINDOW_DAYS:
            return f"dated {gap} days outside the story"
    if f.retrospective != story.looks_back:
        return "a look back at an old event" if f.retrospective else "the story looks back at an old event"
    for phase in f.phases.values():
        theirs = {name for (family, name), n in story.phases.items() if family == phase.family and n}
        if theirs and phase.name not in theirs:
            return f"reports the {phase.name} stage, the story the {'/'.join(sorted(theirs))}"
    quake = [float(v) for v, u in f.numbers if u == "magnitude"]
    known = [float(v) for v, u in story.numbers if u == "magnitude"]
    if quake and known and not any(abs(a - b) <= MAGNITUDE_TOLERANCE for a in quake for b in known):
        return f"a different magnitude ({'/'.join(map(str, sorted(quake)))})"
    return None
