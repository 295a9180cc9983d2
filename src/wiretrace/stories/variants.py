"""How one appearance of a statement differs from its earliest appearance.

Compared on normalised words (case, punctuation and British/American spelling ignored):

* verbatim: the same words;
* trimmed: a contiguous run of the earliest's words (or the earliest is a run of this one's), unless
  the cut removed a negation;
* meaning_changed: nearly the same words, but a word that flips or moves the claim was changed,
  added or dropped (in a change of at most ``MEANING_MAX_WORDS`` words): a negation, a number, or a
  word of the ``stories_meaning_words`` lexicon (modal and degree words: "may" for "will", "some"
  for "all"); a contraction ("we'll" for "we will") is no change;
* reworded: most words shared, some replaced;
* paraphrase: few words shared (a reported statement, a translation).
"""

from __future__ import annotations

from difflib import SequenceMatcher

from wiretrace import lexicons

REWORDED_SHARE = 0.6
# A change that flips the claim is a few words ("will" for "may", "not" added); a longer run added or
# dropped is more or less of the quote, not a changed word.
MEANING_MAX_WORDS = 3
_NEGATIONS = frozenset({"not", "no", "never", "t", "cannot", "nothing", "none"})
# Contractions as normal forms split them ("we'll" is "we ll"): "we'll" and "we will" are one wording.
_CONTRACTED = {"ll": "will", "ve": "have", "re": "are", "m": "am"}


def _is_meaningful(word: str) -> bool:
    return word.isdigit() or word in lexicons.load("stories_meaning_words")


def _contiguous(short: list[str], long_: list[str]) -> bool:
    n = len(short)
    return any(long_[i : i + n] == short for i in range(len(long_) - n + 1))


def classify(earliest: str, other: str) -> tuple[str, str]:
    """(variant kind, a short description of the difference) of ``other`` against ``earliest``;
    both are normal forms (space-separated lowercase words)."""
    a = [_CONTRACTED.get(w, w) for w in earliest.split()]
    b = [_CONTRACTED.get(w, w) for w in other.split()]
    if a == b:
        return "verbatim", ""
    matcher = SequenceMatcher(a=a, b=b, autojunk=False)
    changed: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            changed.append((" ".join(a[i1:i2]), " ".join(b[j1:j2])))
    flips = [
        (x, y)
        for x, y in changed
        if len(x.split()) <= MEANING_MAX_WORDS
        and len(y.split()) <= MEANING_MAX_WORDS
        and (any(_is_meaningful(w) for w in x.split()) or any(_is_meaningful(w) for w in y.split()))
    ]
    shared = sum(block.size for block in matcher.get_matching_blocks())
    share = shared / max(1, min(len(a), len(b)))
    # A trim is a trim unless what was cut is a negation ("not" cut off flips the claim).
    trimmed = _contiguous(b, a) or _contiguous(a, b)
    if trimmed and not any(w in _NEGATIONS for x, y in changed for w in (x + " " + y).split()):
        return "trimmed", f"{min(len(a), len(b))} of {max(len(a), len(b))} words"
    if flips and share >= REWORDED_SHARE:
        x, y = flips[0]
        return "meaning_changed", f"'{x or '∅'}' became '{y or '∅'}'"
    if share >= REWORDED_SHARE:
        x, y = changed[0]
        more = f" and {len(changed) - 1} more" if len(changed) > 1 else ""
        return "reworded", f"'{x or '∅'}' became '{y or '∅'}'{more}"
    return "paraphrase", f"{shared} of {len(a)} words kept"
