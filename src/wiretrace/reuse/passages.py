"""Which alignments of a sentence to keep, and how sentences group into passages.

Per article sentence: the best alignment; another that covers a part no better one covers is a second
source (the sentence was merged from two articles) and is narrowed to that part; one covering the same
part about as well is the same passage in another article (re-sent wire copy, a quote many outlets ran)
and is kept as an alternative. Then consecutive sentences traced to nearby places of one source become
one passage; out of order there, the passage is marked reordered.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from wiretrace.model import Substitution
from wiretrace.reuse.align import Alignment
from wiretrace.reuse.normalize import Tokens
from wiretrace.reuse.transforms import MERGED, REORDERED

# How far apart (source tokens) two sentences' alignments may be and still form one passage.
_PASSAGE_GAP = 60
# Two alignments of one sentence cover "the same part" when they overlap by this share of the shorter.
_SAME_PART = 0.5


@dataclass
class Hit:
    """One article sentence aligned to one source article, with the numbers the decisions use."""

    unit: int
    pos: int  # position of the source article in the postings
    al: Alignment
    info: float  # IDF mass of the matched words in rare-word units: how much evidence the match is
    coverage: float  # share of the article sentence's IDF mass matched
    whole: float  # share of the touched source sentences' content words inside the aligned region
    run: int = 0  # longest run of equal tokens: copying keeps long runs, a summary scatters its words
    transform: list[str] = field(default_factory=list)
    substitutions: list[Substitution] = field(default_factory=list)


def _overlap(a: Alignment, b: Alignment) -> float:
    inter = min(a.q_end, b.q_end) - max(a.q_start, b.q_start)
    shorter = min(a.q_end - a.q_start, b.q_end - b.q_start)
    return inter / shorter if shorter > 0 and inter > 0 else 0.0


def choose(hits: list[Hit], margin: float, narrow: Callable[[Hit, int, int], Hit | None]) -> list[Hit]:
    """Per sentence: the best alignment, others covering other parts, and near-equal alternatives.

    An alignment that partly overlaps a better one is narrowed to the words the better one leaves
    (a sentence run together from two sources) and kept if it is still evidence on its own.
    """
    by_unit: dict[int, list[Hit]] = defaultdict(list)
    for h in hits:
        by_unit[h.unit].append(h)
    chosen: list[Hit] = []
    for group in by_unit.values():
        group.sort(key=lambda h: (-h.al.matched, -h.al.similarity, h.pos))
        primaries: list[Hit] = []
        for h in group:
            same = [pr for pr in primaries if _overlap(pr.al, h.al) >= _SAME_PART]
            if same:
                if all(
                    h.al.similarity >= pr.al.similarity - margin
                    and h.al.matched >= pr.al.matched * (1 - margin)
                    for pr in same
                ):
                    chosen.append(h)
                continue
            partial = [pr for pr in primaries if _overlap(pr.al, h.al) > 0]
            if partial:
                lo, hi = _free_part(h.al, [pr.al for pr in primaries])
                narrowed = narrow(h, lo, hi) if hi > lo else None
                if narrowed is None:
                    continue
                h = narrowed
            primaries.append(h)
            chosen.append(h)
        if len({pr.pos for pr in primaries}) > 1:
            for pr in primaries:
                pr.transform.append(MERGED)
    return chosen


def _free_part(al: Alignment, taken: list[Alignment]) -> tuple[int, int]:
    """The widest stretch of ``al``'s query range that no alignment in ``taken`` covers."""
    cuts = sorted((max(t.q_start, al.q_start), min(t.q_end, al.q_end)) for t in taken)
    best = (al.q_start, al.q_start)
    pos = al.q_start
    for a, b in cuts:
        if a > pos and a - pos > best[1] - best[0]:
            best = (pos, a)
        pos = max(pos, b)
    if al.q_end - pos > best[1] - best[0]:
        best = (pos, al.q_end)
    return best


def merge_passages(hits: list[Hit], text: str, q: Tokens) -> list[list[Hit]]:
    """Group consecutive sentences traced to nearby places of one source into one passage."""
    by_doc: dict[int, list[Hit]] = defaultdict(list)
    for h in hits:
        by_doc[h.pos].append(h)
    out: list[list[Hit]] = []
    for group in by_doc.values():
        group.sort(key=lambda h: h.al.q_start)
        current = [group[0]]
        for h in group[1:]:
            prev = current[-1]
            between = text[int(q.ends[prev.al.q_end - 1]) : int(q.starts[h.al.q_start])]
            gap = h.al.s_start - prev.al.s_end
            back = prev.al.s_start - h.al.s_end
            if (
                not between.strip()
                and h.unit != prev.unit
                and (0 <= gap <= _PASSAGE_GAP or 0 <= back <= _PASSAGE_GAP)
            ):
                if back >= 0 and gap < 0:
                    for x in (*current, h):
                        if REORDERED not in x.transform:
                            x.transform.append(REORDERED)
                current.append(h)
            else:
                out.append(current)
                current = [h]
        out.append(current)
    return out
