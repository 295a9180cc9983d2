"""What changed between a source passage and its copy: the transform labels and substituted terms.

Read off the alignment's equal runs: the stretch between two runs is a substitution when both sides are
short ("U.S." -> "USA", "last year" -> "previous year"), rewording when longer, a dropped clause when only
the source has words there, an added clause when only the article has. Equal tokens whose surface forms
differ beyond case (entity variants folded by the alias table) are substitutions too.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from wiretrace.model import Substitution
from wiretrace.notation import same_statement
from wiretrace.reuse.align import Alignment
from wiretrace.reuse.normalize import Tokens

VERBATIM = "verbatim"
SPUN = "spun"
REWORDED = "reworded"
CLAUSE_DROPPED = "clause_dropped"
CLAUSE_ADDED = "clause_added"
FRAGMENT = "fragment"
REORDERED = "reordered"
MERGED = "merged"

# Longest stretch (tokens per side) still read as one term swap rather than rewording.
_MAX_TERM = 4
# Fewest content tokens in a one-sided gap for it to count as a dropped or added clause.
_MIN_CLAUSE = 3


@dataclass(frozen=True, slots=True)
class Change:
    transform: list[str]
    substitutions: list[Substitution]


def _text(tokens: Tokens, text: str, i: int, j: int) -> str:
    return text[int(tokens.starts[i]) : int(tokens.ends[j - 1])] if j > i else ""


def _notation_only(
    s: Tokens, s_text: str, si: int, sj: int, q: Tokens, q_text: str, qi: int, qj: int
) -> bool:
    """The two sides of a gap say the same thing in another notation (spelling, marks, amounts)."""
    return same_statement(_text(s, s_text, si, sj), _text(q, q_text, qi, qj))


def describe(
    al: Alignment,
    q: Tokens,
    q_text: str,
    s: Tokens,
    s_text: str,
    source_sentence: tuple[int, int],
) -> Change:
    """Transform labels and substitution pairs of one aligned passage.

    ``source_sentence`` is the token range of the source sentence(s) the passage touches, to tell a
    fragment (part of a source sentence copied) from a whole one.
    """
    subs: list[Substitution] = []
    labels: set[str] = set()
    reworded_tokens = 0
    clause_tokens = 0  # content words in dropped or added clauses: not a matter of wording
    blocks = al.blocks
    for a, b in pairwise(blocks):
        qi, qj = a[0] + a[2], b[0]
        si, sj = a[1] + a[2], b[1]
        q_gap = int(q.content[qi:qj].sum())
        s_gap = int(s.content[si:sj].sum())
        if qj > qi and sj > si:
            if (
                qj - qi <= _MAX_TERM + 1
                and sj - si <= _MAX_TERM + 1
                and _notation_only(s, s_text, si, sj, q, q_text, qi, qj)
            ):
                continue  # "$5m" / "5 million dollars", "—" / "-": notation, not wording
            if qj - qi <= _MAX_TERM and sj - si <= _MAX_TERM:
                subs.append(Substitution(source=_text(s, s_text, si, sj), article=_text(q, q_text, qi, qj)))
            elif qj - qi <= _MAX_TERM and s_gap - q_gap >= _MIN_CLAUSE:
                # A clause dropped just before a swapped term: ", which met ..., said" -> "stated".
                labels.add(CLAUSE_DROPPED)
                clause_tokens += s_gap - q_gap
                subs.append(
                    Substitution(
                        source=_text(s, s_text, sj - (qj - qi), sj), article=_text(q, q_text, qi, qj)
                    )
                )
            elif sj - si <= _MAX_TERM and q_gap - s_gap >= _MIN_CLAUSE:
                labels.add(CLAUSE_ADDED)
                clause_tokens += q_gap - s_gap
                subs.append(
                    Substitution(
                        source=_text(s, s_text, si, sj), article=_text(q, q_text, qj - (sj - si), qj)
                    )
                )
            else:
                reworded_tokens += max(q_gap, s_gap)
        elif sj > si and s_gap >= _MIN_CLAUSE:
            labels.add(CLAUSE_DROPPED)
            clause_tokens += s_gap
        elif qj > qi and q_gap >= _MIN_CLAUSE:
            labels.add(CLAUSE_ADDED)
            clause_tokens += q_gap
    for qpos, spos, n in blocks:
        for k in range(n):
            a_surf, s_surf = q.surface[qpos + k], s.surface[spos + k]
            if (
                a_surf.lower() != s_surf.lower()
                and q.content[qpos + k]
                and not same_statement(a_surf, s_surf)
            ):
                subs.append(Substitution(source=s_surf, article=a_surf))
    # One wording label (verbatim, spun or reworded), then any structural ones.
    rest = al.q_content + al.s_content - clause_tokens
    wording = 2.0 * al.matched / rest if rest > 0 else 0.0
    if reworded_tokens >= 3 or wording < 0.7:
        labels.add(REWORDED)
    elif subs:
        labels.add(SPUN)
    elif wording >= 0.95:
        labels.add(VERBATIM)
    else:
        labels.add(REWORDED)
    outside = int(
        s.content[source_sentence[0] : al.s_start].sum() + s.content[al.s_end : source_sentence[1]].sum()
    )
    if outside >= _MIN_CLAUSE:
        labels.add(FRAGMENT)
    order = [VERBATIM, SPUN, REWORDED, CLAUSE_DROPPED, CLAUSE_ADDED, FRAGMENT, REORDERED, MERGED]
    return Change(transform=[t for t in order if t in labels], substitutions=subs)
