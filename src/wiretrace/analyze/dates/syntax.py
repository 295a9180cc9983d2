"""What the parse says about a date expression: is it a time reference at all, and which way does it point.

Both decisions read the spaCy parse (tags, dependencies, entity labels, capitalisation), never lists of
phrases; the calendar arithmetic that follows is pure (``temporal.py``).

``is_reference`` rejects, by grammar:

* names: an expression inside a person, work, product, law, facility or organisation entity ("Theresa
  May", "USA TODAY", "Sheffield Wednesday"), a month-day excepted; a day word written in title case or
  capitals where it is not the first word of a sentence ("on Today", "This Morning ratings"), unless
  the whole line is a title-case headline; a day word that is the
  subject or object of a verb ("This Morning lost viewers": a time adverbial is neither); a bare year
  that has a possessor ("Mendes' 1917"), stands in apposition ("the film 2012"), is the object of a
  verb ("watched 2012") or the subject of a non-copular verb ("1917 has earned");
* a bare weekday under a proper-noun modifier ("Sheffield Wednesday"), modifying a proper noun ("the
  Sunday Courier"), with a capitalised part of the day ("Saturday Night Live") or acting as the subject
  of a verb ("Wednesday won"): a club, a paper, a show, a name;
* a bare month name ("May", "March") that is neither the object of a preposition nor the modifier of
  a common noun ("January's figures", "the March meeting"): the verb, the modal and the surname take
  other positions; where the article names a person with that surname, only a preposition of time
  (in, since, until, during, from ...) makes it a month;
* a bare year that counts something ("2000 people", a plural head noun);
* a bare quarter ("the second quarter") unless its sentence is about money or business (a money or
  percent entity, or a word in ``dates_fiscal_context``) and carries no game clock or score;
* a season that is followed by a noun it modifies ("summer school") or by "of" ("the fall of ...");
* a holiday used as a modifier ("a Boxing Day tradition"), unless it names one year's event;
* "N years ago" as the baseline of a comparison ("up 5% from a year ago"): it means the same period a
  year back, and the phrase does not say how long that period is.

``direction`` reads tense and aspect from the nearest governing word: past tense, perfect and passive
point back; a modal, an infinitive, a progressive or a present schedule ("opens on Monday") point
forward; so does anything governed by a word of planning ("proposed talks on Friday", "set for Feb.
20"), except the time of the planning itself ("proposed on Friday"); "since", "after" and "following"
point back. A possessor ("Monday's loss") is not moved forward by a present tense above it. No finite
verb (a headline, a caption) -> "unmarked".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from wiretrace import lexicons
from wiretrace.analyze.dates.calendar import Direction
from wiretrace.analyze.dates.grammar import MONTHS, Expression, scan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

_FORWARD = lexicons.load("dates_forward_cues")
_MODALS = lexicons.load("dates_modals")
_FISCAL = lexicons.load("dates_fiscal_context")
_NAME_LABELS = {"PERSON", "WORK_OF_ART", "PRODUCT", "LAW", "FAC", "ORG"}
_SUBJECT_OBJECT = {"nsubj", "nsubjpass", "dobj", "compound", "appos"}
# Prepositions of time: with these a bare month is a month even in an article about a Mrs May.
_TIME_PREPOSITIONS = {"in", "since", "until", "till", "during", "from", "through", "into", "between"}
_TIME_PREPOSITIONS |= {"before", "after", "throughout", "by"}
_TARGET_PREPOSITIONS = {"for", "until", "till", "by"}
_BACKWARD_PREPOSITIONS = {"since", "after", "following"}  # "set for Feb. 20": the time aimed at
_GAME_CLOCK = re.compile(r"\b\d{1,2}:\d\d\b(?!\s*[ap]\.?m)|\b\d{1,3}-\d{1,3}\s+(?:win|loss|victory|defeat)")
_COPULAS = {"be"}
# "up 5% from a year ago": a comparison's baseline, the same period back, whose length is unsaid.
_COMPARISON_PREPOSITIONS = {"from", "than", "on", "over", "versus", "vs", "vs."}
_CLOCK_WORDS = {
    "GMT",
    "UTC",
    "BST",
    "CET",
    "CEST",
    "EST",
    "EDT",
    "ET",
    "PT",
    "PST",
    "PDT",
    "hours",
    "hrs",
    "h",
}


def _tokens(doc: Doc, expr: Expression) -> SpacySpan | None:
    return doc.char_span(expr.start, expr.end, alignment_mode="expand")


def is_reference(doc: Doc, expr: Expression, surnames: frozenset[str]) -> bool:
    """Whether ``expr`` is a time reference rather than a name, a count or a game period."""
    span = _tokens(doc, expr)
    if span is None:
        return False
    text = span.text
    if _inside_name(expr, span):
        return False
    if expr.kind == "day_word":
        return _day_word_ok(span, text)
    if expr.kind == "month" and expr.bare:
        return _bare_month_ok(span, text, surnames)
    if expr.kind == "weekday" and expr.bare:
        return _bare_weekday_ok(span)
    if expr.kind == "year" and expr.bare:
        return _bare_year_ok(span)
    if expr.kind == "quarter" and expr.bare:
        return _bare_quarter_ok(span)
    if expr.kind == "season":
        return _season_ok(span, doc)
    if expr.kind == "ago":
        return span.root.head.lower_ not in _COMPARISON_PREPOSITIONS
    if expr.kind == "holiday":
        return expr.event or span.root.dep_ != "compound" or span.root.head.lower_ in {"day", "weekend"}
    return True


def _inside_name(expr: Expression, span: SpacySpan) -> bool:
    if expr.kind == "date" and expr.day is not None:
        return False  # names rarely hold a month and a day
    # Token labels, not ``doc.ents``: that list is rebuilt on every access.
    return any(t.ent_type_ in _NAME_LABELS for t in span)


def _title_case(span: SpacySpan) -> bool:
    """A headline in title case, where capitals say nothing about names: a sentence without final
    punctuation whose longer words outside the expression are (nearly) all capitalised."""
    sent = span.sent
    tokens = [t for t in sent if not t.is_space]
    if not tokens or tokens[-1].text in {".", "!", "?", "…", '"', "”"}:
        return False
    words = [t for t in tokens if t.is_alpha and len(t) > 3 and not span.start <= t.i < span.end]
    return len(words) >= 2 and sum(t.text[0].isupper() for t in words) >= 0.8 * len(words)


def _day_word_ok(span: SpacySpan, text: str) -> bool:
    words = text.split()
    first = span[0]
    sentence_start = first.is_sent_start or first.i == span.sent.start or _title_case(span)
    if text.isupper() and len(text) > 3:
        return False  # "USA TODAY", a shouted headline word
    if not sentence_start and words[0][0].isupper():
        return False  # "on Today", "the Tonight show": a programme
    if len(words) > 1 and all(w[0].isupper() for w in words) and not _title_case(span):
        return False  # "This Morning": title case is a name's
    root = span.root
    return not (root.dep_ in _SUBJECT_OBJECT and root.head.lemma_ not in _COPULAS)


def _bare_month_ok(span: SpacySpan, text: str, surnames: frozenset[str]) -> bool:
    root = span.root
    surname = text.lower() in surnames
    if root.dep_ == "pobj" and root.head.pos_ in {"ADP", "SCONJ"}:
        # "from May to June": the second month is the object of "to".
        return not surname or root.head.lower_ in _TIME_PREPOSITIONS
    if surname:
        return False
    # "January's figures", "the March meeting": a month modifying a common noun.
    head = root.head
    return root.dep_ in {"poss", "compound", "nmod"} and head.pos_ == "NOUN" and head.i > root.i


def _bare_weekday_ok(span: SpacySpan) -> bool:
    root = span.root
    name = span[0]  # the weekday itself ("Tuesday" in "Tuesday evening", whose root is "evening")
    if any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < name.i for c in name.children):
        return False  # "Sheffield Wednesday", "Bloody Sunday": a name built on a weekday
    head = root.head
    next_word = len(span) == 1 and head.i == name.i + 1 and name.whitespace_ == " "
    if next_word and root.dep_ == "compound" and head.pos_ == "PROPN" and head.text[:1].isupper():
        return False  # "the Sunday Courier": a weekday naming a paper or a show
    if len(span) > 1 and span[-1].text[0].isupper() and not _title_case(span):
        return False  # "Saturday Night Live": a capitalised part of the day makes a title
    return not (root.dep_ == "nsubj" and root.head.lemma_ not in _COPULAS and root.head.pos_ == "VERB")


def _bare_year_ok(span: SpacySpan) -> bool:
    root = span.root
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text in _CLOCK_WORDS:
        return False  # "1900 GMT": a time of day in 24-hour notation
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in {"©", "copyright", "(c)"}:
        return False  # a copyright line's year is not a reference in the story
    if any(c.dep_ == "poss" for c in root.children):
        return False  # "Mendes' 1917": a title
    if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ not in _COPULAS:
        return False  # "1917 has earned $60 million"
    if root.dep_ in {"appos", "dobj"} and root.head.lemma_ != "year":
        return False  # "the film 2012", "watched 2012": a title ("the year 2000" is a year)
    head = root.head
    return not (root.dep_ == "nummod" and head.tag_ == "NNS" and head.i > root.i)  # "2000 people"


def _bare_quarter_ok(span: SpacySpan) -> bool:
    sent = span.sent
    if _GAME_CLOCK.search(sent.text):
        return False
    if any(e.kind == "quarter" and not e.bare for e in scan(sent.text)):
        return True  # "the end of the first quarter or the second quarter of this year": one frame
    if any(e.label_ in {"MONEY", "PERCENT"} for e in sent.ents):
        return True
    return any(t.lemma_.lower() in _FISCAL or t.lower_ in _FISCAL for t in sent)


def _season_ok(span: SpacySpan, doc: Doc) -> bool:
    last = span[-1]
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if after is not None and (
        after.lower_ == "of" or (after.pos_ in {"NOUN", "PROPN"} and last.dep_ == "compound")
    ):
        return False  # "summer school", "the fall of the city"
    # "Summer Games", "the Fall": capitalised inside a sentence, a season word is part of a name.
    starts = last.is_sent_start or last.i == span.sent.start or _title_case(span)
    return starts or not last.text[0].isupper()


def surnames_in(doc: Doc) -> frozenset[str]:
    """Last words of person names that are also month names ("Theresa May" -> "may")."""
    return frozenset(
        e[-1].lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 0 and e[-1].lower_ in MONTHS
    )


def _has_modal(verb: Token) -> bool:
    return any(c.dep_ == "aux" and (c.lower_ in _MODALS or c.lower_ == "to") for c in verb.children)


def _finite_tense(verb: Token) -> Direction | None:
    """Past or future from one verb and its auxiliaries; None for a non-finite verb (keep looking up)."""
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.lower_ in _MODALS for a in auxes):
        return "future"
    if any(a.lower_ == "to" for a in auxes):
        return "future"  # infinitive: "plans to meet on Monday", "is to be given a delay to May 22"
    if any(a.lower_ in {"did", "was", "were", "had", "has", "have", "'ve"} for a in auxes):
        return "past"
    if any(a.lower_ in {"is", "are", "am", "'s", "'re", "do", "does"} for a in auxes):
        return "future"  # "is meeting on Monday"
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ in {"VBZ", "VBP"}:
        return "future"  # schedule present: "the summit opens on Monday"
    if verb.tag_ == "VBN" and verb.dep_ not in {"amod", "acl"}:
        return "past"
    return None


def direction(span: SpacySpan) -> Direction:
    """Which way a bare weekday, month or yearless date in ``span`` points (see the module rules)."""
    root = span.root
    chain = list(root.ancestors)
    # "since Monday", "after Monday night's loss": the preposition says the time lies behind.
    if root.head.lower_ in _BACKWARD_PREPOSITIONS:
        return "past"
    # A possessor names the time of its noun's event ("Monday's loss"): a present tense above it
    # ("hopes are slim after ...") says nothing about that event, only a modal or a past does.
    possessor = root.dep_ == "poss"
    # The nearest governing word decides: a finite verb by its tense, a word of planning by its
    # meaning ("which made landfall late Friday, is expected to ..." is past: "made" comes first).
    for i, anc in enumerate(chain):
        if anc.pos_ == "ADP" and anc.lower_ in _BACKWARD_PREPOSITIONS:
            return "past"
        if anc.lemma_.lower() in _FORWARD:
            between = chain[:i]
            direct = all(t.pos_ == "ADP" or t.ent_type_ in {"DATE", "TIME"} for t in between)
            # Attached straight to "proposed" through "on": when the proposing happened.
            if not direct or any(t.lower_ in _TARGET_PREPOSITIONS for t in between):
                return "future"
        if anc.pos_ in {"VERB", "AUX"}:
            tense = _finite_tense(anc)
            if tense == "future" and possessor and not _has_modal(anc):
                return "unmarked"
            if tense is not None:
                return tense
    sent_root = root.sent.root
    if sent_root.pos_ in {"VERB", "AUX"} and sent_root not in chain:
        return _finite_tense(sent_root) or "unmarked"
    return "unmarked"
