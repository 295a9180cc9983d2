"""Quote groups: one statement by one speaker, carried by several articles of one story.

Units (sentence-sized quote pieces, ``quote_units.py``) of different articles of the same story are
linked when ``quote_match.same_statement`` says they are the same statement, and linked units form
groups by average link (visited in a fixed order so a re-run gives the same groups); per article one
unit stands for each appearance. ``story_quote_groups`` then joins statements cut in two and widens
members to their quotes (``quote_parts.py``) and adds the members text search finds
(``quote_align.py``). A group never spans stories: the story decides which articles can share a
quote, which keeps the comparison small and keeps common phrases of unrelated events apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from wiretrace.model import Analysis
from wiretrace.stories.quote_align import align_copies
from wiretrace.stories.quote_match import (
    LINK_KINDS,
    MatchParams,
    affiliations,
    same_statement,
    shared_passage,
    speakers_agree,
)
from wiretrace.stories.quote_parts import join_parts, widen_to_quotes
from wiretrace.stories.quote_units import QuoteUnit, UnitGroup, content_words, units_of

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from wiretrace.nlp import Embedder


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


def story_units(analyses: Sequence[Analysis], *, short: bool = False) -> list[QuoteUnit]:
    """Every quote unit (``short``: every short quote) of the story's articles, articles in id order."""
    return [u for a in sorted(analyses, key=lambda a: a.article.id) for u in units_of(a, short=short)]


def group_story(
    story: str,
    analyses: Sequence[Analysis],
    embedder: Embedder | None = None,
    params: MatchParams | None = None,
) -> list[UnitGroup]:
    """The quote groups of one story's articles (groups with members from at least two articles)."""
    return group_units(story, story_units(analyses), embedder, params)


def group_units(
    story: str,
    units: Sequence[QuoteUnit],
    embedder: Embedder | None = None,
    params: MatchParams | None = None,
) -> list[UnitGroup]:
    """Link ``units`` (of one story) and group the linked ones."""
    p = params or MatchParams()
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


# A second appearance of a statement in one article's body (quoted again further down) is a member
# of its own when it is quoted words of at least this many words; a shorter echo is a mention.
REPEAT_MIN_WORDS = 6
# ... and not much longer than the first member (a longer passage carries other statements too)
REPEAT_MAX_LENGTH = 1.5

# Which unit stands for an article's appearance when several are linked as well: quoted words (a
# direct or a partial quote) before the reported clause or headline that echoes them.
_KIND_RANK = {"direct": 1, "partial": 1}


def _drop_repeats(
    members: list[int], units: Sequence[QuoteUnit], linked: set[tuple[int, int]], p: MatchParams
) -> list[int]:
    """One unit per appearance of the statement in an article. A headline that echoes the body's quote,
    a partial quote nested in the reported clause around it, a reported clause restating it, a short
    echo of it, are one appearance; the statement quoted again further down the body
    (``REPEAT_MIN_WORDS`` quoted words or more) is a second one, and so is another quoted part of it.
    Per article the units are ranked (body before headline, best linked to the other articles, quoted
    words before a reported clause, closest in wording to the other members, shortest); the first is
    kept, and each next one if it is quoted words in the body, not much longer than the first
    (``REPEAT_MAX_LENGTH``: a longer passage carries other statements too), that neither overlap nor
    echo a kept one."""
    by_article: dict[str, list[int]] = {}
    for i in members:
        by_article.setdefault(units[i].article_id, []).append(i)
    keep: list[int] = []
    for article_id, ids in by_article.items():
        others = [j for j in members if units[j].article_id != article_id]

        def score(i: int, others: list[int] = others) -> tuple[bool, int, int, float, int]:
            links = sum((min(i, j), max(i, j)) in linked for j in others)
            # then the closest in wording to the other articles' members (the body's full quote over
            # a headline's paraphrase of it; the repeated sentence over a fragment of it)
            alike = sum(fuzz.ratio(units[i].normal, units[j].normal) for j in others) / max(1, len(others))
            return (
                not units[i].in_title,
                links,
                _KIND_RANK.get(units[i].kind, 0),
                round(alike),
                -len(units[i].text),
            )

        chosen: list[int] = []
        for i in sorted(ids, key=score, reverse=True):
            u = units[i]
            # a second member of one article is quoted words in the body: a headline, a reported
            # clause, are mentions of the statement
            if chosen and (
                u.in_title
                or u.kind not in _KIND_RANK
                or len(u.text) > REPEAT_MAX_LENGTH * len(units[chosen[0]].text)
            ):
                continue
            # ... not overlapping a kept unit, and not a short echo of one
            if any(
                not (u.end <= units[k].start or units[k].end <= u.start)
                or (
                    len(u.normal.split()) < REPEAT_MIN_WORDS
                    and same_statement(u, units[k], None, p) is not None
                )
                for k in chosen
            ):
                continue
            chosen.append(i)
        keep.extend(chosen)
    return sorted(keep)


# Two groups are one statement, quoted and reported, when a run of this many words or more (two of
# them content words) is carried by at least half of the members of each.
SHARED_RUN_WORDS = 5


def _carried(run: str, g: UnitGroup) -> bool:
    padded = f" {run} "
    return 2 * sum(padded in f" {u.normal} " for u in g.units) >= len(g.units)


def shared_run(g: UnitGroup, h: UnitGroup) -> str | None:
    """The longest word run (``SHARED_RUN_WORDS``) half of each group's members carry, or None."""
    best: str | None = None
    for u in g.units:
        for v in h.units:
            if len(u.content & v.content) < 2:
                continue
            run = " ".join(shared_passage(u.normal, v.normal))
            if len(run.split()) < SHARED_RUN_WORDS or (best is not None and len(run) <= len(best)):
                continue
            if len(content_words(run)) >= 2 and _carried(run, g) and _carried(run, h):
                best = run
    return best


def join_restatements(
    groups: list[UnitGroup], p: MatchParams, affiliated: frozenset[frozenset[str]] = frozenset()
) -> list[UnitGroup]:
    """Join a group of reported versions of a statement to the group that quotes it ("X can now be
    classed as Y", said of "we have decided that X can be classed as Y"): half of the members of each
    carry one run of words (``shared_run``), and their speakers agree. Each article then keeps one
    appearance (``_drop_repeats``: the quoted words before the reported clause)."""
    into: dict[int, int] = {}
    for i, g in enumerate(groups):
        for j in range(i + 1, len(groups)):
            h = groups[j]
            if j in into or i in into or h.story != g.story:
                continue
            if not speakers_agree(group_speaker(g.units)[0], group_speaker(h.units)[0], affiliated):
                continue
            if shared_run(g, h) is not None:
                into[j] = i
    out: list[UnitGroup] = []
    for i, g in enumerate(groups):
        if i in into:
            continue
        parts = [g, *(groups[j] for j, k in sorted(into.items()) if k == i)]
        if len(parts) == 1:
            out.append(g)
            continue
        units = [u for part in parts for u in part.units]
        origin = [k for k, part in enumerate(parts) for _ in part.units]
        linked = {
            (a, b) for a in range(len(units)) for b in range(a + 1, len(units)) if origin[a] == origin[b]
        }
        keep = _drop_repeats(list(range(len(units))), units, linked, p)
        links: Counter[str] = Counter()
        for part in parts:
            links.update(part.links)
        out.append(UnitGroup(g.story, [units[k] for k in keep], links))
    return out


def group_quotes(
    stories: Mapping[str, Sequence[Analysis]],
    embedder: Embedder | None = None,
    params: MatchParams | None = None,
) -> list[UnitGroup]:
    """Quote groups of every story, stories in id order."""
    out: list[UnitGroup] = []
    for story in sorted(stories):
        if len(stories[story]) > 1:
            out.extend(story_quote_groups(story, stories[story], embedder, params))
    return out


def group_speaker(
    units: Sequence[QuoteUnit], affiliated: frozenset[frozenset[str]] = frozenset()
) -> tuple[str | None, bool]:
    """The speaker most members give (the fullest form of it: the full name over a surname, the
    expansion over an acronym), and whether members disagree. Names are counted together when
    ``speakers_agree`` (a surname, an acronym), so "SCA" and "Suez Canal Authority" are one vote."""
    named = [u.speaker for u in units if u.speaker]
    if not named:
        return None, False
    forms: list[list[str]] = []
    for n in named:
        home = next((f for f in forms if any(speakers_agree(n, m) for m in f)), None)
        if home is None:
            forms.append([n])
        else:
            home.append(n)
    top = max(forms, key=len)
    votes = Counter(top)
    # the longest form; of equal ones the commonest, then the one not shouting ("LIZ Truss")
    best = min(
        votes, key=lambda n: (-len(n), -votes[n], sum(w.isupper() and len(w) > 1 for w in n.split()), n)
    )
    disagree = any(not speakers_agree(best, n, affiliated) for n in named)
    return best, disagree


def story_quote_groups(
    story: str,
    analyses: Sequence[Analysis],
    embedder: Embedder | None = None,
    params: MatchParams | None = None,
) -> list[UnitGroup]:
    """Every step for one story: link and group units, join statements cut in two, add unmarked copies
    found in the story's other articles, widen members to the quote they were cut from."""
    units = story_units(analyses)
    tied = affiliations(analyses)
    found = join_parts(group_units(story, units, embedder, params), analyses)
    found = join_restatements(found, params or MatchParams(), tied)
    found = align_copies(story, found, units, story_units(analyses, short=True), analyses, params)
    widen_to_quotes(found, analyses)
    for g in found:
        g.affiliated = tied
    return found
