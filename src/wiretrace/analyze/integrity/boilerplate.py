"""Boilerplate: navigation, teaser links, share/subscribe prompts, author bios and wire credits.

Templates differ by site, so no single phrase decides. Each candidate (a line, a unit, the prompt at
the start of a unit, a suffix glued onto the last sentence) is scored on features that hold across
templates: length, missing sentence grammar (no finite verb, no final stop), title-case link shape,
a "Label: Title" teaser shape, an imperative web-action opening, second-person address, position
after the last body sentence, and the share of words from a small web-template vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wiretrace.analyze.integrity.intervals import Intervals
from wiretrace.analyze.integrity.segments import (
    FUNCTION_WORDS,
    MONTHS,
    Line,
    Segmented,
    Unit,
    has_finite_verb,
    more_words_than,
    opens_with_headline,
    reads_as_english,
    title_case_share,
    words,
    wordset,
)
from wiretrace.extract.html import LineLayout

if TYPE_CHECKING:
    from spacy.tokens import Token

# Web-template vocabulary: one feature among several (a line made only of these words is navigation).
_VOCAB = wordset(
    "related articles article posts post stories story more also read see like may you your share "
    "subscribe subscription newsletter newsletters click here follow us sign signup join trending "
    "now popular recommended latest news comments comment advertisement advertising sponsored "
    "continue reading watch video videos miss don't top most email print tweet facebook twitter "
    "whatsapp linkedin instagram telegram copyright rights reserved tags topics picks next "
    "previous content download app alerts notifications register login log links link editor's "
    "editors recommend interested might want free inbox delivered daily weekly coverage full "
    "photos gallery listen podcast feed rss back home menu search skip main page contact about "
    "privacy terms cookies policy site website partner partners promoted"
)
# Verbs that open a web prompt addressed to the reader ("Click ...", "Sign up ...").
_ACTION_VERBS = wordset(
    "click tap share subscribe sign follow read download join watch comment register get see "
    "listen visit check sign-up support donate install enable tweet email print save bookmark"
)
_SECOND_PERSON = wordset("you your you're yours us our")
_CREDIT = re.compile(
    r"^\(?\s*(?:(?:additional\s+)?reporting|writing|editing|compiled|produced|translated)\s+by\b", re.I
)
_COPYRIGHT = re.compile(
    r"(?:^|\s)(?:\u00a9\s*(?:\d{4}|[A-Z])|\([cC]\)\s*\d{4})|(?i:\bcopyright\b|\ball rights reserved\b)"
)
_BIO_ROLE = re.compile(
    r"^[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}\s+(?:is|was)\s+(?:a|an|the)\s+(?:[\w\-]+\s+){0,3}?"
    r"(?:reporter|correspondent|writer|editor|journalist|columnist|contributor|author|producer|"
    r"photographer|freelancer|intern)\b"
)
_CONTRIBUTED = re.compile(
    r"\bcontributed (?:(?:to )?(?:this|the) (?:report|story|article)|(?:additional )?reporting)\b", re.I
)
_TEASER = re.compile(r"^([^:\n]{2,30}):\s+(\S.*)$")
_TERMINAL = re.compile(r"[.!?\"'\u201d\u2019)]\s*$")
_CAMEL = re.compile(r"(?<=\S)(?=[A-Z][a-z])")
_OPENERS = FUNCTION_WORDS | wordset("he she it they we i this that its his her their")


@dataclass(frozen=True)
class BoilerplateHit:
    start: int
    end: int
    score: float
    reason: str


def score_text(
    text: str, *, tail: bool, finite_verb: bool | None, standalone: bool = False, near_end: bool = False
) -> tuple[float, str]:
    """Score one candidate string; ``finite_verb`` comes from the tagger when tokens are aligned.

    ``tail``: after the last body sentence; ``near_end``: among the last lines (bios, credits).
    """
    ws = words(text)
    if not ws:
        return 0.0, ""
    low = [w.lower() for w in ws]
    content = [w for w in low if w not in FUNCTION_WORDS]
    n = len(ws)
    strong = sum(1 for w in content if w in _VOCAB)
    lex = strong / len(content) if content else 0.0
    terminal = bool(_TERMINAL.search(text))
    reasons: list[str] = []
    s = 0.0
    if _CREDIT.search(text):
        return 0.9, "wire credit line (reporting/editing by)"
    if _COPYRIGHT.search(text) and n <= 25:
        return 0.9, "copyright notice"
    if (tail or near_end) and (_BIO_ROLE.search(text) or _CONTRIBUTED.search(text)) and n <= 60:
        return 0.8, "author bio at the end"
    teaser = _TEASER.match(text.strip())
    if teaser and not terminal:
        lead, rest = teaser.group(1), teaser.group(2)
        lead_words = words(lead)
        lead_lex = any(w.lower() in _VOCAB for w in lead_words)
        if (
            len(lead_words) <= 4
            and (lead_lex or (lead.isupper() and standalone))
            and title_case_share(rest) >= 0.7
        ):
            s += 0.7
            reasons.append("teaser link (label + title-case headline)")
    addressed = strong >= 2 or any(w in _SECOND_PERSON for w in low)
    if low[0] in _ACTION_VERBS and n <= 14 and addressed and finite_verb is not True:
        s += 0.5
        reasons.append("imperative prompt to the reader")
    if lex >= 0.5 and n <= 8:
        # a full sentence made of these words ("The story is developing.") is prose, not navigation
        s += 0.2 if terminal else 0.5
        reasons.append("navigation wording")
    elif strong:
        s += 0.1 * min(strong, 2)
    label_like = not terminal and not text.rstrip().endswith((",", ";"))
    if content and content[0] in _VOCAB and label_like and title_case_share(text) >= 0.8:
        s += 0.15  # a title-case label that opens with template wording ("More From ...")
        reasons.append("link-like title-case label")
    if any(w in _SECOND_PERSON for w in low) and n <= 14:
        s += 0.15
    if not terminal and n <= 12:
        s += 0.1
        if tail:
            s += 0.2
            reasons.append("at the end, after the last sentence")
            if title_case_share(text) >= 0.8:
                s += 0.15
                reasons.append("link-like title-case line")
    if finite_verb is False and n <= 12:
        s += 0.1
    if n <= 6:
        s += 0.05
    return round(min(s, 0.99), 3), "; ".join(reasons) or _NAMELESS


def prompt_extent(text: str, clause_at: int | None = None) -> int:
    """End of a reader prompt, teaser or navigation label at the start of ``text`` that runs into
    the next sentence with no stop ("Click here to subscribe Ball Corp said ...").

    ``clause_at`` is where the parser puts the subject of the first lower-case finite verb, when a
    Doc is at hand: the best cut for a title-case teaser, whose end the wording alone cannot show.
    """
    ws = list(re.finditer(r"\S+", text))
    if len(ws) < 3:
        return len(text)
    first = re.sub(r"\W", "", ws[0].group()).lower()
    teaser = _TEASER.match(text)
    lead = words(teaser.group(1)) if teaser else []
    if teaser and len(lead) <= 4 and any(w.lower() in _VOCAB for w in lead):
        if clause_at is not None and clause_at > teaser.start(2):
            return clause_at
        run = [m for m in ws if m.start() >= teaser.start(2)]
        for k, m in enumerate(run):
            w = m.group()
            if w[0] in '"\u201c':
                return m.start() if k > 1 else len(text)
            if w[0].islower() and w.lower().strip(",.;") not in FUNCTION_WORDS:
                # back off over lower-case function words to the capitalised opener ("For the full")
                j = k - 1
                while j > 0 and run[j].group()[0].islower():
                    j -= 1
                return run[j].start() if j > 1 else len(text)
        return len(text)
    if first in _ACTION_VERBS:
        for k in range(2, len(ws)):
            w = ws[k].group()
            prev = ws[k - 1].group()
            upper_run = w.isupper() and prev.isupper()  # "SHARE THIS STORY": one all-caps prompt
            opener = w[0].isupper() and (w.lower() in _OPENERS or w.isupper()) and not upper_run
            if w[0] in '"\u201c(' or opener:
                return ws[k].start()
            # a capital after the prompt's lower-case wording starts a new sentence, unless it is the
            # object of the prompt ("Follow us on Mastodon", "Join our WhatsApp channel")
            if w[0].isupper() and prev[0].islower() and prev.lower() not in _ATTACHING:
                return ws[k].start()
            if w[0].isupper() and not w.isupper() and prev.isupper() and len(prev) > 1:
                return ws[k].start()  # "READ MORE Shares rose": the case changes with the sentence
        return len(text)
    # a navigation label run ("More Stories", "You may also like") glued to the next sentence
    k = 0
    while k < len(ws) and ws[k].group().lower().strip(",.:;!?") in _VOCAB | FUNCTION_WORDS:
        k += 1
    label = [w.group().lower().strip(",.:;!?") for w in ws[:k]]
    while label and label[-1] in FUNCTION_WORDS:  # "Here in Washington": the run ends on its last word
        label.pop()
    k = len(label)
    if k < len(ws) and ws[k].group()[0].isupper() and sum(w in _VOCAB for w in label) >= 2:
        # a title-case label may go on past the template words ("You Might Also Enjoy"): up to the
        # subject of the next sentence when the parser found one inside the capitalised run
        run = [m for m in ws if clause_at is not None and ws[k].start() <= m.start() < clause_at]
        if clause_at is not None and run and all(m.group()[0].isupper() for m in run):
            return clause_at
        return ws[k].start()
    return len(text)


# Words after which a capitalised word belongs to the prompt: prepositions, determiners, possessives.
_ATTACHING = FUNCTION_WORDS | wordset("our your my their his her this these those us")


def _clause_at(seg: Segmented, start: int, end: int) -> int | None:
    """Character offset (relative to ``start``) of the subject of the first lower-case finite verb."""
    for t in seg.tokens(start, end)[1:]:
        if t.tag_ in {"VBD", "VBZ", "VBP", "MD"} and t.text[0].islower():
            subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                return subj[0].left_edge.idx - start
            # no subject found (the glued label confused the parse): the proper names before the verb
            j = t.i
            names = ("NNP", "NNPS")
            while j > 0 and t.i - j < 3 and t.doc[j - 1].tag_ in names and t.doc[j - 1].idx >= start:
                j -= 1
            return t.doc[j].idx - start if j < t.i else None
    return None


def refine_units(seg: Segmented) -> Segmented:
    """Cut each unit that opens with a reader prompt or teaser after the prompt."""
    out: list[Unit] = []
    for u in seg.units:
        utext = seg.of(u.start, u.end)
        cut = prompt_extent(utext, _clause_at(seg, u.start, u.end))
        rest = utext[cut:]
        if cut >= len(utext) or not rest.strip():
            out.append(u)
            continue
        head_end = u.start + len(utext[:cut].rstrip())
        lead = len(rest) - len(rest.lstrip())
        out.append(Unit(u.start, head_end, u.line, u.first_in_line, False))
        out.append(Unit(u.start + cut + lead, u.end, u.line, False, u.last_in_line))
    return seg.with_units(out)


def find_boilerplate(seg: Segmented, min_score: float) -> list[BoilerplateHit]:
    text = seg.text
    lines = seg.content_lines()
    if not lines:
        return []
    # The wording cues are English grammar; on other languages only markup and copyright cues apply.
    english = reads_as_english(text)
    # The tail zone starts after the last line that reads as a body sentence.
    last_body = -1
    for ln in lines:
        if len(words(seg.line_text(ln))) >= 8 or not english:
            last_body = ln.index
    hits = _glued_tail(seg, lines[-1].start, lines[-1].end, min_score) if english else []
    first_line = lines[0].index if opens_with_headline(seg) else -1
    by_index = {ln.index: ln for ln in lines}
    link_runs = _link_runs(seg, lines)
    top = {ln.index for ln in lines[:2]}
    bottom = {ln.index for ln in lines[-4:]}
    glued = Intervals((h.start, h.end) for h in hits)
    reach = -1  # furthest end of a hit found below: units come in text order, so one number will do
    for u in seg.units:
        if u.line == first_line or glued.overlaps(u.start, u.end) or reach > u.start:
            continue  # the headline line is the headline detector's business
        utext = text[u.start : u.end]
        tail = u.line > last_body or (u.line == last_body and not u.first_in_line and u.last_in_line)
        toks = seg.tokens(u.start, u.end)
        if english:
            s, why = score_text(
                utext,
                tail=tail,
                finite_verb=has_finite_verb(toks[1:]) if toks else None,  # an imperative may tag as VBP
                standalone=u.first_in_line and u.last_in_line,
                near_end=u.line >= lines[-min(3, len(lines))].index,
            )
        else:
            notice = _COPYRIGHT.search(utext) and len(utext) <= 200
            s, why = (0.9, "copyright notice") if notice else (0.0, "")
        ln = by_index[u.line]
        near_start, near_end = u.line in top, u.line in bottom
        line_text = seg.line_text(ln)
        if u.first_in_line and not u.last_in_line and len(line_text.split()) <= _SHORT_LINE:
            # furniture of several short sentences ("Like this story? Share it!") goes as one line
            whole = _edge_cue(
                line_text,
                seg.tokens(ln.start, ln.end),
                near_start=near_start,
                near_end=near_end,
                english=english,
            )
            if whole and whole[0] >= min_score:
                hits.append(BoilerplateHit(ln.start, ln.end, *whole))
                reach = max(reach, ln.end)
                continue
        edge = _edge_cue(utext, toks, near_start=near_start, near_end=near_end, english=english)
        if edge and edge[0] > s:
            s, why = edge
        lay = seg.layout_of(by_index[u.line])
        if lay is not None:
            s, why = _with_layout(s, why, lay, utext, in_run=u.line in link_runs, tail=tail)
        if s >= min_score:
            hits.append(BoilerplateHit(u.start, u.end, s, why))
            reach = max(reach, u.end)
    return hits


def _edge_cue(
    text: str, toks: list[Token], *, near_start: bool, near_end: bool, english: bool
) -> tuple[float, str] | None:
    """Page furniture that sits at the edges of the text: a timestamp or reading-time line at the top
    or bottom, and after the article a prompt addressed to the reader or a contact address."""
    if not (near_start or near_end):
        return None
    n = len(text.split())
    finite = english and has_finite_verb(toks)
    if n <= 8 and _STAMP.search(text) and not finite and not text.lstrip().startswith(_DASHES):
        return 0.7, "timestamp or page-metadata line at the edge of the text"
    if not (near_end and english) or n > 25 or _QUOTE_MARKS.search(text):
        return None  # a question inside quotation marks is someone speaking, not the page
    addressed = any(w.lower() in _SECOND_PERSON for w in words(text))
    # an imperative opening a sentence ("Share it with a friend!"), not a rhetorical question alone
    imperative = any(
        t.tag_ == "VB" and t.text[0].isupper() and (k == 0 or toks[k - 1].text in _SENTENCE_ENDS)
        for k, t in enumerate(toks)
    )
    if addressed and imperative:
        return 0.7, "a prompt addressed to the reader, after the article"
    if _EMAIL.search(text) and n <= 25:
        return 0.65, "contact address after the article"
    return None


_SHORT_LINE = 15
_DASHES = ("\u2014", "\u2013", "-")  # "— Name (@handle) date": the signature of an embedded post
_QUOTE_MARKS = re.compile(r"[\"\u201c\u201d]")
_SENTENCE_ENDS = frozenset({".", "!", "?", "\u2026"})


# Time of day, numeric date, a full date or a reading time: the stamp of a page, not a sentence.
_STAMP = re.compile(
    rf"\b\d{{1,2}}:\d{{2}}\b|\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b|"
    rf"\b(?:{MONTHS})\.? \d{{1,2}},? \d{{4}}\b|"
    r"\b\d{1,2} (?:de )?\w+ (?:de )?\d{4}\b|:\s*\d+\s*min",  # "22 de janeiro de 2018", "Reading time: 2 min"
    re.I,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _link_runs(seg: Segmented, lines: list[Line]) -> set[int]:
    """Indexes of lines that are link text next to another such line: a list of links to other pages."""
    linked = [(lay := seg.layout_of(ln)) is not None and lay.links >= _LINK_LINE for ln in lines]
    out: set[int] = set()
    for k, ln in enumerate(lines):
        if linked[k] and ((k > 0 and linked[k - 1]) or (k + 1 < len(lines) and linked[k + 1])):
            out.add(ln.index)
    return out


def _with_layout(
    s: float, why: str, lay: LineLayout, utext: str, *, in_run: bool, tail: bool
) -> tuple[float, str]:
    """Adjust a wording score by what the page's markup says about the line."""
    n = len(utext.split())
    if lay.kind == "caption" or lay.box == "caption":
        return 0.0, ""  # a picture caption: the caption detector's business
    if lay.box == "template":
        if n <= 40:
            return max(s, 0.75), why or "inside a page box for prompts, teasers or sharing"
        return min(0.99, s + 0.2), why
    if lay.links >= _LINK_LINE and n <= 30 and not _ADDRESS.fullmatch(utext.strip()):
        labelled = _TEASER.match(utext.strip()) is not None
        if in_run or labelled or tail:
            return max(
                s, 0.8
            ), "link text among links or after the article (related-story or navigation links)"
    if lay.kind in ("heading", "quote") and lay.links < 0.5:
        # a sub-heading is part of the article, however short and verbless; so is a quoted passage
        # (a blockquote: an embedded post with its signature line, a letter the article prints)
        return (s, why) if why.startswith(_NAMED_TEMPLATE) else (0.0, "")
    if lay.links >= _FULL_LINK and 6 <= n <= 30:
        return max(s, 0.75), "a whole line of link text: a teaser for another page"
    if lay.links >= _LINK_LINE and len(_LIST_SEP.findall(utext)) >= 3 and n <= 80:
        return max(s, 0.8), "a list of tag or topic links"
    if lay.links >= 0.4 and n <= 20 and s > 0 and why:
        return min(0.99, s + 0.2), why + "; mostly link text"
    if why == _NAMELESS and not tail:
        return min(s, _NAMELESS_MAX), why
    return s, why


# Cues strong enough to mark even a line the markup calls a heading ("Tell us what you think").
_NAMED_TEMPLATE = ("imperative", "teaser", "copyright", "wire", "a prompt", "timestamp", "contact")
_FULL_LINK = 0.95
_LIST_SEP = re.compile(r"[,|\u2022\u00b7]")
# A line that is mostly link text; a bare web or mail address is contact information, not navigation.
_LINK_LINE = 0.75
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Inside the body, a line that no named cue marks stays below the default threshold.
_NAMELESS = "short template line"
_NAMELESS_MAX = 0.45


def _glued_tail(seg: Segmented, start: int, end: int, min_score: float) -> list[BoilerplateHit]:
    """Template words glued onto the last sentence with no separator ("...in 1987.Related Posts")."""
    line = seg.text[start:end]
    if len(words(line)) < 6:
        return []
    for m in _CAMEL.finditer(line):  # earliest qualifying cut wins: the longest template suffix
        if more_words_than(line, 8, m.start()):  # counted in place: a copy per cut was quadratic
            continue
        suffix = line[m.start() :]
        s, why = score_text(suffix, tail=True, finite_verb=None)
        if s >= min_score:
            return [BoilerplateHit(start + m.start(), end, s, why + " (glued to the last sentence)")]
    return []
