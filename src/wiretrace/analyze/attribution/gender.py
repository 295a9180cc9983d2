"""Grammatical gender of the people an article names, for pronoun agreement ("she added" is not the man).

Evidence, strongest first, all from the article itself except the last:

1. a courtesy title before the name ("Mr", "Ms", "Dame");
2. a gendered role or relation noun seen with the name ("spokeswoman", "chairman", "widow");
3. the pronouns the article uses right after a sentence where the name is the only person;
4. the first name, looked up in the ``gender_guesser`` package's name lexicon (a well-kept list of
   first names by country; nothing is inferred from anything else).

The votes are weighed and summed; a tie or no evidence leaves the gender unknown, which agrees with
either pronoun.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from wiretrace.analyze.attribution.descriptions import (
    Gender,
    honorific_gender,
    noun_gender,
    pronoun_features,
)
from wiretrace.analyze.doctext import doc_text

if TYPE_CHECKING:
    import gender_guesser.detector

_HONORIFIC = 3.0
_ROLE = 2.0
_PRONOUN = 1.0
_PRONOUN_CAP = 3.0
_FIRST_NAME = {"male": 1.5, "mostly_male": 0.75, "female": -1.5, "mostly_female": -0.75}


@cache
def _detector() -> gender_guesser.detector.Detector:
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def first_name_vote(name: str) -> float:
    """+ for a man's first name, - for a woman's, 0 when unknown or the name is one word."""
    words = [w for w in name.replace(".", " ").split() if w[:1].isalpha()]
    if len(words) < 2 or len(words[0]) < 2:
        return 0.0
    return _FIRST_NAME.get(_detector().get_gender(words[0].split("-")[0]), 0.0)


def genders(
    doc: Doc,
    people: Sequence[tuple[str, Sequence[tuple[int, int]], Sequence[str]]],
) -> list[Gender | None]:
    """The gender of each person given as ``(name, mention spans, role nouns)``, or None."""
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]
    # Which people each sentence mentions.
    in_sent: dict[int, set[int]] = {}
    for pi, (_, spans, _) in enumerate(people):
        for s, _e in spans:
            in_sent.setdefault(bisect.bisect_right(starts, s) - 1, set()).add(pi)
    out: list[Gender | None] = []
    for pi, (name, spans, roles) in enumerate(people):
        score = first_name_vote(name)
        for s, _e in spans:
            tok = _token_before(doc, s)
            if tok is not None:
                g = honorific_gender(tok)
                score += _HONORIFIC if g == "m" else -_HONORIFIC if g == "f" else 0.0
        for r in roles:
            g = noun_gender(r.split()[-1]) if r.split() else None
            score += _ROLE if g == "m" else -_ROLE if g == "f" else 0.0
        pron = 0.0
        for si in sorted({bisect.bisect_right(starts, s) - 1 for s, _ in spans}):
            if in_sent.get(si) != {pi}:
                continue
            window = [sents[si]]
            if si + 1 < len(sents) and not in_sent.get(si + 1):
                window.append(sents[si + 1])
            for sent in window:
                # Only a subject pronoun: "his"/"her" may belong to someone the sentence mentions.
                for t in sent:
                    f = pronoun_features(t.lower_)
                    if f is not None and f[0] is not None and t.dep_ in ("nsubj", "nsubjpass"):
                        pron += _PRONOUN if f[0] == "m" else -_PRONOUN
                        break
        score += max(-_PRONOUN_CAP, min(_PRONOUN_CAP, pron))
        out.append("m" if score > 0.5 else "f" if score < -0.5 else None)
    return out


def _token_before(doc: Doc, pos: int) -> str | None:
    """The word just before character ``pos`` (a title's full stop skipped: "Mrs. Smith")."""
    # A window, not the whole prefix: this runs once per speaker mention.
    words = doc_text(doc)[max(0, pos - 200) : pos].split()
    if not words:
        return None
    return words[-1].rstrip(".").strip("(\"'\u201c")
