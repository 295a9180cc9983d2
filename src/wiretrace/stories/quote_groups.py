"""Quote groups: one statement by one speaker, carried by several articles of one story.

Units (sentence-sized quote pieces, ``quote_units.py``) of different articles of the same story are
linked when ``quote_match.same_statement`` says they are the same statement, and linked units form a
group (connected components, visited in a fixed order so a re-run gives the same groups). A group
never spans stories: the story decides which articles can share a quote, which keeps the comparison
small and keeps common phrases of unrelated events apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from wiretrace.model import Analysis
from wiretrace.stories.quote_match import LINK_KINDS, MatchParams, same_statement, speakers_agree, surname
from wiretrace.stories.quote_units import QuoteUnit, content_words, normal_form, trimmed, units_of

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from wiretrace.nlp import Embedder


@dataclass(slots=True)
class UnitGroup:
    """A group before it becomes a model record: its units and the kinds of the links inside it."""

    story: str
    units: list[QuoteUnit]
    links: Counter[str] = field(default_factory=Counter)


# Share of the cross-article unit pairs of two groups that must be linked for them to merge.
AVERAGE_LINK = 0.5


class _Groups:
    """Union-find over units, merging by average link (``_sparse``). Two pieces of one article may
    share a group: an outlet may carry a statement in two parts (or in the headline and the body);
    repeats of one piece are thinned out afterwards (``_drop_repeats``)."""

    def __init__(self, units: Sequence[QuoteUnit], params: MatchParams, linked: set[tuple[int, int]]) -> None:
        self.units = units
        self.params = params
        self.linked = linked
        self.parent = list(range(len(units)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(units))}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def _sparse(self, a: list[int], b: list[int]) -> bool:
        """Average link: two groups merge only when at least ``AVERAGE_LINK`` of their cross-article unit
        pairs are linked. Single link would chain: one unit carrying two statements ("X, adding that
        Y"), or a headline echoing two, would fuse the X and Y groups."""
        pairs = [(i, j) for i in a for j in b if self.units[i].article_id != self.units[j].article_id]
        hits = sum((min(i, j), max(i, j)) in self.linked for i, j in pairs)
        return bool(pairs) and hits < AVERAGE_LINK * len(pairs)

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self._sparse(self.members[ra], self.members[rb]):
            return False
        keep, gone = min(ra, rb), max(ra, rb)
        self.parent[gone] = keep
        self.members[keep].extend(self.members.pop(gone))
        return True


def _embeddings(units: Sequence[QuoteUnit], embedder: Embedder | None) -> NDArray[np.float32] | None:
    if embedder is None or not units:
        return None
    return embedder.embed([u.text for u in units])


def group_story(
    story: str,
    analyses: Sequence[Analysis],
    embedder: Embedder | None = None,
    params: MatchParams | None = None,
) -> list[UnitGroup]:
    """The quote groups of one story's articles (groups with members from at least two articles)."""
    p = params or MatchParams()
    units = [u for a in sorted(analyses, key=lambda a: a.article.id) for u in units_of(a)]
    vectors = _embeddings(units, embedder)
    links: list[tuple[int, float, int, int, str]] = []
    for i, u in enumerate(units):
        for j in range(i + 1, len(units)):
            v = units[j]
            if u.article_id == v.article_id:
                continue
            cosine = float(vectors[i] @ vectors[j]) if vectors is not None else None
            found = same_statement(u, v, cosine, p)
            if found is not None:
                links.append((LINK_KINDS.index(found[0]), -found[1], i, j, found[0]))
    groups = _Groups(units, p, {(i, j) for _, _, i, j, _ in links})
    kinds: dict[tuple[int, int], str] = {}
    for _, _, i, j, kind in sorted(links):
        if groups.union(i, j):
            kinds[(i, j)] = kind
    out = []
    for root in sorted(groups.members):
        members = sorted(groups.members[root])
        if len({units[i].article_id for i in members}) < 2:
            continue
        members = _drop_repeats(members, units, groups.linked, p)
        inside = set(members)
        counts = Counter(k for (i, j), k in kinds.items() if i in inside and j in inside)
        out.append(UnitGroup(story, [units[i] for i in members], counts))
    return out


def _drop_repeats(
    members: list[int], units: Sequence[QuoteUnit], linked: set[tuple[int, int]], p: MatchParams
) -> list[int]:
    """One unit per repeat of the statement within an article: a headline that echoes the body's quote,
    a partial quote nested in the reported clause around it, are one appearance. Per article the
    best-linked unit (then the shortest, the tightest span) is kept, and every other unit that overlaps
    it or matches it goes; units that are distinct parts of the statement stay."""
    by_article: dict[str, list[int]] = {}
    for i in members:
        by_article.setdefault(units[i].article_id, []).append(i)
    keep: list[int] = []
    for article_id, ids in by_article.items():
        others = [j for j in members if units[j].article_id != article_id]

        def score(i: int, others: list[int] = others) -> tuple[int, int]:
            return (sum((min(i, j), max(i, j)) in linked for j in others), -len(units[i].text))

        chosen: list[int] = []
        for i in sorted(ids, key=score, reverse=True):
            u = units[i]
            if any(
                not (u.end <= units[k].start or units[k].end <= u.start)
                or same_statement(u, units[k], None, p) is not None
                for k in chosen
            ):
                continue
            chosen.append(i)
        keep.extend(chosen)
    return sorted(keep)


def group_quotes(
    stories: Mapping[str, Sequence[Analysis]],
    embedder: Embedder | None = None,
    params: MatchParams | None = None,
) -> list[UnitGroup]:
    """Quote groups of every story, stories in id order."""
    out: list[UnitGroup] = []
    for story in sorted(stories):
        if len(stories[story]) > 1:
            found = group_story(story, stories[story], embedder, params)
            extend_by_alignment(found, stories[story], params)
            widen_to_quotes(found, stories[story])
            out.extend(found)
    return out


def group_speaker(units: Sequence[QuoteUnit]) -> tuple[str | None, bool]:
    """The speaker most members give (the fullest form of it), and whether members disagree."""
    named = [u.speaker for u in units if u.speaker]
    if not named:
        return None, False
    by_surname = Counter(surname(n) for n in named)
    top = by_surname.most_common(1)[0][0]
    forms = sorted((n for n in named if surname(n) == top), key=lambda n: (-len(n), n))
    disagree = any(not speakers_agree(forms[0], n) for n in named)
    return forms[0], disagree


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen an aligned region to whole words (alignment may stop inside one)."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def extend_by_alignment(
    groups: Sequence[UnitGroup], analyses: Sequence[Analysis], params: MatchParams | None = None
) -> None:
    """Add, to each group, the places in the story's other articles that carry a member's words almost
    verbatim but where the quote detector found no quote (an unmarked sentence of a speech, a quote in
    a caption). Only regions outside every group are taken, so a group never steals another's quote."""
    p = params or MatchParams()
    texts = {a.article.id: a.article.text for a in analyses}
    lowered = {k: t.lower() for k, t in texts.items()}
    taken: dict[str, list[tuple[int, int]]] = {}
    for g in groups:
        for u in g.units:
            taken.setdefault(u.article_id, []).append((u.start, u.end))
    for g in groups:
        present = {u.article_id for u in g.units}
        sources = sorted((u for u in g.units if len(u.text) >= p.align_min_chars), key=lambda u: -len(u.text))
        for article_id in sorted(texts):
            if article_id in present or len(lowered[article_id]) != len(texts[article_id]):
                continue
            for u in sources[: p.align_sources]:
                hit = fuzz.partial_ratio_alignment(u.text.lower(), lowered[article_id])
                if hit is None or hit.score < p.align_ratio:
                    continue
                start, end = _word_bounds(texts[article_id], hit.dest_start, hit.dest_end)
                if any(s < end and start < e for s, e in taken.get(article_id, ())):
                    continue
                piece = texts[article_id][start:end]
                g.units.append(
                    QuoteUnit(
                        article_id,
                        start,
                        end,
                        piece,
                        None,
                        "aligned",
                        -1,
                        content_words(piece),
                        normal_form(piece),
                    )
                )
                g.links["aligned"] += 1
                taken.setdefault(article_id, []).append((start, end))
                present.add(article_id)
                break


def widen_to_quotes(groups: Sequence[UnitGroup], analyses: Sequence[Analysis]) -> None:
    """Give each member the whole quote its sentence was cut from, when no other group holds a piece
    of that quote in the article: a quote is compared sentence by sentence (outlets trim speeches),
    but an outlet that carried the passage whole carried it as one appearance."""
    by_id = {a.article.id: a for a in analyses}
    taken: dict[str, list[tuple[int, int, int]]] = {}
    for gi, g in enumerate(groups):
        for u in g.units:
            taken.setdefault(u.article_id, []).append((u.start, u.end, gi))
    for gi, g in enumerate(groups):
        for k, u in enumerate(g.units):
            if u.quote < 0:
                continue
            a = by_id[u.article_id]
            quote = a.quotes[u.quote]
            wider = None
            for sp in [quote.span, *(n.span for n in quote.nested)]:
                s0, e0 = trimmed(a.article.text, sp.start, sp.end)
                if s0 <= u.start and u.end <= e0 and (s0, e0) != (u.start, u.end):
                    wider = (s0, e0)
            if wider is None:
                continue
            s0, e0 = wider
            if any(gj != gi and s < e0 and s0 < e for s, e, gj in taken[u.article_id]):
                continue
            g.units[k] = QuoteUnit(
                u.article_id, s0, e0, a.article.text[s0:e0], u.speaker, u.kind, u.quote, u.content, u.normal
            )
