"""Overlap look-ups over character spans by binary search, so detectors never compare all pairs.

``Intervals`` is a fixed set of ``[start, end)`` spans (they may overlap); ``Claims`` grows one
non-overlapping span at a time (the "keep it if nothing kept overlaps it" loops). Empty spans share
no character with anything, so both leave them out and never report them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable
from itertools import accumulate


class Intervals:
    """A fixed set of spans sorted by start, with the running furthest end ``reach``: the spans that
    can overlap ``[start, end)`` form one slice, found by two binary searches."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        order = sorted((a, b, k) for k, (a, b) in enumerate(spans) if b > a)
        self.spans = [(a, b) for a, b, _ in order]
        self.ids = [k for _, _, k in order]  # position of each span in the input
        self.starts = [a for a, _ in self.spans]
        self.reach = list(accumulate((b for _, b in self.spans), max))

    def _slice(self, start: int, end: int) -> tuple[int, int]:
        return bisect_right(self.reach, start), bisect_left(self.starts, end)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans sharing at least one character with ``[start, end)``, by start."""
        if end <= start:
            return []
        lo, hi = self._slice(start, end)
        return [(a, b) for a, b in self.spans[lo:hi] if b > start]

    def overlapping_ids(self, start: int, end: int) -> list[int]:
        """Input positions of the spans sharing a character with ``[start, end)``, ascending."""
        if end <= start:
            return []
        lo, hi = self._slice(start, end)
        return sorted(self.ids[k] for k in range(lo, hi) if self.spans[k][1] > start)

    def overlaps(self, start: int, end: int) -> bool:
        if end <= start:
            return False
        lo, hi = self._slice(start, end)
        return any(self.spans[k][1] > start for k in range(lo, hi))

    def covered(self, start: int, end: int) -> int:
        """Characters of ``[start, end)`` inside each span, summed over the spans."""
        return sum(min(b, end) - max(a, start) for a, b in self.overlapping(start, end))


class Claims:
    """Non-overlapping spans claimed one at a time. Because they never overlap, sorted starts mean
    sorted ends, and the only span that can overlap ``[start, end)`` is the last one starting before
    ``end``."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        """Whether no claimed span shares a character with ``[start, end)``."""
        if end <= start:
            return True
        k = bisect_left(self._starts, end) - 1
        return k < 0 or self._ends[k] <= start

    def claim(self, start: int, end: int) -> None:
        """Claim a span that is ``free`` (empty spans claim nothing)."""
        if end > start:
            insort(self._starts, start)
            insort(self._ends, end)
