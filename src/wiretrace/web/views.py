"""View models for the templates: plain values, so templates only loop and print (autoescaped).

Everything from an article (text, title, outlet, URL, speaker names) stays a plain string until Jinja2
escapes it; a URL becomes a link only when it is http(s).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote as urlquote
from urllib.parse import urlsplit

from wiretrace.api.deps import SourcePassage
from wiretrace.model import Analysis, Flag, Quote
from wiretrace.output.segments import DiffPart, Segment, flat_quotes, paragraphs, word_diff

PALETTE_SIZE = 8
FLAG_NAMES = {
    "duplicate_headline": "repeated headline",
    "boilerplate": "boilerplate",
    "caption": "photo caption",
    "off_topic": "another story",
    "near_duplicate": "repeated passage",
    "spinning": "spun wording",
}


def safe_href(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) link, else None (``javascript:``, ``data:``... never link)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def path_part(value: str) -> str:
    return urlquote(value, safe="")


@dataclass(frozen=True, slots=True)
class SegmentView:
    text: str
    css: str = ""
    href: str | None = None
    tip: str | None = None
    anchor: str | None = None
    quote: int | None = None
    described_by: str | None = None


@dataclass(frozen=True, slots=True)
class QuoteView:
    index: int
    text: str
    kind: str
    speaker: str | None
    speaker_href: str | None
    colour: int | None
    cue: str | None
    evidence: str
    confidence: float
    mode: str
    reported_by: list[str]
    unattributed_reason: str | None


@dataclass(frozen=True, slots=True)
class FlagView:
    index: int
    label: str
    name: str
    reason: str
    score: float
    text: str
    original: str | None


@dataclass(frozen=True, slots=True)
class SourceView:
    index: int
    source_id: str
    source_href: str
    title: str | None
    outlet: str | None
    published: str | None
    similarity: float
    transform: list[str]
    substitutions: list[tuple[str, str]]
    article_parts: list[DiffPart]
    source_parts: list[DiffPart] | None


@dataclass(slots=True)
class ArticleView:
    analysis: Analysis
    url_href: str | None
    paragraphs: list[list[SegmentView]]
    quotes: list[QuoteView]
    flags: list[FlagView]
    sources: list[SourceView]
    speakers: list[tuple[str, int, str | None]] = field(default_factory=list)


def speaker_colours(quotes: list[Quote]) -> dict[str, int]:
    """A palette slot per speaker, in order of first quote, so colours are stable for one article."""
    colours: dict[str, int] = {}
    for q in quotes:
        if q.speaker and q.speaker.name not in colours:
            colours[q.speaker.name] = len(colours) % PALETTE_SIZE
    return colours


def quote_tip(analysis: Analysis, q: Quote) -> str:
    parts = [q.speaker.name if q.speaker else "unattributed"]
    if q.cue:
        parts.append(f"cue: {analysis.text_of(q.cue)}")
    if q.evidence:
        parts.append(q.evidence)
    parts.append(f"confidence {q.confidence:.0%}")
    return " · ".join(parts)


def article_view(analysis: Analysis, passages: list[SourcePassage], *, corpus: bool) -> ArticleView:
    quotes = flat_quotes(analysis)
    colours = speaker_colours(quotes)
    tips = [quote_tip(analysis, q) for q in quotes]
    seen: set[tuple[str, int]] = set()

    def segment_view(seg: Segment) -> SegmentView:
        css: list[str] = []
        anchor = None
        for m in seg.marks:
            key = (m.kind, m.index)
            if key not in seen:
                seen.add(key)
                anchor = anchor or f"{m.kind}-{m.index}"
        qmarks = seg.of_kind("quote")
        q = qmarks[-1].index if qmarks else None  # the innermost (nested quotes come later)
        if q is not None:
            speaker = quotes[q].speaker
            css.append("q")
            css.append(f"s{colours[speaker.name]}" if speaker else "s-none")
        if seg.of_kind("cue"):
            css.append("cue")
        if seg.of_kind("speaker"):
            css.append("spk")
        css.extend(f"fl fl-{m.label}" for m in seg.of_kind("flag")[:1])
        if seg.of_kind("match"):
            css.append("src")
        if q is not None and not seg.text.strip():
            q = None  # a link must have text: a run of spaces inside a quote stays plain
        return SegmentView(
            text=seg.text,
            css=" ".join(css),
            href=f"#qd-{q}" if q is not None else None,
            tip=tips[q] if q is not None else None,
            anchor=anchor,
            quote=q,
            described_by=f"qd-{q}" if q is not None else None,
        )

    paras = [[segment_view(s) for s in p.segments] for p in paragraphs(analysis)]
    quote_views = [_quote_view(analysis, i, q, colours, corpus) for i, q in enumerate(quotes)]
    flag_views = [_flag_view(analysis, i, f) for i, f in enumerate(analysis.flags)]
    speakers = [
        (name, slot, f"/speakers/{path_part(name)}" if corpus else None) for name, slot in colours.items()
    ]
    return ArticleView(
        analysis=analysis,
        url_href=safe_href(analysis.article.url),
        paragraphs=paras,
        quotes=quote_views,
        flags=flag_views,
        sources=[_source_view(analysis, p) for p in passages],
        speakers=speakers,
    )


def _quote_view(analysis: Analysis, i: int, q: Quote, colours: dict[str, int], corpus: bool) -> QuoteView:
    name = q.speaker.name if q.speaker else None
    return QuoteView(
        index=i,
        text=" … ".join(analysis.text_of(p) for p in q.pieces) if q.pieces else analysis.text_of(q.span),
        kind=q.kind,
        speaker=name,
        speaker_href=f"/speakers/{path_part(name)}" if name and corpus else None,
        colour=colours.get(name) if name else None,
        cue=analysis.text_of(q.cue) if q.cue else None,
        evidence=q.evidence,
        confidence=q.confidence,
        mode=q.mode,
        reported_by=q.reported_by,
        unattributed_reason=q.unattributed_reason,
    )


def _flag_view(analysis: Analysis, i: int, f: Flag) -> FlagView:
    return FlagView(
        index=i,
        label=f.label,
        name=FLAG_NAMES.get(f.label, f.label),
        reason=f.reason,
        score=f.score,
        text=analysis.text_of(f.span),
        original=f.original,
    )


def _source_view(analysis: Analysis, p: SourcePassage) -> SourceView:
    m = analysis.matches[p.match_index]
    if p.source_text is not None:
        left, right = word_diff(p.article_text, p.source_text)
        right_parts: list[DiffPart] | None = right
    else:
        left, right_parts = [DiffPart(p.article_text, False)], None
    return SourceView(
        index=p.match_index,
        source_id=p.source_id,
        source_href=f"/articles/{path_part(p.source_id)}",
        title=p.source_title,
        outlet=p.source_outlet,
        published=p.source_published.isoformat() if p.source_published else None,
        similarity=m.similarity,
        transform=m.transform,
        substitutions=[(s.source, s.article) for s in m.substitutions],
        article_parts=left,
        source_parts=right_parts,
    )


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A search snippet split on the store's ``**hit**`` markers: (text, is_hit) runs, escaped later."""
    return [(part, i % 2 == 1) for i, part in enumerate(snippet.split("**")) if part]
