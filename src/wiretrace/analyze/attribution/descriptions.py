"""What a source mention is, read from its syntax: a name, a pronoun, a description of a person, of a
group, of an organisation or of a document, or an anonymous source; and the bare name inside it.

The classes follow the usual typology of referring expressions (proper names, pronouns, definite and
indefinite descriptions): only a proper name *is* a speaker's name; a pronoun or a definite description
refers back to an entity the article named, and an indefinite description ("a senior official") or a
bare plural of a vague group ("analysts", "authorities") names nobody.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Token

from wiretrace import lexicons
from wiretrace.analyze.attribution.cues import INDEFINITE, RELATIVES
from wiretrace.analyze.entity_linking import HONORIFICS, TITLES

MentionKind = Literal[
    "name", "pronoun", "person", "group", "organization", "document", "anonymous", "unknown"
]
Gender = Literal["m", "f"]
Number = Literal["sg", "pl"]

_MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
_FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
_NEUTER_PRONOUNS = frozenset({"it", "its", "itself"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "you"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Organisations named by a compound head ("the drugmaker", "the tech giant").
_ORG_SUFFIXES = ("maker", "giant", "firm", "company", "group", "agency", "ministry")
_NAME_DEPS = frozenset({"compound", "flat", "nummod", "nmod", "punct"})


def pronoun_features(word: str) -> tuple[Gender | None, Number | None] | None:
    """Gender and number of a third-person pronoun (None: not one)."""
    w = word.lower()
    if w in _MALE_PRONOUNS:
        return "m", "sg"
    if w in _FEMALE_PRONOUNS:
        return "f", "sg"
    if w in _PLURAL_PRONOUNS:
        return None, "pl"
    if w in _NEUTER_PRONOUNS:
        return None, "sg"
    return None


def noun_gender(lemma: str) -> Gender | None:
    """The gender a role or relation noun carries ("spokeswoman" f, "chairman" m), if any."""
    low = lemma.lower()
    if low in lexicons.load("speakers_female_nouns"):
        return "f"
    if low in lexicons.load("speakers_male_nouns"):
        return "m"
    return None


def honorific_gender(word: str) -> Gender | None:
    low = word.lower()
    if low in lexicons.load("speakers_honorifics_female"):
        return "f"
    if low in lexicons.load("speakers_honorifics_male"):
        return "m"
    return None


# Agentive noun endings: "researcher", "scientist", "investigator", "physician" are people.
_AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent")
_PEOPLE_LEXICONS = (
    "speakers_anonymous_heads",
    "speakers_org_nouns",
    "speakers_group_nouns",
    "speakers_role_words",
    "speakers_male_nouns",
    "speakers_female_nouns",
    "entities_person_roles",
)


def denotes_people(tok: Token) -> bool:
    """Whether a noun phrase head can refer to a person or a body of people (not "the data")."""
    if tok.pos_ in ("PRON", "PROPN") or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    lemma = tok.lemma_.lower()
    if any(lemma in lexicons.load(name) for name in _PEOPLE_LEXICONS):
        return True
    return lemma.endswith(_AGENT_SUFFIXES) or "year-old" in lemma or lemma == "old"


def head_of(doc: Doc, start: int, end: int) -> Token | None:
    """The syntactic head of the mention at ``[start, end)``; a relative pronoun stands for the noun
    its clause modifies ("Smith, who said")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    if root.lower_ in RELATIVES and root.head.dep_ == "relcl":
        root = root.head.head
    return root


def _is_org_noun(lemma: str) -> bool:
    return lemma in lexicons.load("speakers_org_nouns") or lemma.endswith(_ORG_SUFFIXES)


@dataclass(frozen=True)
class Reading:
    """How a mention refers: its kind, the head token, and gender / number where the words show them."""

    kind: MentionKind
    head: Token
    gender: Gender | None = None
    number: Number | None = None
    definite: bool = False


def read_mention(head: Token) -> Reading:
    """Classify the mention headed by ``head``."""
    low = head.lower_
    pro = pronoun_features(low)
    if head.pos_ == "PRON" or pro is not None or low in _FIRST_PERSON:
        if pro is None:
            return Reading("unknown", head)
        return Reading("pronoun", head, gender=pro[0], number=pro[1], definite=True)
    if head.pos_ == "PROPN" and head.text[:1].isupper():
        return Reading("name", head, number="sg")
    lemma = head.lemma_.lower()
    dets = {c.lower_ for c in head.children if c.dep_ in ("det", "nummod", "quantmod", "predet")}
    has_poss = any(c.dep_ == "poss" for c in head.children)
    definite = bool(dets & _DEFINITE) or has_poss
    indefinite = bool(dets & INDEFINITE) and not has_poss
    plural = head.tag_ in ("NNS", "NNPS")
    words = " ".join(t.lower_ for t in head.subtree)
    if lemma in lexicons.load("speakers_document_nouns"):
        return Reading("document", head, number="pl" if plural else "sg", definite=definite)
    if not definite and plural and lemma in lexicons.load("speakers_vague_groups"):
        return Reading("anonymous", head, number="pl")
    if _is_org_noun(lemma) and not indefinite:
        return Reading("organization", head, number="sg", definite=definite or not plural)
    if indefinite:
        return Reading("anonymous", head, number="pl" if plural else "sg")
    if lemma in lexicons.load("speakers_group_nouns"):
        return Reading("group", head, number="pl", definite=definite)
    if head.pos_ in ("NOUN", "ADJ") or "year-old" in words.replace(" ", ""):
        if not definite and lemma in lexicons.load("speakers_anonymous_heads"):
            return Reading("anonymous", head, number="pl" if plural else "sg")
        return Reading(
            "person",
            head,
            gender=noun_gender(lemma),
            number="pl" if plural else "sg",
            definite=definite,
        )
    return Reading("unknown", head)


def name_tokens(head: Token) -> list[Token]:
    """The proper name a mention is built on: the head with the name words written before it
    ("Ten Hag", "Jonathan Van-Tam"), without titles, honorifics, appositions or attached phrases."""
    doc = head.doc
    toks = [head]
    i = head.i - 1
    while i >= 0:
        t = doc[i]
        attached = t.head.i in {x.i for x in toks} and t.dep_ in _NAME_DEPS
        hyphen = t.text in ("-", "\u2010") and not t.whitespace_ and i > 0 and not doc[i - 1].whitespace_
        if not (attached or hyphen) or (not t.text[:1].isupper() and not hyphen):
            break
        toks.insert(0, t)
        i -= 1
    while len(toks) > 1 and toks[0].lower_.rstrip(".") in HONORIFICS | TITLES:
        toks.pop(0)
    return toks


def _names_someone(tok: Token) -> bool:
    return any(t.pos_ == "PROPN" and t.text[:1].isupper() for t in tok.subtree)


def anchored_description(head: Token) -> str | None:
    """A definite description tied to a name ("Holmes's attorneys", "Kenya's election commission",
    "the head of the Kenya election commission"): an identifiable role, the speaker the reader is told
    about. Appositions, relative clauses and other attached phrases are dropped."""
    left = [c for c in head.lefts if c.dep_ in ("poss", "compound", "amod", "nmod", "det")]
    of = [c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"]
    anchored = any(c.dep_ in ("poss", "compound") and _names_someone(c) for c in left)
    anchored = anchored or any(_names_someone(c) for c in of)
    if not anchored:
        return None
    toks = sorted({t for c in left + of[:1] for t in c.subtree} | {head}, key=lambda t: t.i)
    return "".join(t.text_with_ws for t in toks).strip()
