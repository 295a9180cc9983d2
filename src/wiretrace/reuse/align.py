"""Local alignment of a query passage against a window of a source article, on token-hash sequences.

rapidfuzz's LCS opcodes (C++) give the equal runs; the part written here is the *local* step that no
library offers on token sequences: equal runs are chained while the gaps between them stay small
(a dropped clause may leave a longer gap on the source side than an added one on the query side),
and the chain with the most content tokens wins. That keeps a stray "the" or "said" three sentences
away from stretching the span, and lets a query sentence match only part of a source sentence
(a fragment) or a source sentence match only part of a query sentence (a merge).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import Indel

Block = tuple[int, int, int]  # (query token, source token, length): an equal run, absolute indices
_EDGE = 3  # how far past a chain's end (tokens, each side) a lone equal token is re-attached


@dataclass(frozen=True, slots=True)
class Alignment:
    """Token ranges ``[start, end)`` aligned in query and source, the equal runs, and content counts."""

    q_start: int
    q_end: int
    s_start: int
    s_end: int
    blocks: tuple[Block, ...]
    matched: int
    q_content: int
    s_content: int

    @property
    def similarity(self) -> float:
        """Dice coefficient over content tokens of the two aligned regions."""
        total = self.q_content + self.s_content
        return 2.0 * self.matched / total if total else 0.0


def _chains(blocks: list[Block], max_gap_q: int, max_gap_s: int) -> list[list[Block]]:
    chains: list[list[Block]] = []
    for b in blocks:
        if chains:
            last = chains[-1][-1]
            gap_q = b[0] - (last[0] + last[2])
            gap_s = b[1] - (last[1] + last[2])
            if gap_q <= max_gap_q and gap_s <= max_gap_s:
                chains[-1].append(b)
                continue
        chains.append([b])
    return chains


def _content(mask: npt.NDArray[np.bool_], start: int, end: int) -> int:
    return int(mask[start:end].sum())


def align(
    q_ids: Sequence[int],
    q_content: npt.NDArray[np.bool_],
    q_range: tuple[int, int],
    s_ids: Sequence[int],
    s_content: npt.NDArray[np.bool_],
    s_range: tuple[int, int],
    *,
    max_gap_q: int = 10,
    max_gap_s: int = 24,
) -> Alignment | None:
    """Best local alignment of ``q_ids[q_range]`` inside ``s_ids[s_range]``; None when nothing matches."""
    qa, qb = q_range
    sa, sb = s_range
    ops = Indel.opcodes(q_ids[qa:qb], s_ids[sa:sb])
    blocks = [(qa + o.src_start, sa + o.dest_start, o.src_end - o.src_start) for o in ops if o.tag == "equal"]
    if not blocks:
        return None
    best: list[Block] = []
    best_weight = 0
    for chain in _chains(blocks, max_gap_q, max_gap_s):
        weight = sum(_content(q_content, b[0], b[0] + b[2]) for b in chain)
        if weight > best_weight:
            best, best_weight = chain, weight
    if best_weight == 0:
        return None
    best = _extend(_trim(best, q_content), q_ids, (qa, qb), s_ids, (sa, sb))
    q_start, s_start = best[0][0], best[0][1]
    q_end, s_end = best[-1][0] + best[-1][2], best[-1][1] + best[-1][2]
    return Alignment(
        q_start=q_start,
        q_end=q_end,
        s_start=s_start,
        s_end=s_end,
        blocks=tuple(best),
        matched=sum(_content(q_content, b[0], b[0] + b[2]) for b in best),
        q_content=_content(q_content, q_start, q_end),
        s_content=_content(s_content, s_start, s_end),
    )


def _extend(
    chain: list[Block],
    q_ids: Sequence[int],
    q_range: tuple[int, int],
    s_ids: Sequence[int],
    s_range: tuple[int, int],
) -> list[Block]:
    """Re-attach an equal token just past either end (LCS may have paired it with a far-away twin).

    A spun last word leaves the full stop one token away on both sides; this puts it back.
    """
    q_last, s_last = chain[-1][0] + chain[-1][2], chain[-1][1] + chain[-1][2]
    for dq in range(_EDGE):
        for ds in range(_EDGE):
            i, j = q_last + dq, s_last + ds
            if i < q_range[1] and j < s_range[1] and q_ids[i] == s_ids[j]:
                chain = [*chain, (i, j, 1)]
                break
        else:
            continue
        break
    q_first, s_first = chain[0][0], chain[0][1]
    for dq in range(1, _EDGE + 1):
        for ds in range(1, _EDGE + 1):
            i, j = q_first - dq, s_first - ds
            if i >= q_range[0] and j >= s_range[0] and q_ids[i] == s_ids[j]:
                return [(i, j, 1), *chain]
    return chain


def _trim(chain: list[Block], q_content: npt.NDArray[np.bool_]) -> list[Block]:
    """Drop edge runs that look like chance: no content word and not close to the next run, or short
    (<= 2 tokens) and cut off by a gap of 3+ tokens (a stray "percent" half a sentence away).

    A final full stop two tokens after a spun last word ("... sources stated." / "... sources said.")
    stays, so the span covers the whole sentence and the spin shows up as a substitution. Known cost: a
    clause added right after a two-word opening ("The mill, owned by ..., will close") drops the opening.
    """

    def near(a: Block, b: Block) -> bool:
        return b[0] - (a[0] + a[2]) <= 2 and b[1] - (a[1] + a[2]) <= 2

    def stray(edge: Block, a: Block, b: Block) -> bool:
        if not _content(q_content, edge[0], edge[0] + edge[2]) and not near(a, b):
            return True
        return edge[2] <= 2 and (b[0] - a[0] - a[2] >= 3 or b[1] - a[1] - a[2] >= 3)

    while len(chain) > 1 and stray(chain[0], chain[0], chain[1]):
        chain = chain[1:]
    while len(chain) > 1 and stray(chain[-1], chain[-2], chain[-1]):
        chain = chain[:-1]
    return chain


def restrict(
    al: Alignment,
    q_lo: int,
    q_hi: int,
    q_content: npt.NDArray[np.bool_],
    s_content: npt.NDArray[np.bool_],
) -> Alignment | None:
    """The part of an alignment inside query tokens ``[q_lo, q_hi)`` (runs clipped), or None if empty."""
    blocks: list[Block] = []
    for qs, ss, n in al.blocks:
        a, b = max(qs, q_lo), min(qs + n, q_hi)
        if b > a:
            blocks.append((a, ss + (a - qs), b - a))
    if not blocks:
        return None
    matched = sum(_content(q_content, b[0], b[0] + b[2]) for b in blocks)
    if not matched:
        return None
    blocks = _trim(blocks, q_content)
    q_start, s_start = blocks[0][0], blocks[0][1]
    q_end, s_end = blocks[-1][0] + blocks[-1][2], blocks[-1][1] + blocks[-1][2]
    return Alignment(
        q_start=q_start,
        q_end=q_end,
        s_start=s_start,
        s_end=s_end,
        blocks=tuple(blocks),
        matched=sum(_content(q_content, b[0], b[0] + b[2]) for b in blocks),
        q_content=_content(q_content, q_start, q_end),
        s_content=_content(s_content, s_start, s_end),
    )


def tighten(
    al: Alignment, q_content: npt.NDArray[np.bool_], s_content: npt.NDArray[np.bool_], max_gap: int = 3
) -> Alignment | None:
    """The densest part of an alignment: its runs re-chained with gaps of at most ``max_gap`` tokens.

    When two passages run together in one sentence, a loose chain can bridge from one into the other
    and dilute the similarity; the tight core is the copied passage itself.
    """
    chains = _chains(list(al.blocks), max_gap, max_gap)
    if len(chains) < 2:
        return None
    core = max(chains, key=lambda c: sum(_content(q_content, b[0], b[0] + b[2]) for b in c))
    return restrict(al, core[0][0], core[-1][0] + core[-1][2], q_content, s_content)
