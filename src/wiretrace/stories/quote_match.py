"""Whether two quote units from different articles are the same statement.

Three levels of evidence, from strong to weak, each asking less of the wording and more of the speaker:

* verbatim or trimmed: the shorter unit's words appear almost as they are in the longer one (fuzzy
  partial ratio over normalised words, so punctuation, case and British/American spelling do not
  count); the speaker is not required to agree, so two outlets giving one sentence to two people
  end up in one group that carries the disagreement as a flag;
* reworded: most content words of the shorter unit are in the longer one;
* paraphrased or translated: close sentence embeddings plus some shared content words.

The last two need compatible speakers (the same surname, or one side unattributed).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from wiretrace.stories.quote_units import QuoteUnit


@dataclass(frozen=True, slots=True)
class MatchParams:
    verbatim_ratio: float = 90.0
    verbatim_min_chars: int = 12
    containment: float = 0.7
    min_shared: int = 3
    embedding: float = 0.8
    embedding_containment: float = 0.35
    align_ratio: float = 92.0
    align_min_chars: int = 25
    align_sources: int = 3


def surname(name: str | None) -> str | None:
    if not name:
        return None
    words = [w for w in name.replace("(", " ").replace(")", " ").split() if w[:1].isupper()]
    return words[-1].lower() if words else name.lower()


def speakers_agree(a: str | None, b: str | None) -> bool:
    """Unknown on either side agrees; otherwise a shared surname or one name inside the other."""
    if a is None or b is None:
        return True
    la, lb = a.lower(), b.lower()
    return la in lb or lb in la or surname(a) == surname(b)


# Strongest evidence first: links are applied in this order (see quote_groups).
LINK_KINDS = ("verbatim", "reworded", "paraphrase")


def same_statement(
    u: QuoteUnit, v: QuoteUnit, cosine: float | None, p: MatchParams
) -> tuple[str, float] | None:
    """How ``u`` and ``v`` match (a ``LINK_KINDS`` name and its score in [0, 1]), or None."""
    short, long_ = (u, v) if len(u.normal) <= len(v.normal) else (v, u)
    if len(short.normal) >= p.verbatim_min_chars:
        ratio = fuzz.partial_ratio(short.normal, long_.normal)
        if ratio >= p.verbatim_ratio:
            return "verbatim", ratio / 100.0
    shared = len(u.content & v.content)
    smaller = min(len(u.content), len(v.content)) or 1
    if not speakers_agree(u.speaker, v.speaker):
        return None
    if shared >= p.min_shared and shared / smaller >= p.containment:
        return "reworded", shared / smaller
    if cosine is not None and cosine >= p.embedding and shared / smaller >= p.embedding_containment:
        return "paraphrase", cosine
    return None
