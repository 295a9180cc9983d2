"""Run every integrity detector over one article and turn the hits into ``Flag`` objects.

Region flags (duplicated headline, boilerplate, caption, off-topic) claim text exclusively: when two
overlap, the higher score keeps it. Near-duplicate and spinning flags may overlap anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wiretrace.analyze.integrity.boilerplate import find_boilerplate, refine_units
from wiretrace.analyze.integrity.captions import find_captions, split_leading_credits
from wiretrace.analyze.integrity.headline import find_duplicate_headlines
from wiretrace.analyze.integrity.intervals import Claims
from wiretrace.analyze.integrity.near_duplicate import find_near_duplicates
from wiretrace.analyze.integrity.off_topic import find_off_topic
from wiretrace.analyze.integrity.segments import Segmented, segment
from wiretrace.analyze.integrity.spinning import find_spinning
from wiretrace.model import Article, Entity, Flag, Match, Quote, Span
from wiretrace.nlp import load_embedder
from wiretrace.settings import FlagSettings

if TYPE_CHECKING:
    from spacy.tokens import Doc

_REGION = ("duplicate_headline", "boilerplate", "caption", "off_topic")


def _keep_exclusive(flags: list[Flag]) -> list[Flag]:
    kept: list[Flag] = []
    claims = Claims()
    for f in sorted(flags, key=lambda f: (-f.score, f.span.start)):
        if claims.free(f.span.start, f.span.end):
            kept.append(f)
            claims.claim(f.span.start, f.span.end)
    return kept


def _merge_adjacent(text: str, flags: list[Flag]) -> list[Flag]:
    """Join same-label flags separated only by spaces on one line ("Copyright X." "All rights ...")."""
    out: list[Flag] = []
    for f in sorted(flags, key=lambda f: f.span.start):
        prev = out[-1] if out else None
        gap = text[prev.span.end : f.span.start] if prev else "\n"
        if prev and prev.label == f.label and f.label != "off_topic" and not gap.strip() and "\n" not in gap:
            span = Span(start=prev.span.start, end=f.span.end)
            out[-1] = prev.model_copy(update={"span": span, "score": max(prev.score, f.score)})
        else:
            out.append(f)
    return out


def prepare(text: str, doc: Doc | None) -> Segmented:
    """The text cut into lines and units the way every detector sees it."""
    return split_leading_credits(refine_units(segment(text, doc)))


def find_regions(seg: Segmented, title: str | None, cfg: FlagSettings) -> list[Flag]:
    """Duplicated headline, boilerplate and caption flags, one claim per character."""
    region: list[Flag] = []
    for h in find_duplicate_headlines(seg, title):
        glued = " (glued to the next sentence)" if h.glued else ""
        region.append(
            Flag(
                label="duplicate_headline",
                span=Span(start=h.start, end=h.end),
                score=h.score,
                reason=f"repeats the headline{glued}",
                related=[Span(start=h.first[0], end=h.first[1])] if h.first != (0, 0) else [],
            )
        )
    for b in find_boilerplate(seg, cfg.min_score):
        region.append(
            Flag(
                label="boilerplate",
                span=Span(start=b.start, end=b.end),
                score=round(b.score, 3),
                reason=b.reason,
            )
        )
    for c in find_captions(seg, cfg.min_score):
        region.append(
            Flag(
                label="caption", span=Span(start=c.start, end=c.end), score=round(c.score, 3), reason=c.reason
            )
        )
    return _merge_adjacent(seg.text, _keep_exclusive(region))


def detect_flags(
    article: Article,
    doc: Doc | None,
    cfg: FlagSettings,
    *,
    matches: list[Match] | None = None,
    entities: list[Entity] | None = None,
    quotes: list[Quote] | None = None,
) -> list[Flag]:
    seg = prepare(article.text, doc)
    if not seg.lines:
        return []
    region = find_regions(seg, article.title, cfg)
    taken = [(f.span.start, f.span.end) for f in region]
    embedder = load_embedder() if cfg.embeddings else None
    region += find_off_topic(
        seg, article.title, cfg, taken=taken, matches=matches or [], entities=entities, embedder=embedder
    )
    region = _keep_exclusive(region)
    taken = [(f.span.start, f.span.end) for f in region if f.label != "off_topic"]
    extra = find_near_duplicates(seg, cfg, taken=taken, quotes=quotes or [], embedder=embedder)
    extra += find_spinning(seg, cfg, matches=matches or [])
    flags = [f for f in region + extra if f.score >= cfg.min_score]
    return sorted(flags, key=lambda f: (f.span.start, f.span.end, f.label))
