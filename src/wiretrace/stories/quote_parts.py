"""Statements cut in two, and members widened to the quote they were cut from.

Quotes are compared sentence by sentence (``quote_units``), so a statement of two sentences carried
whole by some outlets and in part by others can come out as two groups, and a member can be one
sentence of a passage an outlet carried whole. ``join_parts`` joins the two groups when outlets carry
the sentences together; ``widen_to_quotes`` gives each member the quote (or quote piece) it came from.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from wiretrace.model import Analysis
from wiretrace.stories.quote_units import QuoteUnit, UnitGroup, trimmed


def holder(analysis: Analysis, unit: QuoteUnit) -> tuple[int, int]:
    """The innermost span of the unit's quote that holds it (trimmed of quotation marks): the piece or
    the whole quote a sentence was cut from, the nested partial quote itself. The unit's own span
    when it comes from no quote (an aligned copy)."""
    if unit.quote < 0:
        return unit.start, unit.end
    quote = analysis.quotes[unit.quote]
    text = analysis.article.text
    spans = [quote.span, *quote.pieces, *(n.span for n in quote.nested)]
    inside = [
        (s, e)
        for s, e in (trimmed(text, sp.start, sp.end) for sp in spans)
        if s <= unit.start and unit.end <= e
    ]
    return min(inside, key=lambda se: se[1] - se[0]) if inside else (unit.start, unit.end)


# Two groups are one statement cut in two when at least this many articles carry both parts in one
# quote (and more articles carry them together than apart).
JOIN_TOGETHER = 2


def join_parts(groups: list[UnitGroup], analyses: Sequence[Analysis]) -> list[UnitGroup]:
    """Join groups that are two sentences of one statement: quotes are compared sentence by sentence,
    so "A. B." carried whole by two outlets and "A." alone by a third makes an A group and a B group;
    when outlets carry A and B inside one quote (one paragraph of it) more often than as separate
    quotes, and at least ``JOIN_TOGETHER`` do, the two groups are one statement. A group joins one
    other at most (the pairs carried together most often first): a speech that outlets print in one
    paragraph does not become one statement, and sentences printed as separate paragraphs or quotes
    stay separate groups."""
    by_id = {a.article.id: a for a in analyses}
    places = [
        {(u.article_id, holder(by_id[u.article_id], u)) for u in g.units if u.article_id in by_id}
        for g in groups
    ]
    arts = [{a for a, _ in p} for p in places]
    candidates: list[tuple[int, int, int]] = []
    for i in range(len(groups)):
        for j in range(i + 1, len(groups)):
            if groups[i].story != groups[j].story:
                continue
            together = {a for a, h in places[i] & places[j]}
            apart = (arts[i] & arts[j]) - together
            if len(together) >= JOIN_TOGETHER and len(together) > len(apart):
                candidates.append((-len(together), i, j))
    partner: dict[int, int] = {}
    for _, i, j in sorted(candidates):
        if i not in partner and j not in partner:
            partner[i], partner[j] = j, i
    out: list[UnitGroup] = []
    for i, g in enumerate(groups):
        other = partner.get(i)
        if other is not None and other < i:
            continue
        joined = UnitGroup(g.story, list(g.units), Counter(g.links))
        if other is not None:
            joined.units.extend(groups[other].units)
            joined.links.update(groups[other].links)
        out.append(joined)
    return out


def widen_to_quotes(groups: Sequence[UnitGroup], analyses: Sequence[Analysis]) -> None:
    """Give each member the whole quote (or quote piece) its sentence was cut from, when no other group
    holds a piece of it in the article: a quote is compared sentence by sentence (outlets trim
    speeches), but an outlet that carried the passage whole carried it as one appearance. Where another
    group holds a piece, the sentences this group holds in that quote still become one member (from the
    first to the last of them)."""
    by_id = {a.article.id: a for a in analyses}
    taken: dict[str, list[tuple[int, int, int]]] = {}
    for gi, g in enumerate(groups):
        for u in g.units:
            taken.setdefault(u.article_id, []).append((u.start, u.end, gi))

    def free(article_id: str, start: int, end: int, gi: int) -> bool:
        return not any(gj != gi and s < end and start < e for s, e, gj in taken[article_id])

    for gi, g in enumerate(groups):
        parts: dict[tuple[str, int, int], list[QuoteUnit]] = {}
        for u in g.units:
            if u.quote < 0:
                parts[(u.article_id, u.start, u.end)] = [u]
            else:
                parts.setdefault((u.article_id, *holder(by_id[u.article_id], u)), []).append(u)
        units: list[QuoteUnit] = []
        for (article_id, h0, h1), us in parts.items():
            s0, e0 = min(u.start for u in us), max(u.end for u in us)
            if free(article_id, h0, h1, gi):
                s0, e0 = h0, h1
            elif len(us) == 1 or not free(article_id, s0, e0, gi):
                units.extend(us)
                continue
            first = min(us, key=lambda u: u.start)
            if (s0, e0) == (first.start, first.end):
                units.append(first)
                continue
            piece = by_id[article_id].article.text[s0:e0]
            units.append(QuoteUnit.of(article_id, s0, e0, piece, first.speaker, first.kind, first.quote))
        g.units[:] = units
