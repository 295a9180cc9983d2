"""Resolve a source mention to who it is: a named entity, an anonymous source, or only its words.

Rules, in order, on the mention's syntactic head:

1. A relative pronoun (``X, who said``) stands for the noun its clause modifies.
2. An undetermined or indefinite mention headed by a person noun (``a senior official``,
   ``people familiar with the matter``, ``sources``) is **anonymous**: never linked to a name.
3. A head inside an entity mention, or a proper name equal to an entity's last name (``Mr Smith``),
   is that entity.
4. ``he``/``she``: the most recent person before it, preferring one who spoke or was a subject;
   ``it``/``they``: the most recent organisation.
5. A definite role noun (``the minister``, ``the agency``, ``the spokeswoman``) is the most recent
   entity seen with that role noun, or whose name ends with it; leaders of state share one class.

Entities come from the entities stage; when it gave none, spaCy's ``doc.ents`` stand in (unlinked:
``entity_id`` stays ``None``). Each decision is appended to the quote's ``evidence``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Token

from wiretrace.analyze.attribution.cues import ANONYMOUS_HEADS, INDEFINITE, RELATIVES, lexicon
from wiretrace.analyze.entity_linking import resolve_role
from wiretrace.model import Entity, Quote, Span, Speaker

_TITLES = lexicon("mr mr. mrs mrs. ms ms. dr dr. sen. sen rep. rep gov. gov president prime minister")
_LEADER_ROLES = lexicon(
    "leader president premier chancellor king queen ruler head minister chairman chairwoman chief"
)
_MALE = frozenset({"he", "him", "his"})
_FEMALE = frozenset({"she", "her", "hers"})
_PERSON_PRONOUNS = _MALE | _FEMALE
_ORG_PRONOUNS = frozenset({"it", "they", "them", "its"})
_LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "NORP": "other"}


@dataclass
class _Ent:
    name: str
    label: str
    id: int | None
    mentions: list[Span] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)
    last: str = ""


def _local_entities(doc: Doc) -> list[_Ent]:
    """Stand-in entities from ``doc.ents``: people grouped by last name, organisations by text."""
    by_key: dict[tuple[str, str], _Ent] = {}
    forms: dict[tuple[str, str], list[str]] = {}
    for ent in doc.ents:
        label = _LABELS.get(ent.label_)
        if label is None:
            continue
        toks = [t for t in ent if t.lower_ not in _TITLES and not t.is_punct and t.lower_ != "'s"]
        if not toks:
            continue
        name = " ".join(t.text for t in toks)
        key = (label, toks[-1].lower_ if label == "person" else name.lower().removeprefix("the "))
        e = by_key.get(key)
        if e is None:
            e = by_key[key] = _Ent(name=name, label=label, id=None, last=toks[-1].lower_)
        forms.setdefault(key, []).append(name)
        e.mentions.append(Span(start=ent.start_char, end=ent.end_char))
        # Role nouns written next to the name: "spokeswoman Jane Roe", "Roe, the minister".
        for t in doc[max(ent.start - 3, 0) : ent.start]:
            if t.pos_ == "NOUN":
                e.roles.add(t.lemma_.lower())
        for t in ent.root.children:
            if t.dep_ == "appos" and t.pos_ == "NOUN":
                e.roles.add(t.lemma_.lower())
    for key, e in by_key.items():
        # The most frequent full form names the entity (a one-off NER error does not).
        names = forms[key]
        e.name = max(names, key=lambda n: (names.count(n) * (" " in n), " " in n, -len(n)))
    return list(by_key.values())


def _from_layer(entities: list[Entity]) -> list[_Ent]:
    out = []
    for e in entities:
        words = e.name.split()
        out.append(
            _Ent(
                name=e.name,
                label=e.label,
                id=e.id,
                mentions=sorted(e.mentions, key=lambda s: s.start),
                roles={r.lower() for r in e.roles},
                last=words[-1].lower() if words else "",
            )
        )
    return out


class _Index:
    """Entity mentions by position, for "which entity is here" and "who came last before here"."""

    def __init__(self, ents: list[_Ent], layer: list[Entity]) -> None:
        self.ents = ents
        self.layer = layer
        pairs = sorted((m.start, m.end, i) for i, e in enumerate(ents) for m in e.mentions)
        self.starts = [p[0] for p in pairs]
        self.pairs = pairs

    def at(self, pos: int) -> _Ent | None:
        k = bisect.bisect_right(self.starts, pos) - 1
        while k >= 0:
            s, e, i = self.pairs[k]
            if s <= pos < e:
                return self.ents[i]
            if pos - s > 200:
                break
            k -= 1
        return None

    def before(self, pos: int, labels: tuple[str, ...], limit: int = 1500) -> list[_Ent]:
        """Entities with a mention ending before ``pos`` (nearest first), within ``limit`` characters."""
        k = bisect.bisect_left(self.starts, pos) - 1
        seen: list[_Ent] = []
        while k >= 0 and pos - self.starts[k] <= limit:
            _, end, i = self.pairs[k]
            e = self.ents[i]
            if end <= pos and e.label in labels and e not in seen:
                seen.append(e)
            k -= 1
        return seen


def _root(doc: Doc, span: Span) -> Token | None:
    s = doc.char_span(span.start, span.end, alignment_mode="expand")
    return s.root if s is not None and len(s) else None


def _is_anonymous(root: Token) -> bool:
    if root.pos_ != "NOUN" or root.lemma_.lower() not in ANONYMOUS_HEADS:
        return False
    if any(c.dep_ == "poss" for c in root.children):
        return False  # "Smith's aide" is anchored to a named person
    dets = {c.lower_ for c in root.children if c.dep_ in ("det", "nummod", "quantmod", "predet")}
    # "the official" / "this source" point back to someone introduced before; the rest are anonymous.
    return not dets & {"the", "this", "that", "these", "those"} or bool(dets & INDEFINITE)


def _by_name(idx: _Index, root: Token) -> _Ent | None:
    ent = idx.at(root.idx)
    if ent is not None:
        return ent
    if root.pos_ == "PROPN":
        low = root.lower_
        cands = [e for e in idx.before(root.idx, ("person", "organization"), limit=100_000) if e.last == low]
        if cands:
            return cands[0]
        later = [e for e in idx.ents if e.last == low]
        return later[0] if later else None
    return None


def _by_role(idx: _Index, root: Token, words: str) -> _Ent | None:
    role = root.lemma_.lower()
    if idx.layer:
        # The entities stage's role linking knows qualifiers ("the Russian leader" -> Russian president).
        found = resolve_role(idx.layer, words, position=root.idx)
        if found is not None:
            return next((e for e in idx.ents if e.id == found.id), None)
    cands = idx.before(root.idx, ("person", "organization"), limit=5000)
    for e in cands:
        org_word = e.label == "organization" and role in e.name.lower().split()
        if role in e.roles or e.last == role or org_word:
            return e
    if role in _LEADER_ROLES:
        for e in cands:
            if e.label == "person" and e.roles & _LEADER_ROLES:
                return e
    return None


def _recent_person(idx: _Index, root: Token, last_speaker: _Ent | None) -> _Ent | None:
    cands = idx.before(root.idx, ("person",), limit=1200)
    if last_speaker is not None and last_speaker in cands[:3]:
        return last_speaker
    return cands[0] if cands else None


def resolve_one(
    doc: Doc, text: str, idx: _Index, mention: Span, last_speaker: _Ent | None
) -> tuple[Speaker, str]:
    """The speaker for one source mention and how it was decided."""
    words = mention.of(text)
    root = _root(doc, mention)
    if root is None:
        return Speaker(name=words, mention=mention), "mention as written"
    how = ""
    if root.lower_ in RELATIVES and root.head.dep_ == "relcl":
        root = root.head.head
        how = f'relative pronoun for "{root.text}", '
    if _is_anonymous(root):
        return Speaker(name=words, mention=mention, kind="anonymous"), how + "anonymous source"
    ent = _by_name(idx, root)
    if ent is None and root.pos_ == "PRON":
        low = root.lower_
        if low in _PERSON_PRONOUNS:
            ent, how = _recent_person(idx, root, last_speaker), how + f'pronoun "{root.text}" → recent person'
        elif low in _ORG_PRONOUNS:
            cands = idx.before(root.idx, ("organization",), limit=1200)
            ent, how = (cands[0] if cands else None), how + f'pronoun "{root.text}" → recent organisation'
    elif ent is None and root.pos_ == "NOUN":
        ent = _by_role(idx, root, words)
        how += f'role noun "{root.text}"'
    elif ent is not None:
        how += "named entity"
    if ent is None:
        return Speaker(name=words, mention=mention), how or "mention as written (no entity)"
    kind: Literal["person", "organization", "other"] = (
        "person" if ent.label == "person" else "organization" if ent.label == "organization" else "other"
    )
    return Speaker(name=ent.name, mention=mention, entity_id=ent.id, kind=kind), how


def resolve_speakers(doc: Doc, text: str, quotes: list[Quote], entities: list[Entity]) -> list[Quote]:
    """Quotes with speakers resolved; a quote without a source mention gets ``unattributed_reason``."""
    idx = _Index(_from_layer(entities) if entities else _local_entities(doc), entities)
    out: list[Quote] = []
    last: _Ent | None = None
    for q in sorted(quotes, key=lambda q: q.span.start):
        if q.speaker is None or q.speaker.mention is None:
            reason = (
                "the cue has no recoverable source"
                if q.cue is not None
                else "no reporting cue or source near the quote"
            )
            update = {"speaker": None, "unattributed_reason": reason, "confidence": 0.0}
            out.append(q.model_copy(update=update))
            continue
        speaker, how = resolve_one(doc, text, idx, q.speaker.mention, last)
        if speaker.kind == "person":
            last = next((e for e in idx.ents if e.name == speaker.name), last)
        conf = q.confidence * (0.8 if "pronoun" in how or "role noun" in how else 1.0)
        reporters = [_canonical(idx, r) for r in q.reported_by]
        out.append(
            q.model_copy(
                update={
                    "speaker": speaker,
                    "confidence": round(conf, 3),
                    "evidence": f"{q.evidence}; speaker: {how}" if how else q.evidence,
                    "reported_by": reporters,
                }
            )
        )
    return out


def _canonical(idx: _Index, name: str) -> str:
    low = name.lower().removeprefix("the ")
    for e in idx.ents:
        if e.name.lower() == low or (e.label == "organization" and low.endswith(e.name.lower())):
            return e.name
    return name
