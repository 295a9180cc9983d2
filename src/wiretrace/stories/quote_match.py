"""Whether two quote units from different articles are the same statement.

Three levels of evidence, from strong to weak, each asking less of the wording and more of the speaker:

* verbatim or trimmed: the shorter unit's words appear almost as they are in the longer one (fuzzy
  partial ratio over normalised words, so punctuation, case and British/American spelling do not
  count), or both carry one passage of ``passage_words`` words or more (each trimmed differently);
  the speaker is not required to agree, so two outlets giving one sentence to two people end up in
  one group that carries the disagreement as a flag;
* reworded: most content words of the shorter unit are in the longer one (or, one more of them, words
  of their family: "postponing" for "postpone");
* paraphrased or translated: close sentence embeddings plus some shared content words.

The last two need compatible speakers (the same surname, or one side unattributed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from wiretrace.model import Analysis
from wiretrace.stories.quote_units import QuoteUnit, content_words

FAMILY_PREFIX = 5


@dataclass(frozen=True, slots=True)
class MatchParams:
    verbatim_ratio: float = 90.0
    verbatim_min_chars: int = 12
    containment: float = 0.7
    min_shared: int = 3
    # reworded by word families (``_loosely_shared``): looser words, so one more of them
    loose_min_shared: int = 4
    embedding: float = 0.8
    embedding_containment: float = 0.35
    # a shared passage: this many words in one run, this many of them content words
    passage_words: int = 8
    passage_content: int = 3
    align_ratio: float = 92.0
    align_min_chars: int = 25
    align_sources: int = 3


def _loosely_shared(a: frozenset[str], b: frozenset[str]) -> int:
    """Content words of the smaller set with a word of their family in the other: equal, or sharing
    their first ``FAMILY_PREFIX`` letters ("postpone" and "postponing", "proposed" and "proposal"), a
    crude stem that inflection and derivation keep."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    stems = {x[:FAMILY_PREFIX] for x in large if len(x) >= FAMILY_PREFIX}
    return sum(1 for w in small if w in large or (len(w) >= FAMILY_PREFIX and w[:FAMILY_PREFIX] in stems))


def shared_passage(a: str, b: str) -> list[str]:
    """The longest run of words two normal forms share: a passage both copied, where each also has
    words of its own on either side (which a partial ratio of the shorter in the longer does not
    forgive)."""
    x, y = a.split(), b.split()
    m = SequenceMatcher(a=x, b=y, autojunk=False).find_longest_match(0, len(x), 0, len(y))
    return x[m.a : m.a + m.size]


def surname(name: str | None) -> str | None:
    if not name:
        return None
    words = [w for w in name.replace("(", " ").replace(")", " ").split() if w[:1].isupper()]
    return words[-1].lower() if words else name.lower()


_MINOR = frozenset({"of", "the", "and", "for", "on", "in", "de", "&"})


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w.lower() not in _MINOR).upper()


def is_acronym_of(short: str, name: str) -> bool:
    """ "SCA" of "Suez Canal Authority" (minor words skipped): a short all-capital name whose letters
    are the initials of the longer one's words."""
    s = short.replace(".", "").strip()
    return (
        2 <= len(s) <= 6 and s.isalpha() and s.isupper() and len(name.split()) >= 2 and _initials(name) == s
    )


def speakers_agree(a: str | None, b: str | None, affiliated: frozenset[frozenset[str]] = frozenset()) -> bool:
    """Unknown on either side agrees; otherwise a shared surname, one name inside the other, one the
    acronym of the other, or (given ``affiliations``) a person and the organisation they speak for."""
    if a is None or b is None:
        return True
    la, lb = a.lower(), b.lower()
    return (
        la in lb
        or lb in la
        or surname(a) == surname(b)
        or is_acronym_of(a, b)
        or is_acronym_of(b, a)
        or frozenset((a, b)) in affiliated
    )


# A person and an organisation named this close together ("CrowdStrike CEO George Kurtz", "Osama Rabie,
# head of the Suez Canal Authority") are affiliated: one speaks for the other.
AFFILIATION_WINDOW = 40


def affiliations(analyses: Sequence[Analysis]) -> frozenset[frozenset[str]]:
    """Pairs of entity names (a person, an organisation) some article of the story mentions within
    ``AFFILIATION_WINDOW`` characters of each other, with no sentence end between them."""
    out: set[frozenset[str]] = set()
    for a in analyses:
        text = a.article.text
        people = [e for e in a.entities if e.label == "person"]
        orgs = [e for e in a.entities if e.label == "organization"]
        for person in people:
            for org in orgs:
                if any(
                    _close(text, m.start, m.end, n.start, n.end)
                    for m in person.mentions
                    for n in org.mentions
                ):
                    out.add(frozenset((person.name, org.name)))
    return frozenset(out)


def _close(text: str, s1: int, e1: int, s2: int, e2: int) -> bool:
    lo, hi = (e1, s2) if e1 <= s2 else (e2, s1)
    if hi < lo or hi - lo > AFFILIATION_WINDOW:
        return False
    between = text[lo:hi]
    return "\n" not in between and ". " not in between


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
    if shared >= p.passage_content:
        run = shared_passage(u.normal, v.normal)
        if len(run) >= p.passage_words and len(u.content & content_words(" ".join(run))) >= p.passage_content:
            return "verbatim", len(run) / max(1, len(short.normal.split()))
    if not speakers_agree(u.speaker, v.speaker):
        return None
    if shared >= p.min_shared and shared / smaller >= p.containment:
        return "reworded", shared / smaller
    if smaller >= p.loose_min_shared:
        loose = _loosely_shared(u.content, v.content)
        if loose >= p.loose_min_shared and loose / smaller >= p.containment:
            return "reworded", loose / smaller
    if cosine is not None and cosine >= p.embedding and shared / smaller >= p.embedding_containment:
        return "paraphrase", cosine
    return None
