"""The article summary: share of text flagged per label, stitched-source count and a verdict line."""

from __future__ import annotations

from wiretrace.model import Flag, Match, Summary

_NAMES = {
    "off_topic": "off-topic",
    "boilerplate": "boilerplate",
    "caption": "captions",
    "duplicate_headline": "repeated headline",
    "near_duplicate": "repeated passages",
    "spinning": "spun wording",
}


def flagged_share(text: str, flags: list[Flag]) -> dict[str, float]:
    """Per label, the share of the text's non-space characters its flags cover (overlaps counted once)."""
    total = sum(1 for ch in text if not ch.isspace()) or 1
    covered: dict[str, set[int]] = {}
    for f in flags:
        seen = covered.setdefault(f.label, set())
        seen.update(i for i in range(f.span.start, min(f.span.end, len(text))) if not text[i].isspace())
    return {label: round(len(idx) / total, 4) for label, idx in sorted(covered.items())}


def _count(n: int, label: str) -> str:
    one, many = {
        "near_duplicate": ("repeated passage", "repeated passages"),
        "spinning": ("spun phrase", "spun phrases"),
    }[label]
    return f"{n} {one if n == 1 else many}"


def _pct(x: float) -> str:
    return f"{x:.1%}" if x < 0.1 else f"{x:.0%}"


def verdict(share: dict[str, float], flags: list[Flag], sources: int | None) -> str:
    foreign = sum(share.get(k, 0.0) for k in ("off_topic", "boilerplate", "caption", "duplicate_headline"))
    counts = {k: sum(1 for f in flags if f.label == k) for k in _NAMES}
    parts = [
        f"{_NAMES[k]} {_pct(share[k])}"
        for k in ("off_topic", "boilerplate", "caption", "duplicate_headline")
        if share.get(k)
    ]
    notes = [_count(counts[k], k) for k in ("near_duplicate", "spinning") if counts[k]]
    stitched = sources is not None and sources >= 2
    if not parts and not notes:
        head = "No integrity problems found"
        if sources:
            head += f"; traced to {sources} source{'s' if sources > 1 else ''}"
        return head + "."
    if stitched and (counts["off_topic"] or counts["spinning"] or counts["near_duplicate"]):
        head = f"Likely stitched from {sources} sources"
    elif counts["off_topic"]:
        head = "Contains passages about another story"
    elif sources:
        head = f"Traced to {sources} source{'s' if sources > 1 else ''}"
    else:
        head = "Mostly coherent"
    body = f"{_pct(foreign)} of the text does not belong ({', '.join(parts)})" if parts else ""
    tail = ", ".join(notes)
    return "; ".join(p for p in (head, body, tail) if p) + "."


def summarize_flags(text: str, flags: list[Flag], matches: list[Match]) -> Summary:
    share = flagged_share(text, flags)
    sources = len({m.source_id for m in matches}) if matches else None
    return Summary(flagged_share=share, sources=sources, verdict=verdict(share, flags, sources))
