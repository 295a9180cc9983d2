"""Spinning: wording typical of automated rewriting ("article spinners") of agency copy.

Two sources of evidence. With provenance matches, every substitution the aligner found between the
source and the article (source term -> article term) is flagged where it occurs, with the source's
term as ``original``: this is exact and language-independent. Without matches, a lexicon of the
replacements spinners typically make (a formal synonym for a plain reporting word, a long-form
country name, "USA" used as an adjective, "previous year") gives weak per-phrase evidence that is
only reported when several different kinds co-occur in one article, or when the article mixes the
spun and the wire form of the same name ("U.S." and "USA").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from wiretrace.analyze.integrity.intervals import Claims, Intervals
from wiretrace.analyze.integrity.segments import Segmented
from wiretrace.model import Flag, Match, Span
from wiretrace.notation import same_statement
from wiretrace.settings import FlagSettings


@dataclass(frozen=True)
class _Variant:
    kind: str
    pattern: re.Pattern[str]
    original: Callable[[re.Match[str]], str]
    weight: float
    wire_form: re.Pattern[str] | None = None  # the agency form; both in one text is a stronger sign
    # Every match contains one of these strings: a text with none of them is not searched (a plain
    # substring test is many times cheaper than a regex scan that starts with ``\b``).
    needles: tuple[str, ...] = ()


def _const(s: str) -> Callable[[re.Match[str]], str]:
    return lambda m: s


# Spun form -> the form agency copy uses. Wire style guides (AP, Reuters) prefer the short forms.
_VARIANTS: tuple[_Variant, ...] = (
    _Variant(
        "usa-adjective",
        re.compile(r"\bUSA(?=\s+[a-z])"),
        _const("U.S."),
        0.45,
        re.compile(r"\bU\.S\.|\bUnited States\b"),
        needles=("USA",),
    ),
    _Variant(
        "long-country",
        re.compile(r"\b(?:the\s+)?Russian Federation\b"),
        _const("Russia"),
        0.45,
        re.compile(r"\bRussia\b"),
        needles=("Russian Federation",),
    ),
    _Variant(
        "long-country",
        re.compile(r"\bUnited States of America\b"),
        _const("United States"),
        0.45,
        needles=("United States of America",),
    ),
    _Variant(
        "long-country",
        re.compile(r"\bPeople's Republic of China\b"),
        _const("China"),
        0.4,
        needles=("People's Republic of China",),
    ),
    _Variant(
        "previous-period",
        re.compile(r"\bprevious (year|month|week)\b(?!\s+(?:to|of|in)\b)"),
        lambda m: f"last {m.group(1)}",
        0.4,
        needles=("previous ",),
    ),
    _Variant(
        "stated",
        re.compile(r"\bstated\b(?!\s+(?:goal|aim|objective|purpose|reason|policy))"),
        _const("said"),
        0.3,
        needles=("stated",),
    ),
    _Variant(
        "approximately", re.compile(r"\bapproximately\b"), _const("about"), 0.3, needles=("approximately",)
    ),
    _Variant(
        "anticipated", re.compile(r"\banticipated\b"), _const("expected"), 0.25, needles=("anticipated",)
    ),
    _Variant(
        "formal-synonym",
        re.compile(r"\b(?:subsequently|additionally|in the interim)\b"),
        lambda m: {"subsequently": "later", "additionally": "also"}.get(m.group().lower(), "meanwhile"),
        0.25,
        needles=("subsequently", "additionally", "in the interim"),
    ),
    # "Russian Washington Ambassador" for "Russian ambassador to Washington": a reordered title.
    _Variant(
        "reordered-title",
        re.compile(
            r"\b([A-Z][a-z]+(?:an|ese|ish|i|ch))\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+"
            r"([Aa]mbassador|[Ee]nvoy|[Cc]onsul)\b"
        ),
        lambda m: f"{m.group(1)} {m.group(3).lower()} to {m.group(2)}",
        0.5,
        needles=("mbassador", "nvoy", "onsul"),
    ),
)
_NOT_PLACES = frozenset({"Deputy", "Foreign", "Special", "Former", "Acting", "Senior", "Chief", "New"})


def _from_matches(text: str, matches: list[Match]) -> list[Flag]:
    flags: list[Flag] = []
    for m in matches:
        region = text[m.span.start : m.span.end]
        for sub in m.substitutions:
            if not sub.article.strip() or same_statement(sub.source, sub.article):
                continue  # typography, accents, transliteration, amount notation: not spinning
            pat = re.compile(rf"(?<!\w){re.escape(sub.article)}(?!\w)")
            hits = list(pat.finditer(region)) or list(re.finditer(pat.pattern, region, re.I))
            for h in hits:
                a = m.span.start + h.start()
                flags.append(
                    Flag(
                        label="spinning",
                        span=Span(start=a, end=a + len(h.group())),
                        score=0.9,
                        reason=f"the traced source ({m.source_id}) says {sub.source!r} here",
                        original=sub.source,
                    )
                )
    return flags


def _from_lexicon(text: str, seg: Segmented) -> list[Flag]:
    raw: list[tuple[_Variant, re.Match[str]]] = []
    places: Intervals | None = None
    for v in _VARIANTS:
        if v.needles and not any(n in text for n in v.needles):
            continue
        if v.kind == "reordered-title":
            places = _places(seg)  # the entity look-up only for a text with a title word in it
        for m in v.pattern.finditer(text):
            if v.kind == "reordered-title" and (
                m.group(2).split()[0] in _NOT_PLACES or not _is_place(places, m)
            ):
                continue
            raw.append((v, m))
    kinds = {v.kind for v, _ in raw}
    # one search per variant, not per hit (an input with thousands of hits stays linear)
    mixed_of = {id(v): v.wire_form is not None and v.wire_form.search(text) is not None for v, _ in raw}
    bonus = min(0.3, 0.1 * (len(kinds) - 1))
    flags: list[Flag] = []
    for v, m in raw:
        mixed = mixed_of[id(v)]
        score = min(0.95, v.weight + bonus + (0.15 if mixed else 0.0))
        why = f"spinner-style variant of {v.original(m)!r}"
        if mixed:
            why += " (the article also uses the wire form)"
        if len(kinds) > 1:
            why += f"; {len(kinds)} kinds of such variants in the article"
        flags.append(
            Flag(
                label="spinning",
                span=Span(start=m.start(), end=m.end()),
                score=round(score, 3),
                reason=why,
                original=v.original(m),
            )
        )
    return flags


def _places(seg: Segmented) -> Intervals | None:
    """The places (GPE entities) the tagger found, or None without a Doc."""
    if seg.doc is None:
        return None
    return Intervals((e.start_char, e.end_char) for e in seg.doc.ents if e.label_ == "GPE")


def _is_place(places: Intervals | None, m: re.Match[str]) -> bool:
    """The middle of a reordered title must be a place the tagger knows (when a Doc is present)."""
    return places is None or places.overlaps(m.start(2), m.end(2))


def one_per_place(flags: list[Flag]) -> list[Flag]:
    """One flag per place: of overlapping flags (the same substitution reported by two matches or
    two sources) the highest-scoring, then longest, is kept."""
    kept: list[Flag] = []
    claims = Claims()
    for f in sorted(flags, key=lambda f: (-f.score, -(f.span.end - f.span.start), f.span.start)):
        if claims.free(f.span.start, f.span.end):
            kept.append(f)
            claims.claim(f.span.start, f.span.end)
    return sorted(kept, key=lambda f: f.span.start)


def find_spinning(seg: Segmented, cfg: FlagSettings, *, matches: list[Match]) -> list[Flag]:
    traced = one_per_place(_from_matches(seg.text, matches))
    at = Intervals((t.span.start, t.span.end) for t in traced)
    lexical = [f for f in _from_lexicon(seg.text, seg) if not at.overlaps(f.span.start, f.span.end)]
    return one_per_place([f for f in traced + lexical if f.score >= cfg.min_score])
