"""Resolve a source mention to who it is, as an editor would: a named entity, an anonymous source, or
nobody (the quote is then unattributed, with the reason).

How a mention is read (``descriptions.read_mention``) decides where to look:

* a **name** is the entity it belongs to (or the bare name, titles and appositions trimmed);
* ``he`` / ``she`` is the best-ranked earlier person who agrees in gender (``gender.py``): ranked by
  recency in sentences, syntactic salience (a subject outranks an object), being the last speaker,
  and a penalty for names that occur only inside someone's quoted words;
* ``it`` / ``they`` is the last speaker when that was an organisation, else a salient organisation;
* a definite **description** ("the sheriff", "the 35-year-old", "Pakistan's prime minister") is the
  person whose recorded role matches (``entity_linking.resolve_role``), else the best-ranked person
  nearby; an organisation noun ("the company", "the drugmaker") is the organisation whose name holds
  the noun, else the most salient organisation before it; a document ("the statement") speaks for
  its possessor or for the last speaker;
* an indefinite description or a vague plural ("a senior official", "analysts") is **anonymous**.

A pronoun, relative or description never becomes ``Speaker.name``: unresolved, the quote is
unattributed. Entities come from the entities stage; when it gave none, spaCy's ``doc.ents`` stand in.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Token

from wiretrace import lexicons
from wiretrace.aliases import AliasTable
from wiretrace.analyze.attribution.descriptions import (
    Gender,
    Reading,
    anchored_description,
    head_of,
    name_tokens,
    read_mention,
)
from wiretrace.analyze.attribution.gender import genders
from wiretrace.analyze.entity_linking import HONORIFICS, TITLES, resolve_role, role_head, same_post
from wiretrace.analyze.integrity.intervals import Intervals
from wiretrace.model import Entity, Quote, Span, Speaker

_LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "NORP": "other"}
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_PERSON_WINDOW = 1500
_ORG_WINDOW = 2500
SpeakerKind = Literal["person", "organization", "anonymous", "other"]


@dataclass
class _Ent:
    name: str
    label: str
    id: int | None
    mentions: list[Span] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)
    last: str = ""
    gender: Gender | None = None


def _local_entities(doc: Doc) -> list[_Ent]:
    """Stand-in entities from ``doc.ents``: people grouped by last name, organisations by text."""
    by_key: dict[tuple[str, str], _Ent] = {}
    forms: dict[tuple[str, str], list[str]] = {}
    titles = HONORIFICS | TITLES
    for ent in doc.ents:
        label = _LABELS.get(ent.label_)
        if label is None:
            continue
        toks = [t for t in ent if t.lower_.rstrip(".") not in titles and not t.is_punct and t.lower_ != "'s"]
        if not toks:
            continue
        name = " ".join(t.text for t in toks)
        key = (label, toks[-1].lower_ if label == "person" else name.lower().removeprefix("the "))
        e = by_key.get(key)
        if e is None:
            e = by_key[key] = _Ent(name=name, label=label, id=None, last=toks[-1].lower_)
        forms.setdefault(key, []).append(name)
        e.mentions.append(Span(start=ent.start_char, end=ent.end_char))
        for t in doc[max(ent.start - 3, 0) : ent.start]:
            if t.pos_ == "NOUN":
                e.roles.add(t.lemma_.lower())
        for t in ent.root.children:
            if t.dep_ == "appos" and t.pos_ == "NOUN":
                e.roles.add(t.lemma_.lower())
    for key, e in by_key.items():
        names = forms[key]
        counts = Counter(names)
        e.name = max(names, key=lambda n: (counts[n] * (" " in n), " " in n, -len(n)))
    return list(by_key.values())


def _title_words() -> frozenset[str]:
    return (
        HONORIFICS
        | TITLES
        | lexicons.load("speakers_role_words")
        | lexicons.load("speakers_title_abbreviations")
        | lexicons.load("entities_person_roles")
    )


# A possessor written before an organisation's name: "Iraq's Oil Ministry", "Colbert County's Office".
_OWNER = re.compile(r"(?:[A-Z][\w.&-]*\s)*[A-Z][\w.&-]*['\u2019]s\s$")
# Title-case function words inside a name show a headline run into it ("Trump Orders Grounding Of Boeing").
_HEADLINE_WORDS = frozenset({"Of", "In", "On", "For", "To", "With", "At", "By", "As", "Over"})


def _owner(before: str, named: set[str]) -> str | None:
    """The possessor ending ``before`` ("Iraq's "), when it is a name the article's entities have."""
    found = _OWNER.search(before)
    if found is None:
        return None
    words = found.group(0).strip().split()
    for k in range(len(words)):
        owner = " ".join(words[k:])
        if owner[:-2] in named:
            return owner
    return None


def _repair(ents: list[_Ent], text: str) -> list[_Ent]:
    """Undo the commonest NER slips before resolving speakers, from the article's own evidence:

    * a "person" that is a title ("Colbert County Sheriff") written right before a person's name is
      that person's title, not a person; "Sheriff Williamson" is the person named "... Williamson";
    * a one-word organisation that is a person's last name ("added Prest") is that person;
    * an organisation named by a generic noun keeps the possessor the article writes ("Iraq's Oil
      Ministry", not "Oil Ministry");
    * an organisation name with a headline run into it takes the form the article repeats.
    """
    titles = _title_words()
    people = [e for e in ents if e.label == "person"]
    by_start = {m.start: e for e in people for m in e.mentions}
    by_last: dict[str, _Ent] = {}
    for e in people:
        if len(e.name.split()) > 1 and e.last not in titles:
            by_last.setdefault(e.last, e)
    merged: set[int] = set()
    for k, e in enumerate(ents):
        words = e.name.split()
        if e.label == "person" and words and e.last in titles:
            for m in e.mentions:
                nxt = m.end + len(text[m.end : m.end + 3]) - len(text[m.end : m.end + 3].lstrip(" "))
                follower = by_start.get(nxt)
                if follower is not None and follower is not e:
                    follower.roles.add(e.last)
                    merged.add(k)
        if e.label == "person" and len(words) > 1 and words[0].lower().rstrip(".") in titles:
            rest = " ".join(words[1:]).lower()
            owner = by_last.get(rest)
            if owner is not None and owner is not e:
                owner.mentions = sorted(owner.mentions + e.mentions, key=lambda s: s.start)
                owner.roles.add(words[0].lower().rstrip("."))
                merged.add(k)
        if e.label == "organization" and len(words) == 1 and words[0].lower() in by_last:
            owner = by_last[words[0].lower()]
            owner.mentions = sorted(owner.mentions + e.mentions, key=lambda s: s.start)
            merged.add(k)
    out = [e for k, e in enumerate(ents) if k not in merged]
    named = {m.of(text) for e in out for m in e.mentions}
    for e in out:
        if e.label != "organization" or not e.mentions:
            continue
        words = e.name.split()
        if words and words[-1].lower() in lexicons.load("speakers_org_nouns"):
            owners = [_owner(text[max(0, m.start - 60) : m.start], named) for m in e.mentions]
            found = [o for o in owners if o is not None]
            if found and len(found) * 2 >= len(owners) and found[0] not in e.name:
                e.name = f"{found[0]} {e.name}"
        if any(w in _HEADLINE_WORDS for w in words[1:-1]):
            forms = [m.of(text).strip() for m in e.mentions]
            tails = [f for f in forms if f != e.name and e.name.endswith(" " + f)]
            if tails:
                counts = Counter(tails)
                e.name = max(tails, key=lambda t: counts[t])
    return out


def _from_layer(entities: list[Entity]) -> list[_Ent]:
    out: list[_Ent] = []
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
    """Entity mentions by position, sentences by position, and the quoted stretches of the article.

    Every look-up is a binary search or a dictionary probe, never a scan of all entities or quotes:
    a very long article has thousands of each and a look-up runs for every source mention. The
    keyed indexes (``first_before``, ``first_with``) are built on first use and hold, per key, the
    same sorted mention pairs (or entity order) as the scans they replace, so the answer is the
    same entity the scan would give.
    """

    def __init__(self, doc: Doc, ents: list[_Ent], layer: list[Entity], quoted: list[Span]) -> None:
        self.doc = doc
        self.ents = ents
        self.layer = layer
        pairs = sorted((m.start, m.end, i) for i, e in enumerate(ents) for m in e.mentions)
        self.starts = [p[0] for p in pairs]
        self.pairs = pairs
        self.sent_starts = [s.start_char for s in doc.sents]
        self.quoted = sorted(quoted, key=lambda s: s.start)
        self.quoted_starts = [q.start for q in self.quoted]
        self.quoted_spans = Intervals((q.start, q.end) for q in self.quoted)
        self.by_id: dict[int, _Ent] = {}
        for e in ents:
            if e.id is not None:
                self.by_id.setdefault(e.id, e)
        self._keyed: dict[str, tuple[dict[str, list[tuple[int, int, int]]], dict[str, list[int]]]] = {}
        self._mention_starts: dict[int, list[int]] = {}
        self._names: dict[int, str] = {}
        self._lower_text: str | None = None
        self._role_people: dict[str, list[Entity]] = {}
        self._role_heads: dict[str, list[int]] | None = None
        people = [e for e in ents if e.label == "person"]
        found = genders(
            doc, [(e.name, [(m.start, m.end) for m in e.mentions], sorted(e.roles)) for e in people]
        )
        for e, g in zip(people, found, strict=True):
            e.gender = g

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

    def before(self, pos: int, labels: tuple[str, ...], limit: int) -> list[tuple[_Ent, Span]]:
        """Entities with a mention ending before ``pos`` (nearest first) and that latest mention."""
        k = bisect.bisect_left(self.starts, pos) - 1
        seen: dict[int, tuple[_Ent, Span]] = {}
        while k >= 0 and pos - self.starts[k] <= limit:
            s, end, i = self.pairs[k]
            e = self.ents[i]
            if end <= pos and e.label in labels and i not in seen:
                seen[i] = (e, Span(start=s, end=end))
            k -= 1
        return list(seen.values())

    def _index(
        self, name: str, keys: Callable[[_Ent], Iterable[str]]
    ) -> tuple[dict[str, list[tuple[int, int, int]]], dict[str, list[int]]]:
        """Per key: the mention pairs (sorted as ``pairs``) and the entities (in ``ents`` order) of
        the entities that have the key."""
        if name not in self._keyed:
            by_key: dict[str, list[int]] = {}
            for i, e in enumerate(self.ents):
                for key in dict.fromkeys(keys(e)):
                    by_key.setdefault(key, []).append(i)
            pairs: dict[str, list[tuple[int, int, int]]] = {}
            for key, members in by_key.items():
                pairs[key] = sorted((m.start, m.end, i) for i in members for m in self.ents[i].mentions)
            self._keyed[name] = (pairs, by_key)
        return self._keyed[name]

    def first_before(
        self,
        pos: int,
        labels: tuple[str, ...],
        limit: int,
        index: str,
        keys: Callable[[_Ent], Iterable[str]],
        key: str,
    ) -> _Ent | None:
        """The first entity of ``before(pos, labels, limit)`` that has ``key`` among ``keys(entity)``."""
        pairs = self._index(index, keys)[0].get(key)
        if not pairs:
            return None
        k = bisect.bisect_left(pairs, (pos,)) - 1
        while k >= 0 and pos - pairs[k][0] <= limit:
            _s, end, i = pairs[k]
            if end <= pos and self.ents[i].label in labels:
                return self.ents[i]
            k -= 1
        return None

    def positions(self, index: str, keys: Callable[[_Ent], Iterable[str]], key: str) -> list[int]:
        """Positions in ``ents`` (ascending) of the entities that have ``key`` among ``keys(entity)``."""
        return self._index(index, keys)[1].get(key, [])

    def with_key(self, index: str, keys: Callable[[_Ent], Iterable[str]], key: str) -> list[_Ent]:
        """The entities that have ``key`` among ``keys(entity)``, in ``ents`` order."""
        return [self.ents[i] for i in self.positions(index, keys, key)]

    def sentence(self, pos: int) -> int:
        return bisect.bisect_right(self.sent_starts, pos) - 1

    def mentioned_in_sentence(self, starts: list[int], here: int) -> bool:
        """Whether a mention starting at one of ``starts`` (ascending) is in sentence ``here``, i.e.
        ``sentence(start) == here`` for one of them."""
        lo = self.sent_starts[here] if here >= 0 else -1
        hi = self.sent_starts[here + 1] if here + 1 < len(self.sent_starts) else sys.maxsize
        k = bisect.bisect_left(starts, lo)
        return k < len(starts) and starts[k] < hi

    def in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self.quoted_starts, pos) - 1
        return k >= 0 and self.quoted[k].start <= pos < self.quoted[k].end

    def token_at(self, span: Span) -> Token | None:
        s = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        return s.root if s is not None and len(s) else None

    def mention_starts(self, ent: _Ent) -> list[int]:
        """The starts of ``ent``'s mentions, ascending (``ent.mentions`` is sorted by start)."""
        found = self._mention_starts.get(id(ent))
        if found is None:
            found = self._mention_starts[id(ent)] = [m.start for m in ent.mentions]
        return found

    def lower_text(self, text: str) -> str:
        if self._lower_text is None:
            self._lower_text = text.lower()
        return self._lower_text

    def display_name(self, ent: _Ent, text: str) -> str:
        found = self._names.get(id(ent))
        if found is None:
            found = self._names[id(ent)] = _display_name(ent, text, self.lower_text(text))
        return found

    def role_people(self, head: str) -> list[Entity]:
        """The people of the entities layer with a role ``resolve_role`` may match to ``head``, in
        layer order: a superset of its candidates, so it gives the same answer on these alone."""
        found = self._role_people.get(head)
        if found is None:
            if self._role_heads is None:
                self._role_heads = {}
                for k, e in enumerate(self.layer):
                    if e.label == "person":
                        for r in e.roles:
                            self._role_heads.setdefault(role_head(r), []).append(k)
            members = sorted({k for h, ks in self._role_heads.items() if same_post(head, h) for k in ks})
            found = self._role_people[head] = [self.layer[k] for k in members]
        return found


@dataclass
class _Last:
    """The speaker of the last attributed quote, and where that quote was."""

    speaker: Speaker
    ent: _Ent | None
    pos: int


def _rank(
    idx: _Index,
    pos: int,
    labels: tuple[str, ...],
    limit: int,
    *,
    gender: Gender | None = None,
    last: _Last | None = None,
    word: str | None = None,
    subjects_only: bool = False,
) -> _Ent | None:
    """The best antecedent before ``pos``: recency in sentences, salience, agreement."""
    here = idx.sentence(pos)
    best: tuple[float, _Ent] | None = None
    for ent, m in idx.before(pos, labels, limit):
        if gender is not None and ent.gender is not None and ent.gender != gender:
            continue
        score = -0.4 * min(here - idx.sentence(m.start), 8)
        if gender is not None and ent.gender == gender:
            score += 0.8  # known agreement beats a name of unknown gender
        tok = idx.token_at(m)
        if subjects_only and (tok is None or tok.dep_ not in _SUBJECT_DEPS):
            continue
        if tok is not None:
            if tok.dep_ in _SUBJECT_DEPS:
                score += 1.2
            elif tok.dep_ in ("pobj", "dobj", "poss"):
                score -= 0.4
        if idx.in_quote(m.start):
            score -= 2.0
        if last is not None and last.ent is ent:
            score += 2.0
        if word and word in ent.name.lower().split():
            score += 3.0
        if best is None or score > best[0]:
            best = (score, ent)
    return best[1] if best is not None else None


def _display_name(ent: _Ent, text: str, lower_text: str) -> str:
    """The name the article itself uses: an organisation's alias-table name ("United Kingdom") gives
    way to the form the article wrote ("Britain") when the article never writes it; a title NER ran
    into ("State Police Lt") is cut off. ``lower_text`` is ``text.lower()``."""
    name = ent.name
    if ent.label != "person" and name.lower() not in lower_text:
        forms = [m.of(text).removeprefix("the ").removeprefix("The ") for m in ent.mentions]
        counts = Counter(forms)
        name = max(forms, key=lambda f: (counts[f], len(f))) if forms else name
    words = name.split()
    titles = HONORIFICS | TITLES | lexicons.load("speakers_title_abbreviations")
    while len(words) > 1 and words[-1].lower().rstrip(".") in titles:
        words.pop()
    return " ".join(words)


def _speaker(idx: _Index, text: str, ent: _Ent, mention: Span) -> Speaker:
    kind: SpeakerKind = (
        "person" if ent.label == "person" else "organization" if ent.label == "organization" else "other"
    )
    return Speaker(name=idx.display_name(ent, text), mention=mention, entity_id=ent.id, kind=kind)


# Keys of the ``_Index`` look-ups (``first_before``, ``with_key``), one function per index name.
def _last_key(e: _Ent) -> tuple[str]:
    return (e.last,)


def _role_or_last_keys(e: _Ent) -> list[str]:
    return [*e.roles, e.last]


def _person_role_keys(e: _Ent) -> Iterable[str]:
    return e.roles if e.label == "person" else ()


def _office_keys(e: _Ent) -> list[str]:
    return _name_words(e.name) if e.label == "organization" else []


def _name_word_keys(e: _Ent) -> list[str]:
    return e.name.lower().split()


def _lower_name_key(e: _Ent) -> tuple[str]:
    return (e.name.lower(),)


def _org_lower_name_key(e: _Ent) -> tuple[str, ...]:
    return (e.name.lower(),) if e.label == "organization" else ()


def _by_name(idx: _Index, root: Token) -> _Ent | None:
    for tok in name_tokens(root)[::-1]:
        ent = idx.at(tok.idx)
        if ent is not None:
            return ent
    low = root.lower_
    cand = idx.first_before(root.idx, ("person", "organization"), 100_000, "last", _last_key, low)
    if cand is not None:
        return cand
    later = idx.with_key("last", _last_key, low)
    return later[0] if later else None


def _description_words(head: Token) -> str:
    """The description without relative clauses or appositions ("the judge who presided" -> "the judge")."""
    toks = [t for c in head.lefts for t in c.subtree] + [head]
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            toks += list(c.subtree)
    return " ".join(t.text for t in sorted(toks, key=lambda t: t.i))


def _person_description(
    idx: _Index, reading: Reading, aliases: AliasTable, last: _Last | None
) -> _Ent | None:
    head = reading.head
    words = _description_words(head)
    role = head.lemma_.lower()
    if idx.layer:
        # Only the people resolve_role could pick (same answer, without scanning every entity).
        candidates = idx.role_people(role_head(words))
        for position in (head.idx, None):
            found = resolve_role(candidates, words, position=position, aliases=aliases)
            ent = idx.by_id.get(found.id) if found is not None else None
            if ent is not None and not _other_participant(idx, ent, head):
                return ent
    ent = idx.first_before(head.idx, ("person",), 100_000, "role_or_last", _role_or_last_keys, role)
    if ent is not None:
        return ent
    if not reading.definite or role in lexicons.load("speakers_anonymous_heads"):
        return None  # "the person", "the official": back to an unnamed source
    with_role = idx.with_key("person_roles", _person_role_keys, role)
    if not with_role:
        # "the sheriff said" where the article names the Sheriff's Office and no sheriff.
        office = idx.with_key("office", _office_keys, role)
        if office:
            return office[0]
    # Named only later ("the local sheriff ... Sheriff Bill Hollenbeck told"): cataphora.
    later = [e for e in with_role if not _other_participant(idx, e, head)]
    if later and not idx.before(head.idx, ("person",), _PERSON_WINDOW):
        return min(later, key=lambda e: e.mentions[0].start if e.mentions else 0)
    return _rank(idx, head.idx, ("person",), _PERSON_WINDOW, gender=reading.gender, last=last)


def _name_words(name: str) -> list[str]:
    return [w.removesuffix("'s").removesuffix("\u2019s") for w in name.lower().split()]


def _other_participant(idx: _Index, ent: _Ent, head: Token) -> bool:
    """``ent`` is first named after the description, in its own sentence: another participant of
    the clause ("The prime minister accused Labour leader Jane Roe"), not the one described."""
    phrase_end = head.right_edge.idx + len(head.right_edge)
    starts = idx.mention_starts(ent)
    if starts and starts[0] < phrase_end:
        return False  # named before, or inside the description itself ("His deputy Jane Roe")
    return idx.mentioned_in_sentence(starts, idx.sentence(head.idx))


def _organization(idx: _Index, head: Token, last: _Last | None) -> _Ent | None:
    lemma = head.lemma_.lower()
    labels = ("organization", "other")
    named = idx.first_before(head.idx, labels, 100_000, "name_words", _name_word_keys, lemma)
    # The name may come after the description ("State police said ... Michigan State Police").
    named = named or next(
        (e for e in idx.with_key("name_words", _name_word_keys, lemma) if e.label in labels), None
    )
    if named is not None:
        return named
    last_org = last is not None and last.ent is not None and last.ent.label == "organization"
    if last is not None and last_org and head.idx - last.pos < _ORG_WINDOW:
        return last.ent
    return _rank(idx, head.idx, ("organization",), _ORG_WINDOW, last=last)


def resolve_mention(
    doc: Doc, text: str, idx: _Index, mention: Span, last: _Last | None, aliases: AliasTable
) -> tuple[Speaker | None, _Ent | None, str]:
    """The speaker of one source mention, its entity, and how it was decided (or why it was not)."""
    words = mention.of(text)
    root = head_of(doc, mention.start, mention.end)
    if root is None:
        return None, None, f'no head for the mention "{words}"'
    reading = read_mention(root)
    if reading.kind == "name" and root.lower_.rstrip(".") in lexicons.load("speakers_role_words"):
        reading = Reading("person", root, definite=True)
    ent: _Ent | None = None
    how = ""
    if reading.kind == "anonymous":
        return Speaker(name=words, mention=mention, kind="anonymous"), None, "anonymous source"
    if reading.kind == "name":
        ent, how = _by_name(idx, root), "named entity"
        the = any(c.lower_ == "the" for c in root.children if c.dep_ == "det")
        one_word = ent is not None and ent.label == "person" and " " not in ent.name
        if ent is not None and (ent.label == "other" or (the and one_word)):
            ent = None  # a nationality ("the Scot", "Russians") is not a name
        if ent is None and the:
            # "the Scot", "the Speaker": a capitalised noun that names no entity is a description.
            reading = Reading("person", root, definite=True)
            ent, how = _person_description(idx, reading, aliases, last), f'description "{root.text}"'
        elif ent is None:
            name = " ".join(t.text for t in name_tokens(root))
            return Speaker(name=name, mention=mention), None, "name (no entity)"
    elif reading.kind == "pronoun":
        low = root.lower_
        if reading.number == "pl" or reading.gender is None:
            if last is not None and last.speaker.kind == "organization" and root.idx - last.pos < _ORG_WINDOW:
                return (
                    last.speaker.model_copy(update={"mention": mention}),
                    last.ent,
                    f'pronoun "{low}" → last speaker',
                )
            if (
                last is not None
                and last.ent is None
                and last.speaker.kind == "other"
                and root.idx - last.pos < _ORG_WINDOW
            ):
                return (
                    last.speaker.model_copy(update={"mention": mention}),
                    None,
                    f'pronoun "{low}" → last speaker',
                )
            ent = _rank(idx, root.idx, ("organization",), 600, last=last, subjects_only=True)
            how = f'pronoun "{low}" → salient organisation'
        else:
            ent = _rank(idx, root.idx, ("person",), _PERSON_WINDOW, gender=reading.gender, last=last)
            how = f'pronoun "{low}" → agreeing person'
    elif reading.kind in ("organization", "person", "group") and _owned_by_person(idx, root, reading):
        # "Holmes's lawyers", "Smith's campaign": tied to the person, never the person themself.
        how = f'description "{root.text}" of a named person'
    elif reading.kind == "organization":
        ent, how = _organization(idx, root, last), f'organisation noun "{root.text}"'
    elif reading.kind == "person":
        ent, how = _person_description(idx, reading, aliases, last), f'description "{root.text}"'
        poss = [c for c in root.children if c.dep_ == "poss"]
        if ent is not None and poss and idx.at(poss[0].idx) is ent:
            ent = None
    elif reading.kind == "document":
        poss = [c for c in root.children if c.dep_ == "poss"]
        poss += [
            g
            for c in root.children
            if c.dep_ == "prep" and c.lower_ in ("by", "from")
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if poss:
            return resolve_mention(
                doc, text, idx, Span(start=poss[0].idx, end=poss[0].idx + len(poss[0])), last, aliases
            )
        if last is not None and reading.definite and root.idx - last.pos < _ORG_WINDOW:
            return (
                last.speaker.model_copy(update={"mention": mention}),
                last.ent,
                f'document "{root.text}" → last speaker',
            )
        how = f'document "{root.text}"'
    elif reading.kind == "group":
        how = f'group "{root.text}"'
    if ent is None:
        anchored = anchored_description(root) if reading.kind in ("person", "group", "organization") else None
        if anchored is not None:
            return (
                Speaker(name=anchored, mention=mention, kind="other"),
                None,
                "description anchored to a name",
            )
        return None, None, f'{how or "mention"} not resolved to a named entity: "{words}"'
    return _speaker(idx, text, ent, mention), ent, how


def _owned_by_person(idx: _Index, head: Token, reading: Reading) -> bool:
    """A plural or organisational description whose possessor is a person the article names."""
    if reading.kind == "person" and reading.number != "pl":
        return False
    poss = [c for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
    owner = idx.at(poss[0].idx) if poss else None
    return owner is not None and owner.label == "person"


def _user_aliases(aliases: AliasTable | None, speaker: Speaker) -> Speaker:
    if aliases is None or speaker.kind == "anonymous":
        return speaker
    canonical = aliases.canonical(speaker.name)
    return speaker.model_copy(update={"name": canonical}) if canonical else speaker


def resolve_speakers(
    doc: Doc,
    text: str,
    quotes: list[Quote],
    entities: list[Entity],
    *,
    paragraphs: list[Span] | None = None,
    aliases: AliasTable | None = None,
    user_aliases: AliasTable | None = None,
) -> list[Quote]:
    """Quotes with speakers resolved; a quote left without one gets ``unattributed_reason``.

    ``aliases`` is the full alias table (built-in and user entries) for role qualifiers;
    ``user_aliases`` holds only the user's entries, which rename a resolved speaker to their canonical.
    """
    from wiretrace.analyze.attribution.continuation import Paragraphs, continued_speaker

    table = aliases or AliasTable.builtin()
    quoted = [p for q in quotes for p in (q.pieces or [q.span])]
    ents = _repair(_from_layer(entities) if entities else _local_entities(doc), text)
    idx = _Index(doc, ents, entities, quoted)
    paras = Paragraphs(_lines(text, paragraphs or [Span(start=0, end=len(text))]))
    out: list[Quote] = []
    last: _Last | None = None
    for q in sorted(quotes, key=lambda q: q.span.start):
        speaker: Speaker | None = None
        ent: _Ent | None = None
        how = ""
        conf = q.confidence
        if q.speaker is not None and q.speaker.mention is not None:
            speaker, ent, how = resolve_mention(doc, text, idx, q.speaker.mention, last, table)
            if "pronoun" in how or "description" in how or "noun" in how:
                conf *= 0.8
        elif q.cue is None and q.kind == "direct":
            found = continued_speaker(doc, text, idx, paras, q, last, table)
            if found is not None:
                speaker, ent, how = found
                conf = 0.5
        if speaker is None:
            if not how:
                how = (
                    "the cue has no recoverable source"
                    if q.cue is not None
                    else "no reporting cue or source near the quote"
                )
            update = {"speaker": None, "unattributed_reason": how, "confidence": 0.0}
            out.append(q.model_copy(update=update))
            continue
        speaker = _user_aliases(user_aliases, speaker)
        last = _Last(speaker, ent, q.span.end)
        reporters = [_canonical(idx, r) for r in q.reported_by]
        out.append(
            q.model_copy(
                update={
                    "speaker": speaker,
                    "confidence": round(conf, 3),
                    "evidence": f"{q.evidence}; speaker: {how}" if q.evidence else f"speaker: {how}",
                    "reported_by": reporters,
                }
            )
        )
    return out


def _lines(text: str, paragraphs: list[Span]) -> list[Span]:
    """Paragraphs split at single line breaks too: press-conference transcripts and flattened pages
    put a prompt, a speaker line and an answer on lines of one block."""
    out: list[Span] = []
    for p in paragraphs:
        start = p.start
        for i in range(p.start, p.end):
            if text[i] == "\n":
                if text[start:i].strip():
                    out.append(Span(start=start, end=i))
                start = i + 1
        if text[start : p.end].strip():
            out.append(Span(start=start, end=p.end))
    return out or paragraphs


def _canonical(idx: _Index, name: str) -> str:
    """The first entity (in ``ents`` order) named ``name`` or, for an organisation, whose name ends it."""
    low = name.lower().removeprefix("the ")
    found = [*idx.positions("lower_name", _lower_name_key, low)[:1]]
    for k in range(len(low) + 1):  # every suffix of the name, by dictionary probes
        found += idx.positions("org_lower_name", _org_lower_name_key, low[k:])[:1]
    return idx.ents[min(found)].name if found else name
