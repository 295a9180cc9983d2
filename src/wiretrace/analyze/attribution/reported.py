"""Reported speech from the dependency parse: cue verb, its source (subject) and content (clause).

Patterns, all read off spaCy's dependency labels rather than word order:

* ``X said (that) CLAUSE`` and ``CLAUSE, X said``: the cue verb has a ``ccomp``; its subject is the source.
* ``The plan, X said, will fail``: the cue is ``parataxis`` of the clause's head; content is the rest.
* ``according to X, CLAUSE``: the ``according`` phrase's object is the source; content is its clause.
* ``X was quoted as saying by Y``: the passive subject is the source and the agent relays it.
* Non-finite and coordinated cues (``..., adding that``; ``agreed and said``) inherit the subject
  of the verb they hang off.

A source *mention* is the subject's whole subtree (appositions and relative clauses included), the
unit that PARC-style annotation marks; resolving it to an entity is the speakers stage's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from wiretrace import lexicons
from wiretrace.analyze.attribution.cues import (
    ATTITUDE_ADJECTIVES,
    CLAUSE_NOUNS,
    COGNITION_VERBS,
    INTENTION_VERBS,
    LIGHT_VERBS,
    OBJECT_VERBS,
    PREP_CUES,
    RELAY_PASSIVES,
    SPEECH_VERBS,
    cue_lemma,
    is_according_to,
    is_cue_verb,
    is_wh_clause,
)
from wiretrace.analyze.attribution.descriptions import denotes_people
from wiretrace.analyze.doctext import doc_text
from wiretrace.model import Span

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_NEWLINE = re.compile(r"\n")
# Dependencies through which a subjectless cue takes the subject of its head.
_INHERIT = ("conj", "xcomp", "advcl", "pcomp", "acl")


@dataclass
class Attribution:
    """One cue with its source mention and content (character spans)."""

    cue: Span
    cue_token: int
    source: Span | None
    source_root: int | None
    content: list[Span]
    reporters: list[Span] = field(default_factory=list)
    how: str = "verb"  # verb | according | colon | label | noun

    @property
    def content_span(self) -> Span | None:
        if not self.content:
            return None
        return Span(start=self.content[0].start, end=self.content[-1].end)


def char_span(doc: Doc, first: int, last: int) -> Span | None:
    """Characters of tokens ``first..last`` (inclusive), trimmed of edge punctuation."""
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if first > last:
        return None
    return Span(start=doc[first].idx, end=doc[last].idx + len(doc[last]))


def mention_of(tok: Token, cue: Token | None = None) -> Span | None:
    """The source mention headed by ``tok``: its subtree (within its paragraph), the unit attribution
    corpora annotate, with appositions and relative clauses but without a participle set off by a
    comma ("Smith, speaking in Ohio, said"); never running over the ``cue`` itself."""
    ids = block_ids(tok.doc)
    first, last = tok.left_edge.i, tok.right_edge.i
    while ids[first] != ids[tok.i]:
        first += 1
    while ids[last] != ids[tok.i]:
        last -= 1
    doc = tok.doc
    # "Even China", "But the minister": a leading focus adverb or conjunction is not part of the name;
    # an adverb of a number is ("nearly half of voters").
    while first < tok.i and doc[first].dep_ in ("advmod", "cc", "preconj", "punct"):
        lead = doc[first]
        if lead.dep_ == "advmod" and (lead.head.pos_ == "NUM" or lead.head.dep_ in ("nummod", "quantmod")):
            break
        first += 1
    for c in tok.rights:
        if c.dep_ == "acl" and c.tag_ in ("VBG", "VBN") and doc[c.left_edge.i - 1].text == ",":
            last = min(last, c.left_edge.i - 1)
        elif c.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in c.children):
            # "a panel of judges in 2001": when is not who.
            last = min(last, c.left_edge.i - 1)
    if cue is not None and first <= cue.i <= last:
        if tok.i < cue.i:
            last = cue.i - 1
        else:
            first = cue.i + 1
    return char_span(tok.doc, first, last)


def _agent_object(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def block_ids(doc: Doc) -> list[int]:
    """Per token, the index of its text block: the number of line breaks before it. The parser
    sometimes joins a headline to the next paragraph; attribution never crosses a line break.
    Computed once per Doc (vectorised) and kept in ``doc.user_data``."""
    cached: list[int] | None = doc.user_data.get("wiretrace_blocks")
    if cached is not None and len(cached) == len(doc):
        return cached
    breaks = np.fromiter((m.start() for m in _NEWLINE.finditer(doc_text(doc))), dtype=np.int64)
    starts = doc.to_array([IDX]).reshape(-1).astype(np.int64)
    ids: list[int] = np.searchsorted(breaks, starts, side="left").tolist()
    doc.user_data["wiretrace_blocks"] = ids
    return ids


def same_block(a: Token, b: Token) -> bool:
    ids = block_ids(a.doc)
    return ids[a.i] == ids[b.i]


def _left_noun(verb: Token) -> Token | None:
    """Fallback source for a cue the parser left without a subject: the noun just before it."""
    k = verb.i - 1
    while k >= 0 and verb.doc[k].dep_ in ("advmod", "aux", "neg") and same_block(verb.doc[k], verb):
        k -= 1
    if k < 0:
        return None
    t = verb.doc[k]
    if t.pos_ in ("PROPN", "PRON") and same_block(t, verb):
        return t
    return None


def _coordinated_subject(verb: Token) -> Token | None:
    """``X agreed ... and said``: the subject of the nearest earlier clause-level verb in the sentence."""
    for k in range(verb.i - 1, max(verb.sent.start, verb.head.i) - 1, -1):
        v = verb.doc[k]
        if v.pos_ in ("VERB", "AUX") and v.dep_ in ("ROOT", "advcl", "conj"):
            subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
            if subj is not None and same_block(subj, verb):
                return subj
    return None


def source_of(verb: Token, depth: int = 0) -> tuple[Token | None, list[Token]]:
    """The token heading the source of ``verb``, plus relaying tokens (agents of "quoted as saying")."""
    # The subject nearest the verb: a dateline ("DUNMORE -- Mayor Vole said") is parsed as a second one.
    subjects = [c for c in verb.children if c.dep_ in _SUBJ and same_block(c, verb)]
    before = [c for c in subjects if c.i < verb.i]
    subj = before[-1] if before else (subjects[0] if subjects else None)
    if subj is not None and subj.dep_ == "nsubjpass":
        agent = _agent_object(verb)
        if verb.lemma_.lower() in RELAY_PASSIVES:
            return subj, [agent] if agent is not None else []
        return agent, []
    if subj is not None:
        return subj, []
    # "quoted as saying by TASS": the agent hangs off "saying", the subject off "quoted".
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.lemma_.lower() in RELAY_PASSIVES:
        outer = verb.head.head
        speaker, relays = source_of(outer, depth + 1)
        agent = _agent_object(verb) or next(
            (g for c in verb.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children), None
        )
        return speaker, relays + ([agent] if agent is not None else [])
    head = verb.head
    if verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl"):
        return None, []  # "Asked about the plan, Roe ...", "a box labeled ...": the subject did not say it
    if depth < 3 and verb.dep_ in _INHERIT and head.pos_ in ("VERB", "AUX") and head.i != verb.i:
        if not same_block(head, verb):
            return _left_noun(verb), []
        if verb.dep_ == "conj":
            near = _coordinated_subject(verb)
            if near is not None:
                return near, []
        return source_of(head, depth + 1)
    return _left_noun(verb), []


def relays_of(verb: Token) -> list[Token]:
    """Who relayed the words: ``X said, according to Y`` and ``X told Y`` when Y is an organisation."""
    out: list[Token] = []
    for c in verb.children:
        if is_according_to(c) and cue_lemma(verb) in SPEECH_VERBS:
            obj = next((g for g in c.doc[c.i + 1].children if g.dep_ == "pobj"), None)
            if obj is not None:
                out.append(obj)
        elif verb.lemma_.lower() == "tell" and c.dep_ in ("dobj", "dative") and c.ent_type_ == "ORG":
            out.append(c)
    return out


def _clause_without(doc: Doc, head: Token, cut: Token) -> list[Span]:
    """``head``'s subtree minus ``cut``'s subtree, as at most two spans."""
    out = []
    left = right = None
    if cut.left_edge.i > head.left_edge.i:
        left = char_span(doc, head.left_edge.i, cut.left_edge.i - 1)
    if cut.right_edge.i < head.right_edge.i:
        right = char_span(doc, cut.right_edge.i + 1, head.right_edge.i)
    for s in (left, right):
        if s is not None and len(s) > 0:
            out.append(s)
    return out


def _content_of(verb: Token) -> tuple[list[Span], str]:
    """The content of a cue verb and which relation gave it (``ccomp``, ``xcomp``, ``dobj``, ...)."""
    doc = verb.doc
    lemma = cue_lemma(verb)
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    if comps:
        # The widest clause complement; a cue rarely has two.
        c = max(comps, key=lambda t: t.right_edge.i - t.left_edge.i)
        if lemma in COGNITION_VERBS and lemma not in SPEECH_VERBS and is_wh_clause(c):
            return [], ""  # "knowing how it works" is a question, not a belief
        span = char_span(doc, c.left_edge.i, c.right_edge.i)
        return ([span] if span is not None else []), "ccomp"
    if verb.dep_ == "parataxis" and lemma in SPEECH_VERBS:
        # "The plan, he said, will fail": the clause around the cue is the content.
        return _clause_without(doc, verb.head, verb), "parataxis"
    for c in verb.children:
        if c.dep_ == "xcomp" and lemma in INTENTION_VERBS and c.i > verb.i:
            # "told his aides to draft a plan": the addressee is part of what was asked.
            obj = next((g for g in verb.children if g.dep_ == "dobj" and verb.i < g.i < c.i), None)
            first = obj.left_edge.i if obj is not None else c.left_edge.i
            span = char_span(doc, first, c.right_edge.i)
            return ([span] if span is not None else []), "xcomp"
        if c.dep_ == "oprd" and lemma in ("call", "describe", "label", "brand", "dub") and c.i > verb.i:
            # "called the plan a disaster": what was said is the predication on the object.
            target = next((g for g in verb.children if g.dep_ == "dobj"), c)
            span = char_span(doc, min(target.left_edge.i, c.left_edge.i), c.right_edge.i)
            return ([span] if span is not None else []), "oprd"
        if c.dep_ == "dobj" and lemma in PREP_CUES and c.i > verb.i:
            # "expressed deep concern about X", "voiced doubts over X": the stance is on the object's
            # prepositional phrase.
            pobj = next(
                (
                    o
                    for g in c.children
                    if g.dep_ == "prep" and g.lower_ in PREP_CUES[lemma]
                    for o in g.children
                    if o.dep_ in ("pobj", "pcomp") and o.pos_ != "PRON"
                ),
                None,
            )
            if pobj is not None:
                span = char_span(doc, pobj.left_edge.i, pobj.right_edge.i)
                return ([span] if span is not None else []), "prep"
        if c.dep_ == "dobj" and lemma in OBJECT_VERBS and c.i > verb.i and c.pos_ != "PRON":
            # "cited the audit as the reason ...", "attacked her rival as a fraud": the "as"
            # predication on the object is part of what was said.
            last = max(
                [c.right_edge.i]
                + [
                    g.right_edge.i
                    for g in verb.children
                    if g.dep_ == "prep" and g.lower_ == "as" and g.i > c.i
                ]
            )
            span = char_span(doc, c.left_edge.i, last)
            return ([span] if span is not None else []), "dobj"
        if c.dep_ == "prep" and c.lower_ in PREP_CUES.get(lemma, ()):
            pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None and pobj.pos_ != "PRON":
                # "called on X to stop ...": the infinitive after the object belongs to the content.
                last = max(
                    [pobj.right_edge.i]
                    + [g.right_edge.i for g in verb.children if g.dep_ == "xcomp" and g.i > pobj.i]
                )
                span = char_span(doc, pobj.left_edge.i, last)
                return ([span] if span is not None else []), "prep"
    return [], ""


_QUOTE_MARKS = frozenset('"\u201c\u201d\u2018\u2019\u00ab\u00bb')


def _has_marks(doc: Doc, spans: list[Span]) -> bool:
    text = doc_text(doc)
    return any(ch in _QUOTE_MARKS for sp in spans for ch in text[sp.start : sp.end])


def _is_thing(src: Token | None) -> bool:
    """A subject that is not a person or a body of people ("the data", "footage", "new maps")."""
    return src is None or not denotes_people(src)


def _speech_only_keeps(tok: Token, rel: str, content: list[Span], src: Token | None) -> bool:
    """Without ``beliefs``: mental states, intentions, unmarked noun-phrase contents and evidential
    verbs of things are not speech."""
    lemma = cue_lemma(tok)
    if lemma in COGNITION_VERBS and lemma not in SPEECH_VERBS:
        return False
    if rel in ("xcomp", "dobj", "prep") and not _has_marks(tok.doc, content):
        return False
    return not (lemma in lexicons.load("quotes_evidential_verbs") and _is_thing(src))


def find_reported(doc: Doc, *, beliefs: bool = False) -> list[Attribution]:
    """Every cue verb with a clause complement, and every ``according to`` phrase, in text order.

    ``beliefs`` also keeps beliefs, intentions, unmarked noun-phrase contents and evidential verbs of
    things (the PolNeAR convention); without it only speech is kept.
    """
    out: list[Attribution] = []
    for tok in doc:
        if is_according_to(tok):
            if is_cue_verb(tok.head, speech_only=True) and source_of(tok.head)[0] is not None:
                continue  # "X said, according to Y": Y relays X's words (see relays_of)
            att = _according(tok)
            if att is not None:
                out.append(att)
            continue
        if tok.dep_ == "acomp" and tok.lower_ in ATTITUDE_ADJECTIVES:
            att = _attitude(tok) if beliefs else None
            if att is not None:
                out.append(att)
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in CLAUSE_NOUNS:
            belief = tok.lemma_.lower() in lexicons.load("quotes_belief_nouns")
            att = _noun_complement(tok) if beliefs or not belief else None
            if att is not None:
                out.append(att)
            continue
        if not is_cue_verb(tok):
            continue
        content, rel = _content_of(tok)
        if not content:
            continue
        src, relays = source_of(tok)
        relays = relays + relays_of(tok)
        if src is not None and any(s.start <= src.idx < s.end for s in content):
            src = None  # a subject inside the content is the parser confusing the two
        if src is None and (rel not in ("ccomp", "parataxis") or cue_lemma(tok) not in SPEECH_VERBS):
            continue  # beliefs, intentions and noun-phrase contents count only with a source
        if not beliefs and not _speech_only_keeps(tok, rel, content, src):
            continue
        out.append(
            Attribution(
                cue=Span(start=tok.idx, end=tok.idx + len(tok)),
                cue_token=tok.i,
                source=mention_of(src, tok) if src is not None else None,
                source_root=src.i if src is not None else None,
                content=content,
                reporters=[m for r in relays if (m := mention_of(r)) is not None],
            )
        )
    return out


def _attitude(adj: Token) -> Attribution | None:
    """``X is confident that CLAUSE``, ``X was critical of Y``: an attitude adjective after a copula;
    the copula's subject holds it. Counted only with a source."""
    doc = adj.doc
    content: Span | None = None
    clause = next((c for c in adj.children if c.dep_ == "ccomp" and c.i > adj.i), None)
    if clause is not None:
        content = char_span(doc, clause.left_edge.i, clause.right_edge.i)
    else:
        preps = ATTITUDE_ADJECTIVES[adj.lower_]
        for c in adj.children:
            if c.dep_ == "prep" and c.lower_ in preps and c.i > adj.i:
                obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if obj is not None and obj.pos_ != "PRON":
                    content = char_span(doc, obj.left_edge.i, obj.right_edge.i)
                break
    if content is None or not same_block(adj, adj.head):
        return None
    src = source_of(adj.head)[0]
    if src is None or src.pos_ not in ("PROPN", "PRON", "NOUN") or content.start <= src.idx < content.end:
        return None
    if clause is not None and src.lower_ in ("it", "this", "that"):
        return None  # "it is certain that ...": an expletive subject holds nothing
    return Attribution(
        cue=Span(start=adj.idx, end=adj.idx + len(adj)),
        cue_token=adj.i,
        source=mention_of(src, adj),
        source_root=src.i,
        content=[content],
    )


def _noun_complement(noun: Token) -> Attribution | None:
    """``X's claim that CLAUSE``, ``the view of X that CLAUSE``, ``X made the argument that CLAUSE``:
    a cue noun with a "that" clause; counted only with a source."""
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp")
            and c.i > noun.i
            and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        ),
        None,
    )
    if clause is None or not same_block(clause, noun):
        return None
    src: Token | None = next((c for c in noun.children if c.dep_ == "poss"), None)
    if src is None:
        src = next(
            (
                g
                for c in noun.children
                if c.dep_ == "prep" and c.lower_ in ("by", "from", "of") and c.i < clause.i
                for g in c.children
                if g.dep_ == "pobj" and g.pos_ in ("PROPN", "PRON", "NOUN")
            ),
            None,
        )
    if src is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in LIGHT_VERBS:
        src = source_of(noun.head)[0]
    if src is None or src.pos_ == "DET" or not same_block(src, noun):
        return None
    span = char_span(noun.doc, clause.left_edge.i, clause.right_edge.i)
    if span is None or (src.idx >= span.start and src.idx < span.end):
        return None
    source = mention_of(src, noun)
    if source is not None and src.dep_ == "poss":
        # "Vole's claim": the mention is the possessor without its clitic.
        case = next((c for c in src.children if c.dep_ == "case"), None)
        if case is not None and case.idx >= source.start:
            source = char_span(noun.doc, src.left_edge.i, case.i - 1) or source
    return Attribution(
        cue=Span(start=noun.idx, end=noun.idx + len(noun)),
        cue_token=noun.i,
        source=source,
        source_root=src.i,
        content=[span],
        how="cue noun",
    )


def _according(tok: Token) -> Attribution | None:
    doc = tok.doc
    to = doc[tok.i + 1]
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None:
        obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    head = tok.head
    sent = tok.sent
    if head.pos_ not in ("VERB", "AUX") or head.i == tok.i:
        head = sent.root
    if head.i == tok.i:
        return None
    content = _clause_without(doc, head, tok)
    if not content:
        return None
    return Attribution(
        cue=Span(start=tok.idx, end=to.idx + len(to)),
        cue_token=tok.i,
        source=mention_of(obj),
        source_root=obj.i,
        content=content,
        how="according",
    )
