"""Speakers recovered through provenance: an unattributed quote whose passage traces to an indexed
source article, where the same words are attributed, gets ``Quote.source_attribution``.

The article's own attribution (``Quote.speaker``) is never touched: "attributed in SOURCE to NAME" is
a different claim from "this article says NAME said it", and a reader needs to see both.
"""

from __future__ import annotations

from collections.abc import Callable

from wiretrace.model import Analysis, Match, Quote, SourceAttribution, Span

# Share of the quote that must lie inside the traced passage.
MIN_COVER = 0.5


def _source_region(match: Match, span: Span) -> Span:
    """Where ``span`` (inside ``match.span``) falls in the source, by proportional offset: the passage
    may be reworded, so this is a window to look in, not an exact alignment."""
    length = max(1, len(match.span))
    scale = len(match.source_span) / length
    start = match.source_span.start + int((max(span.start, match.span.start) - match.span.start) * scale)
    end = match.source_span.start + int((min(span.end, match.span.end) - match.span.start) * scale)
    return Span(start=start, end=max(start, end))


def _attributed_in(source: Analysis, region: Span) -> Quote | None:
    best: tuple[int, Quote] | None = None
    for q in source.quotes:
        if q.speaker is None:
            continue
        overlap = q.span.overlap(region)
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, q)
    return best[1] if best else None


def attribute_through_sources(analysis: Analysis, source_of: Callable[[str], Analysis | None]) -> Analysis:
    """A copy of ``analysis`` in which each unattributed quote covered by a provenance match carries
    the speaker its source gives, when the source attributes those words."""
    if not analysis.matches or all(q.speaker is not None for q in analysis.quotes):
        return analysis
    cache: dict[str, Analysis | None] = {}
    quotes = []
    for quote in analysis.quotes:
        found = None
        if quote.speaker is None and quote.source_attribution is None:
            found = _recover(quote, analysis.matches, source_of, cache)
        quotes.append(quote.model_copy(update={"source_attribution": found}) if found else quote)
    return analysis.model_copy(update={"quotes": quotes})


def _recover(
    quote: Quote,
    matches: list[Match],
    source_of: Callable[[str], Analysis | None],
    cache: dict[str, Analysis | None],
) -> SourceAttribution | None:
    for match in sorted(matches, key=lambda m: (-m.span.overlap(quote.span), m.source_id)):
        if match.span.overlap(quote.span) < MIN_COVER * max(1, len(quote.span)):
            break
        if match.source_id not in cache:
            cache[match.source_id] = source_of(match.source_id)
        source = cache[match.source_id]
        if source is None:
            continue
        attributed = _attributed_in(source, _source_region(match, quote.span))
        if attributed is None or attributed.speaker is None:
            continue
        cue = attributed.cue.of(source.article.text) if attributed.cue else ""
        return SourceAttribution(
            source_id=match.source_id,
            name=attributed.speaker.name,
            source_span=attributed.span,
            evidence=f"passage traced to {match.source_id} (similarity {match.similarity:.2f}); "
            f"attributed there{f' by {cue!r}' if cue else ''}",
        )
    return None
