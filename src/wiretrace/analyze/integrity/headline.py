"""Duplicated headline: the headline printed again in the body (a scraping or templating artefact)."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from wiretrace.analyze.integrity.segments import Segmented, norm_key, title_case_share, words

_MAX_HEADLINE_WORDS = 30
_FUZZY_MIN = 92.0


@dataclass(frozen=True)
class HeadlineHit:
    start: int
    end: int
    score: float
    first: tuple[int, int]
    glued: bool


def headline_of(seg: Segmented, title: str | None) -> tuple[int, int] | None:
    """Where the headline is: the first line when it is headline-shaped (or equals the given title)."""
    lines = seg.content_lines()
    if not lines:
        return None
    first = lines[0]
    text = seg.line_text(first)
    if title and norm_key(title) == norm_key(text):
        return first.start, first.end
    shaped = not text.rstrip().endswith(".") or title_case_share(text) >= 0.7
    if title is None and len(words(text)) <= _MAX_HEADLINE_WORDS and shaped:
        return first.start, first.end
    return None


def find_duplicate_headlines(seg: Segmented, title: str | None) -> list[HeadlineHit]:
    """Body lines repeating the headline, exactly or nearly, also when glued to the next sentence."""
    head = headline_of(seg, title)
    if head is not None:
        key = norm_key(seg.of(*head))
    elif title:
        key = norm_key(title)  # headline not printed at the top: any body copy is a duplicate
    else:
        return []
    if len(key.split()) < 2:
        return []
    hits: list[HeadlineHit] = []
    for line in seg.content_lines():
        if head is not None and line.start == head[0]:
            continue
        text = seg.line_text(line)
        lkey = norm_key(text)
        if lkey == key:
            hits.append(HeadlineHit(line.start, line.end, 0.97, head or (0, 0), False))
        elif len(lkey) <= 1.15 * len(key) and fuzz.ratio(lkey, key) >= _FUZZY_MIN:
            hits.append(HeadlineHit(line.start, line.end, 0.85, head or (0, 0), False))
        elif lkey.startswith(key + " "):
            end = _prefix_end(text, len(key.split()))
            if end:
                hits.append(HeadlineHit(line.start, line.start + end, 0.8, head or (0, 0), True))
    return hits


def _prefix_end(text: str, n_words: int) -> int:
    """Character offset in ``text`` just after its first ``n_words`` words."""
    count = 0
    i = 0
    in_word = False
    while i < len(text):
        ch = text[i]
        if ch.isalnum():
            in_word = True
        elif in_word:
            in_word = False
            count += 1
            if count == n_words:
                while i < len(text) and not text[i].isspace() and not text[i].isalnum():
                    i += 1
                return i
        i += 1
    return len(text) if in_word and count + 1 == n_words else 0
