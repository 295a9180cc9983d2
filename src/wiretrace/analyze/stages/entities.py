"""Entities stage: people, organisations and places from spaCy NER, canonicalised within the article.

One pass over ``doc.ents`` (no second spaCy run), then grouping in linear time:

* People go under the longest full name the article uses: "Mr Putin", "Putin's" and "Vladimir Putin"
  become one entity "Vladimir Putin". Titles and honorifics ("Mr", "Prof", "Russian President") and the
  possessive are left out of the mention span; a short name joins the nearest full name ending in it.
* Cheap repairs of NER boundaries: a PERSON span is cut at words that cannot be part of a name (verbs,
  plurals, function words), so a headline's "Putin Invites Biden" gives two people.
* Places and organisations go through the alias table ("USA", "U.S." -> "United States"); a shorter
  organisation name that ends a longer one in the same article joins it ("Foreign Ministry").
* Nationality adjectives (NORP "Russian") are mentions of their country, not variants of its name.
* ``roles`` collects role nouns written next to a person: before the name ("White House spokeswoman Jen
  Psaki", "Russian President Vladimir Putin") and in apposition ("Peskov, the Kremlin spokesman,").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from wiretrace import lexicons
from wiretrace.aliases import AliasTable
from wiretrace.analyze.entity_linking import HONORIFICS, ROLE_ADJECTIVES, TITLES, word_set
from wiretrace.analyze.layers import Layers
from wiretrace.analyze.registry import stage
from wiretrace.model import Article, Entity, Span
from wiretrace.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

Label = Literal["person", "organization", "place", "other"]
_NER_KINDS: dict[str, Label] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "other",
}
_ENTITY_TYPES = frozenset(_NER_KINDS)
# Lower-case words that may sit inside a name ("Ursula von der Leyen", "Osama bin Laden").
_PARTICLES = lexicons.load("entities_name_particles")
# Tags of words that cannot be part of a person's name: verbs, plurals, function words.
_NOT_NAME_TAGS = word_set(
    "VB VBD VBG VBN VBP VBZ NNS NNPS IN CC DT PRP PRP$ POS MD TO WDT WP RB CD , . : `` '' -LRB- -RRB- HYPH"
)
_ABBREVIATIONS = {
    "prof": "professor",
    "gen": "general",
    "sen": "senator",
    "gov": "governor",
    "rep": "representative",
    "col": "colonel",
    "lt": "lieutenant",
    "capt": "captain",
    "sgt": "sergeant",
    "supt": "superintendent",
    "insp": "inspector",
    "det": "detective",
    "pres": "president",
    "amb": "ambassador",
    "cllr": "councillor",
}
# Nouns a person, not a place or a company, is the possessor of ("Navarro's arrest", "Kell's widow").
_PERSONAL_NOUNS = lexicons.load("entities_personal_nouns")
# Words that end a walk to the left of a name: nothing before them describes the person.
_STOP_POS = frozenset({"DET", "VERB", "AUX", "ADP", "PRON", "CCONJ", "SCONJ", "NUM", "PUNCT", "PART"})


def _bare(tok: Token) -> str:
    return tok.lower_.rstrip(".")


def _is_title(tok: Token) -> bool:
    w = _bare(tok)
    return (
        w in HONORIFICS or w in TITLES or w in _ABBREVIATIONS or w in lexicons.load("entities_person_roles")
    )


def _name_like(tok: Token, inside: bool) -> bool:
    if tok.lower_ in _PARTICLES:
        return inside
    if tok.tag_ == "HYPH" or tok.text == "-":
        # A hyphen written tight inside a name ("Van-Tam", "Jean-Luc") joins its two halves.
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        tight = not tok.whitespace_ and not tok.doc[tok.i - 1].whitespace_ if tok.i > 0 else False
        return inside and tight and nxt is not None and nxt.text[:1].isupper()
    return tok.text[:1].isupper() and tok.tag_ not in _NOT_NAME_TAGS


@dataclass
class _Mention:
    start: int
    end: int
    name: str
    kind: Label
    roles: list[str] = field(default_factory=list)
    demonym: bool = False
    key: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.name.split())


def _person_runs(ent: SpacySpan) -> list[tuple[list[Token], list[Token]]]:
    """Split a PERSON span into name runs; each run comes with the title tokens stripped from its front."""
    runs: list[list[Token]] = [[]]
    for tok in ent:
        if _name_like(tok, inside=bool(runs[-1])):
            runs[-1].append(tok)
        elif runs[-1]:
            runs.append([])
    out: list[tuple[list[Token], list[Token]]] = []
    for run in runs:
        while run and (run[-1].lower_ in _PARTICLES or run[-1].text == "-"):
            run.pop()
        titles: list[Token] = []
        while len(run) > 1 and _is_title(run[0]):  # a lone "King" or "Major" is a surname
            titles.append(run.pop(0))
        if run:
            out.append((titles, run))
    return out


def _looks_personal(doc: Doc, ent: SpacySpan) -> bool:
    """A GPE/ORG that NER mislabelled: after "Mr"/"Dr", or owning what only people own ("X's arrest")."""
    if ent.start > 0 and _bare(doc[ent.start - 1]) in HONORIFICS:
        return True
    last = doc[ent.end - 1]
    if len(ent) == 1 and ent.end < len(doc) and doc[ent.end].tag_ == "POS" and last.dep_ == "poss":
        return last.head.lemma_.lower() in _PERSONAL_NOUNS
    return False


def _roles_from(tokens: list[Token]) -> list[str]:
    """Role and qualified role from the modifiers written before a name or in an apposition.

    Reading right to left, role words (common nouns, titles, role adjectives) come first; the words
    left of them (entities, proper nouns, adjectives) qualify the role.
    """
    tokens = [t for t in tokens if t.tag_ != "POS" and _bare(t) not in HONORIFICS and t.pos_ != "DET"]
    role: list[Token] = []
    i = len(tokens) - 1
    while i >= 0:
        t = tokens[i]
        in_entity = t.ent_type_ in _ENTITY_TYPES and not _is_title(t)  # "Prof" inside a PERSON span
        # The head may be any common noun; words before it only when they are titles ("chief anchor"),
        # so "ministry spokesman" is a spokesman qualified by "ministry".
        head_ok = not role and t.pos_ == "NOUN" and t.tag_ == "NN"  # one person holds a singular post
        if not in_entity and (head_ok or _is_title(t) or _bare(t) in ROLE_ADJECTIVES):
            role.insert(0, t)
            i -= 1
        else:
            break
    if not role:
        return []
    text = " ".join(_ABBREVIATIONS.get(_bare(t), t.lower_) for t in role)
    qualifier = " ".join(t.text for t in tokens[: i + 1])
    return [text, f"{qualifier} {text}"] if qualifier else [text]


def _left_modifiers(doc: Doc, first: int, last: int) -> list[Token]:
    """Tokens just left of token ``first`` that modify the name ending at ``last`` (same sentence)."""
    out: list[Token] = []
    i = first - 1
    lo = doc[first].sent.start
    while i >= lo:
        t = doc[i]
        if t.tag_ == "POS":
            out.insert(0, t)
        elif t.pos_ in _STOP_POS or not (i < t.head.i <= last):
            break
        else:
            out.insert(0, t)
        i -= 1
    return out


def _appositive_roles(root: Token) -> list[str]:
    """Roles from "Peskov, the Kremlin spokesman," and "the Kremlin spokesman, Dmitry Peskov,"."""
    nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos":
        head = root.head
        # "the attache in Boston, Louis Tremblay": the apposition lands on the place; climb to the noun.
        if head.pos_ == "PROPN" and head.dep_ == "pobj" and head.head.head.pos_ == "NOUN":
            head = head.head.head
        if head.pos_ == "NOUN":
            nouns.append(head)
    roles: list[str] = []
    for noun in nouns:
        mods = [c for c in noun.lefts if c.dep_ in {"compound", "amod", "nmod", "poss", "case"}]
        phrase = sorted((t for m in mods for t in m.subtree), key=lambda t: t.i)
        roles += _roles_from([*phrase, noun])
    return roles


def _collect(doc: Doc, aliases: AliasTable, *, parsed: bool) -> list[_Mention]:
    mentions: list[_Mention] = []
    for ent in doc.ents:
        label = ent.label_
        if label not in _ENTITY_TYPES:
            continue
        if label == "PERSON":
            for titles, run in _person_runs(ent):
                first, last = run[0].i, run[-1].i
                start = titles[0].i if titles else first
                name_span = doc[first : last + 1]
                roles = _roles_from([*_left_modifiers(doc, start, last), *titles]) if parsed else []
                if parsed:
                    roles += _appositive_roles(name_span.root)
                mentions.append(
                    _Mention(run[0].idx, run[-1].idx + len(run[-1]), name_span.text, "person", roles)
                )
            continue
        toks = [t for t in ent if t.tag_ != "POS" and not (t.i == ent.start and t.lower_ == "the")]
        if not toks:
            continue
        name = doc[toks[0].i : toks[-1].i + 1].text
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        if label == "NORP":
            place = aliases.demonym_of(name)
            if place is not None:
                mentions.append(_Mention(start, end, name, "place", demonym=True, key=place))
                continue
        kind = _NER_KINDS[label]
        if kind != "other" and aliases.canonical(name) is None and _looks_personal(doc, ent):
            kind = "person"
        mentions.append(_Mention(start, end, name, kind))
    return mentions


def _link_people(people: list[_Mention]) -> None:
    """Key each person mention by the longest full name ending in it (nearest one before, else first),
    or else by the only full name starting with it.

    Mentions are bucketed by last word, and each bucket is scanned once per distinct name form, so the
    cost stays linear in the mentions for any realistic number of same-surname people.
    """
    by_last: dict[str, dict[tuple[str, ...], list[_Mention]]] = {}
    for m in people:  # in text order
        by_last.setdefault(m.words[-1].lower(), {}).setdefault(m.words, []).append(m)
    # A lone first name ("Hillary") joins the one full name that starts with it, when there is one.
    by_first: dict[str, set[str]] = {}
    for m in people:
        if len(m.words) > 1:
            by_first.setdefault(m.words[0], set()).add(m.name)
    for forms in by_last.values():
        for words, ms in forms.items():
            longer = [w for w in forms if len(w) > len(words) and w[-len(words) :] == words]
            if not longer:
                firsts = by_first.get(words[0], set()) if len(words) == 1 else set()
                for m in ms:
                    m.key = next(iter(firsts)) if len(firsts) == 1 else m.name
                continue
            longest = max(len(w) for w in longer)
            pool = sorted((f for w in longer if len(w) == longest for f in forms[w]), key=lambda f: f.start)
            for m in ms:
                before = [f for f in pool if f.start < m.start]
                m.key = (before[-1] if before else pool[0]).name


def _link_others(others: list[_Mention], aliases: AliasTable) -> None:
    for m in others:
        if not m.key:
            m.key = aliases.canonical(m.name) or m.name
    # A shorter organisation name that ends a longer one joins it ("Foreign Ministry"), unless two
    # different longest names end in it ("Russian ..." and "Ukrainian Foreign Ministry").
    longest: dict[tuple[str, ...], set[str]] = {}
    for key in dict.fromkeys(m.key for m in others if m.kind == "organization"):
        words = tuple(key.split())
        for i in range(1, len(words)):
            held = longest.setdefault(words[i:], set())
            size = len(next(iter(held)).split()) if held else 0
            if len(words) > size:
                held.clear()
            if len(words) >= size:
                held.add(key)
    for m in others:
        owners = longest.get(tuple(m.key.split()), set()) if m.kind == "organization" else set()
        if len(owners) == 1:
            m.key = next(iter(owners))


def build_entities(doc: Doc, aliases: AliasTable) -> list[Entity]:
    """Entity objects from a parsed Doc; exposed for callers that have a Doc but no pipeline.

    Without a dependency parse (a user's pipeline may lack one) roles stay empty.
    """
    mentions = _collect(doc, aliases, parsed=doc.has_annotation("DEP"))
    people = [m for m in mentions if m.kind == "person"]
    # NER sometimes labels a person's surname as a place or organisation elsewhere in the article.
    surnames = {p.words[-1] for p in people}
    for m in mentions:
        if m.kind != "person" and not m.demonym and m.name in surnames and aliases.canonical(m.name) is None:
            m.kind = "person"
            people.append(m)
    _link_people(people)
    _link_others([m for m in mentions if m.kind != "person"], aliases)

    groups: dict[tuple[bool, str], list[_Mention]] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        groups.setdefault((m.kind == "person", m.key), []).append(m)
    entities: list[Entity] = []
    for (is_person, key), ms in groups.items():
        label: Label = "person" if is_person else _label(key, ms, aliases)
        variants = list(dict.fromkeys(m.name for m in ms if not m.demonym and m.name != key))
        roles = list(dict.fromkeys(r for m in ms for r in m.roles))
        entities.append(
            Entity(
                id=len(entities),
                name=key,
                label=label,
                mentions=[Span(start=m.start, end=m.end) for m in ms],
                variants=variants,
                roles=roles,
            )
        )
    return entities


def _label(key: str, ms: list[_Mention], aliases: AliasTable) -> Label:
    known = aliases.kind(key)
    if known is not None:
        return known
    if any(m.demonym for m in ms):
        return "place"
    return Counter(m.kind for m in ms).most_common(1)[0][0]


@stage("entities.v1", requires=("doc",), assigns="entities")
def find_entities(article: Article, layers: Layers, settings: Settings) -> list[Entity]:
    """People, organisations and places, canonicalised within the article, with the roles seen."""
    return build_entities(layers.doc, AliasTable.default(settings))
