"""Linking descriptions to the entities of one article: role nouns, titles, and the lookups speakers need.

Public helpers for other stages (the quote/speaker stage uses them)::

    resolve_role(entities, "the Russian leader", position=1234) -> Entity | None
    entity_at(entities, Span(start=..., end=...))                -> Entity | None

``Entity.roles`` (filled by ``entities.v1``) holds bare role nouns ("spokeswoman", "president") and, when
a qualifier stood next to the role, the qualified form too ("White House spokeswoman", "Russian
president"). ``resolve_role`` matches a definite description against those: the head noun through a
small synonym table ("leader" ~ president / prime minister ...), the qualifiers through the alias table
("Russian" -> Russia, so "the Russian leader" finds "Russian president" but not "U.S. president").
"""

from __future__ import annotations

from wiretrace import lexicons
from wiretrace.aliases import AliasTable
from wiretrace.model import Entity, Span


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (keeps long lexicons readable)."""
    return frozenset(text.split())


# Courtesy forms: stripped from names, never roles.
HONORIFICS = lexicons.load("entities_honorifics")
# Titles written before a name; stripped from the name and kept as roles ("President Biden").
TITLES = lexicons.load("entities_titles")
# Adjectives that belong to a role rather than qualify it ("former president", "deputy spokesman").
ROLE_ADJECTIVES = lexicons.load("entities_role_adjectives")
# Head nouns that describe the same kind of post; a description matches any role in its group.
_ROLE_GROUPS: tuple[frozenset[str], ...] = (
    frozenset(
        {
            "leader",
            "president",
            "premier",
            "chancellor",
            "king",
            "queen",
            "emir",
            "sultan",
            "minister",
            "ruler",
            "head",
            "dictator",
            "monarch",
        }
    ),
    frozenset({"spokesman", "spokeswoman", "spokesperson", "secretary", "mouthpiece"}),
    frozenset({"envoy", "ambassador", "diplomat"}),
    frozenset({"professor", "prof", "academic", "scientist", "researcher", "expert"}),
    frozenset({"anchor", "host", "presenter", "journalist", "correspondent", "reporter", "interviewer"}),
    frozenset({"official", "officer", "administrator", "aide", "adviser", "advisor"}),
)
_DETERMINERS = word_set("the a an this that these those his her its their our your my")


def _role_words(text: str) -> list[str]:
    """A role phrase's words without determiners or possessive markers, case kept ("U.S." stays)."""
    words = text.replace("\u2019", "'").replace("'s ", " ").split()
    return [w for w in words if w.lower() not in _DETERMINERS and w not in {"'s", "'"}]


def normalize_role(text: str) -> str:
    """Lower-case a role phrase and drop determiners and possessive markers ("The Kremlin's spokesman")."""
    return " ".join(w.lower() for w in _role_words(text))


def role_head(role: str) -> str:
    """The head noun of a role phrase: its last word ("White House spokeswoman" -> "spokeswoman")."""
    words = normalize_role(role).split()
    return words[-1] if words else ""


def same_post(a: str, b: str) -> bool:
    """Whether two role head nouns name the same post (equal, a plural, or one synonym group)."""
    if a == b or a.rstrip("s") == b.rstrip("s"):
        return True
    return any(a in g and b in g for g in _ROLE_GROUPS)


def _qualifier_keys(words: list[str], aliases: AliasTable) -> set[str]:
    """Canonical keys for the words before a role head: "russian" -> "Russia", "white house" -> ..."""
    keys: set[str] = set()
    phrase = " ".join(w for w in words if w.lower() not in ROLE_ADJECTIVES and w.lower() not in TITLES)
    candidates = [phrase, *phrase.split()] if phrase else []
    for cand in candidates:
        keys.add(aliases.demonym_of(cand) or aliases.canonical(cand) or cand)
    return {k.lower() for k in keys}


def resolve_role(
    entities: list[Entity],
    role_text: str,
    *,
    position: int | None = None,
    aliases: AliasTable | None = None,
) -> Entity | None:
    """The person a definite description refers to ("the spokeswoman", "the Russian leader").

    Candidates are people with a role whose head noun is the description's head (preferred) or in its
    synonym group. Qualifiers in the description ("Russian", "Kremlin") narrow the candidates to those
    with a matching qualified role, when any has one, else drop those whose role names another country.
    Ties go to the candidate mentioned last before
    ``position`` (a character offset, usually the description's own start); with no ``position``, to
    the most-mentioned candidate. Returns None when nothing matches or a tie cannot be broken.
    """
    aliases = aliases or AliasTable.builtin()
    words = _role_words(role_text)
    if not words:
        return None
    head, quals = words[-1].lower(), words[:-1]
    people = [e for e in entities if e.label == "person"]
    candidates = [e for e in people if any(same_post(head, role_head(r)) for r in e.roles)]
    if not candidates:
        return None
    # The very word the article used for someone ("spokeswoman") beats a synonym ("spokesman").
    exact = [e for e in candidates if any(head.rstrip("s") == role_head(r).rstrip("s") for r in e.roles)]
    candidates = exact or candidates
    wanted = _qualifier_keys(quals, aliases) if quals else set()
    if wanted:
        places = {k.lower() for k in aliases.canonicals() if aliases.kind(k) == "place"}

        def keys_of(e: Entity) -> set[str]:
            keys: set[str] = set()
            for r in e.roles:
                rw = _role_words(r)
                if len(rw) > 1 and same_post(head, rw[-1].lower()):
                    keys |= _qualifier_keys(rw[:-1], aliases)
            return keys

        narrowed = [e for e in candidates if wanted & keys_of(e)]
        # Without a match, drop whoever is tied to another country ("U.S. president" is not the
        # "Russian president"), keeping those with no country on record.
        if not narrowed and wanted & places:
            narrowed = [e for e in candidates if not keys_of(e) & places]
        candidates = narrowed or candidates
    if len(candidates) == 1:
        return candidates[0]
    if position is not None:

        def last_before(e: Entity) -> int:
            return max((m.start for m in e.mentions if m.start < position), default=-1)

        best = max(candidates, key=last_before)
        return best if last_before(best) >= 0 else None
    ranked = sorted(candidates, key=lambda e: len(e.mentions), reverse=True)
    return ranked[0] if len(ranked[0].mentions) > len(ranked[1].mentions) else None


def entity_at(entities: list[Entity], span: Span) -> Entity | None:
    """The entity with a mention overlapping ``span`` most (None when no mention overlaps it)."""
    best: Entity | None = None
    best_overlap = 0
    for e in entities:
        for m in e.mentions:
            ov = m.overlap(span)
            if ov > best_overlap:
                best, best_overlap = e, ov
    return best
