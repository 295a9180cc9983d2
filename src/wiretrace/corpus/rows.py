"""An ``Analysis`` as table rows (quotes, entities, flags, matches): pure functions, no SQL.

Rows hold offsets, never copies of the article's substrings; the backends cut texts when reading.
Both backends insert exactly these tuples, in the column order of their tables.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from wiretrace.model import Analysis, Quote

Row = tuple[object, ...]


@dataclass(slots=True)
class AnalysisRows:
    analysis: Row
    quotes: list[Row] = field(default_factory=list)
    entities: list[Row] = field(default_factory=list)
    flags: list[Row] = field(default_factory=list)
    matches: list[Row] = field(default_factory=list)


def speaker_key(name: str) -> str:
    """What speaker searches compare: case-folded, so 'ÖSTRAND' finds 'Östrand' on either backend."""
    return name.casefold()


def analysis_json(analysis: Analysis) -> str:
    """The stored JSON: the whole analysis except the article text, which lives in ``articles``."""
    return analysis.model_dump_json(exclude={"article": {"text"}})


def analysis_rows(doc: int, analysis: Analysis, analysed_at: str) -> AnalysisRows:
    verdict = analysis.summary.verdict if analysis.summary else None
    out = AnalysisRows(
        analysis=(
            doc,
            analysis.schema_version,
            json.dumps(analysis.stages),
            verdict,
            analysis.indexed_as,
            analysis_json(analysis),
            analysed_at,
        )
    )
    n = 0
    for quote in analysis.quotes:
        n = _quote_rows(doc, quote, n, None, out.quotes)
    out.entities = [(doc, e.id, e.name, e.label, len(e.mentions)) for e in analysis.entities]
    out.flags = [
        (doc, i, f.label, f.span.start, f.span.end, f.score, f.reason) for i, f in enumerate(analysis.flags)
    ]
    out.matches = [
        (
            doc,
            i,
            m.span.start,
            m.span.end,
            m.source_id,
            m.source_span.start,
            m.source_span.end,
            m.similarity,
            ",".join(m.transform),
            m.source_published,
        )
        for i, m in enumerate(analysis.matches)
    ]
    return out


def _quote_rows(doc: int, quote: Quote, n: int, parent: int | None, rows: list[Row]) -> int:
    speaker = quote.speaker.name if quote.speaker else None
    cue = quote.cue
    rows.append(
        (
            doc,
            n,
            quote.span.start,
            quote.span.end,
            quote.kind,
            speaker,
            speaker_key(speaker) if speaker else None,
            quote.speaker.kind if quote.speaker else None,
            cue.start if cue else None,
            cue.end if cue else None,
            quote.mode,
            quote.confidence,
            parent,
        )
    )
    me = n
    n += 1
    for inner in quote.nested:
        n = _quote_rows(doc, inner, n, me, rows)
    return n
