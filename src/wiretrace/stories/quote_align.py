"""Members found by text search: a statement's words in another article of the story, where that
article's quote detector found no quote (an unmarked sentence of a speech, a quote in a caption, a
quote whose marks were lost in copying) or found only a fragment of it.

Each search is a fuzzy alignment of a unit's words in the other article's text (rapidfuzz
``partial_ratio_alignment`` on lowercased text, so case does not count and a changed comma costs
little). Four uses:

* a group gains the articles that carry one of its members almost verbatim;
* a member that is a fragment of such a copy (a reported clause cut out of the sentence) becomes the
  whole copy;
* a unit in no group whose words another article carries is the seed of a new group: the quote was
  repeated, only the detector missed the repeat;
* a quote too short to compare on its own (two words) joins a group whose member contains its words.

Only regions outside every group are taken, so a group never steals another's quote.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz import fuzz

from wiretrace.model import Analysis
from wiretrace.stories.quote_match import MatchParams
from wiretrace.stories.quote_units import QuoteUnit, UnitGroup, content_words

Region = tuple[int, int]

# The share of a unit's content words an article may lack and still be searched for a copy of it.
MISSING_WORDS = 0.25


def _word_bounds(text: str, start: int, end: int) -> Region:
    """Widen an aligned region to whole words (alignment may stop inside one), without the spaces and
    punctuation it may have taken before the first word or the spaces after the last."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Regions of two groups may touch (a detected quote's boundary a word off) but not share more than
# this share of the smaller one.
OVERLAP_SHARE = 0.2


def _overlaps(a: Region, b: Region) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared > OVERLAP_SHARE * min(a[1] - a[0], b[1] - b[0])


class _Texts:
    """The story's article texts, lowercased once, and the regions groups hold in each."""

    def __init__(self, groups: Sequence[UnitGroup], analyses: Sequence[Analysis]) -> None:
        self.text = {a.article.id: a.article.text for a in analyses}
        # lowercasing must keep offsets (it does not for a few characters, e.g. "İ")
        self.lower = {k: t.lower() for k, t in self.text.items() if len(t.lower()) == len(t)}
        self.taken: dict[str, list[Region]] = {}
        self.words: dict[str, frozenset[str]] = {}
        for g in groups:
            for u in g.units:
                self.take(u.article_id, (u.start, u.end))

    def take(self, article_id: str, region: Region) -> None:
        self.taken.setdefault(article_id, []).append(region)

    def find(self, unit: QuoteUnit, article_id: str, ratio: float) -> Region | None:
        """Where the unit's words appear almost verbatim in the article (whole words), or None."""
        haystack = self.lower.get(article_id)
        if haystack is None:
            return None
        # an almost verbatim copy has almost all the unit's content words: a set test first keeps
        # the alignments (the cost) to the articles that may hold one
        words = self.words.get(article_id)
        if words is None:
            words = self.words[article_id] = content_words(self.text[article_id])
        if len(unit.content - words) > max(1.0, len(unit.content) * MISSING_WORDS):
            return None
        hit = fuzz.partial_ratio_alignment(unit.text.lower(), haystack, score_cutoff=ratio)
        if hit is None or hit.dest_end <= hit.dest_start:
            return None
        return _word_bounds(self.text[article_id], hit.dest_start, hit.dest_end)

    def free(self, article_id: str, region: Region, allowed: Sequence[Region] = ()) -> bool:
        return not any(_overlaps(t, region) for t in self.taken.get(article_id, ()) if t not in allowed)

    def unit(self, article_id: str, region: Region) -> QuoteUnit:
        piece = self.text[article_id][region[0] : region[1]]
        return QuoteUnit.of(article_id, region[0], region[1], piece, None, "aligned", -1)


def _extend(g: UnitGroup, texts: _Texts, p: MatchParams) -> None:
    """Add the group's copies in the story's other articles; replace a member that is a fragment of a
    copy of another member by the whole copy."""
    sources = sorted(
        (u for u in g.units if len(u.text) >= p.align_min_chars), key=lambda u: (-len(u.text), u.start)
    )
    for article_id in sorted(texts.text):
        for u in sources[: p.align_sources]:
            if u.article_id == article_id:
                continue
            region = texts.find(u, article_id, p.align_ratio)
            if region is None:
                continue
            mine = [m for m in g.units if m.article_id == article_id]
            inside = [(m.start, m.end) for m in mine if _overlaps((m.start, m.end), region)]
            if not texts.free(article_id, region, inside):
                continue
            if not mine:
                g.units.append(texts.unit(article_id, region))
                g.links["aligned"] += 1
                texts.take(article_id, region)
                break
            # a fragment (the member) of a fuller copy (the region): the copy is the appearance
            wider = [r for r in inside if region[0] <= r[0] and r[1] <= region[1] and r != region]
            if wider and len(wider) == len(inside):
                kept = [m for m in g.units if m.article_id != article_id or (m.start, m.end) not in wider]
                first = min((m for m in mine if (m.start, m.end) in wider), key=lambda m: m.start)
                g.units[:] = [*kept, replace(texts.unit(article_id, region), speaker=first.speaker)]
                texts.take(article_id, region)
            break


def _attach_short(g: UnitGroup, shorts: Sequence[QuoteUnit], texts: _Texts) -> None:
    """Add the short quotes (``units_of(short=True)``) of the story's other articles whose words are a
    run of a member's words: "consistently candid" in quotation marks, where other outlets quote the
    whole sentence around it."""
    present = {u.article_id for u in g.units}
    normals = [f" {u.normal} " for u in g.units]
    for s in shorts:
        if s.article_id in present or not texts.free(s.article_id, (s.start, s.end)):
            continue
        if any(f" {s.normal} " in n for n in normals):
            g.units.append(s)
            g.links["verbatim"] += 1
            texts.take(s.article_id, (s.start, s.end))
            present.add(s.article_id)


def _seed(u: QuoteUnit, texts: _Texts, p: MatchParams, story: str) -> UnitGroup | None:
    """A new group from a unit in no group and its copies in the story's other articles, if any."""
    if len(u.text) < p.align_min_chars or not texts.free(u.article_id, (u.start, u.end)):
        return None
    found: list[QuoteUnit] = []
    for article_id in sorted(texts.text):
        if article_id == u.article_id:
            continue
        region = texts.find(u, article_id, p.align_ratio)
        if region is not None and texts.free(article_id, region):
            found.append(texts.unit(article_id, region))
    if not found:
        return None
    for m in (u, *found):
        texts.take(m.article_id, (m.start, m.end))
    return UnitGroup(story, [u, *found], Counter(aligned=len(found)))


def align_copies(
    story: str,
    groups: list[UnitGroup],
    units: Sequence[QuoteUnit],
    shorts: Sequence[QuoteUnit],
    analyses: Sequence[Analysis],
    params: MatchParams | None = None,
) -> list[UnitGroup]:
    """``groups`` extended by text search and by the ``shorts`` (``units_of(short=True)``) their members
    contain, followed by the new groups seeded by ``units`` in no group (longest first, so a sentence
    seeds before a fragment of it)."""
    p = params or MatchParams()
    texts = _Texts(groups, analyses)
    for g in groups:
        _extend(g, texts, p)
        _attach_short(g, shorts, texts)
    out = list(groups)
    for u in sorted(units, key=lambda u: (-len(u.text), u.article_id, u.start)):
        seeded = _seed(u, texts, p, story)
        if seeded is not None:
            out.append(seeded)
    return out
