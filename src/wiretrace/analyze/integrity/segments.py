"""Lines and sentence-like units with character offsets, shared by every integrity detector.

Stitched and scraped text breaks the usual sentence rules: a caption runs into the next paragraph,
"Related Articles" is glued onto the last sentence with no space, a teaser line has no full stop.
So units are cut by a small rule set of our own (sentence ends, glued sentence ends) rather than
the parser's sentences, and each detector refines inside a unit when it needs to.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wiretrace.extract.html import LineLayout, layout_for

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def wordset(words: str) -> frozenset[str]:
    """A set of space-separated words (keeps long word lists compact and readable)."""
    return frozenset(words.split())


# Words before a full stop that do not end a sentence (titles, initials, month abbreviations).
_ABBREV = wordset(
    "mr mrs ms dr prof gen sen rep gov lt col sgt capt st mt jr sr no nos vol fig jan feb mar apr "
    "aug sept sep oct nov dec vs etc approx dept est rev hon adm cmdr maj pres supt ft ave blvd "
    "bros"
)
# A sentence end followed by space and a capital, digit or opening quote.
_SENT_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*(?=\s+[^\sa-z])")
# A sentence end glued to the next capitalised word ("relations.Related Articles").
# A sentence end followed by a lower-case fragment: stitched text ("... 1987. in 1988 and ...").
_FRAGMENT_END = re.compile(r"(?:(?<=[a-z]{3})|(?<=[0-9]{2}))[.!?](?=\s+[a-z])")
_GLUED_END = re.compile(r"(?<=[A-Za-z0-9%)])[.!?][\"\u201d]?(?=[A-Z][a-z])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019\-]*")
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
FUNCTION_WORDS = wordset(
    "a an the of in on at to for from by with and or but as vs via into over after before than "
    "amid about up down off out is are be"
)


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    index: int
    blank_before: bool  # a blank line (or the text start) precedes it: it opens a paragraph
    blank_after: bool


@dataclass(frozen=True)
class Unit:
    """A sentence-like piece of one line."""

    start: int
    end: int
    line: int
    first_in_line: bool
    last_in_line: bool


@dataclass
class Segmented:
    """The article text cut into lines and units, with token lookup into the spaCy Doc."""

    text: str
    lines: list[Line]
    units: list[Unit]
    doc: Doc | None = None
    _starts: list[int] = field(default_factory=list)
    _tokens: list[Token] = field(default_factory=list)
    # Markup evidence per line when the text was extracted from HTML (empty for plain text).
    layout: list[LineLayout] = field(default_factory=list)
    _layout_at: dict[int, LineLayout] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.doc is not None and not self._tokens:
            self._tokens = list(self.doc)
            self._starts = [t.idx for t in self._tokens]
        if self.layout and not self._layout_at:
            self._layout_at = {x.start: x for x in self.layout}

    def with_units(self, units: list[Unit]) -> Segmented:
        """The same text and token index with other units (detectors refine the cut)."""
        return Segmented(
            self.text, self.lines, units, self.doc, self._starts, self._tokens, self.layout, self._layout_at
        )

    def layout_of(self, line: Line) -> LineLayout | None:
        """The markup evidence for ``line``, when the page's HTML was known."""
        return self._layout_at.get(line.start)

    def tokens(self, start: int, end: int) -> list[Token]:
        """Doc tokens that start inside ``[start, end)`` (alignment mode: by token start)."""
        if self.doc is None:
            return []
        i = bisect_left(self._starts, start)
        j = bisect_left(self._starts, end)
        return self._tokens[i:j]

    def of(self, start: int, end: int) -> str:
        return self.text[start:end]

    def line_text(self, line: Line) -> str:
        return self.text[line.start : line.end]

    def content_lines(self) -> list[Line]:
        return [ln for ln in self.lines if self.text[ln.start : ln.end].strip()]


def split_lines(text: str) -> list[Line]:
    raw: list[tuple[int, int]] = []
    pos = 0
    for part in text.split("\n"):
        a, b = pos, pos + len(part)
        pos = b + 1
        stripped = part.strip()
        if not stripped:
            raw.append((a, a))
            continue
        lead = len(part) - len(part.lstrip())
        raw.append((a + lead, a + lead + len(stripped)))
    lines: list[Line] = []
    idx = 0
    for k, (a, b) in enumerate(raw):
        if a == b:
            continue
        before = k == 0 or raw[k - 1][0] == raw[k - 1][1]
        after = k == len(raw) - 1 or raw[k + 1][0] == raw[k + 1][1]
        lines.append(Line(a, b, idx, before, after))
        idx += 1
    return lines


def _is_abbrev(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` belongs to an abbreviation or an initial."""
    if text[dot] != ".":
        return False
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot]
    if not word:
        return False
    if word.lower() in _ABBREV:
        return True
    # initials and dotted acronyms: "E.F." "U.S." "J."
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", word)) and len(word.replace(".", "")) <= 3


def split_units(text: str, line: Line) -> list[Unit]:
    cuts: set[int] = set()
    seg = text[line.start : line.end]
    for m in _SENT_END.finditer(seg):
        if not _is_abbrev(seg, m.start()):
            cuts.add(m.end())
    for m in _FRAGMENT_END.finditer(seg):
        if not _is_abbrev(seg, m.start()):
            cuts.add(m.end())
    for m in _GLUED_END.finditer(seg):
        if not _is_abbrev(seg, m.start()):
            cuts.add(m.end())
    bounds = [0, *sorted(cuts), len(seg)]
    pieces: list[tuple[int, int]] = []
    for a, b in itertools.pairwise(bounds):
        chunk = seg[a:b]
        if not chunk.strip():
            continue
        lead = len(chunk) - len(chunk.lstrip())
        pieces.append((line.start + a + lead, line.start + a + len(chunk.rstrip())))
    return [Unit(a, b, line.index, k == 0, k == len(pieces) - 1) for k, (a, b) in enumerate(pieces)]


def segment(text: str, doc: Doc | None = None) -> Segmented:
    lines = split_lines(text)
    units = [u for ln in lines for u in split_units(text, ln)]
    return Segmented(text, lines, units, doc, layout=layout_for(text))


def reads_as_english(text: str) -> bool:
    """English, or too short to tell: the detectors' wording and grammar cues are English."""
    from wiretrace.extract.language import detect_language

    return detect_language(text) in (None, "en")


def opens_with_headline(seg: Segmented) -> bool:
    """Whether the first line is the headline: always in plain text (the headline is printed on top);
    from HTML the extractor took the headline out, so only when the markup calls it a heading."""
    lines = seg.content_lines()
    if not lines:
        return False
    if not seg.layout:
        return True
    lay = seg.layout_of(lines[0])
    return lay is not None and lay.kind == "heading"


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def more_words_than(text: str, limit: int, pos: int = 0) -> bool:
    """Whether ``text[pos:]`` holds more than ``limit`` words, reading no further than word ``limit + 1``
    (``len(words(text[pos:])) > limit`` without copying or scanning the rest of a long line)."""
    return next(itertools.islice(_WORD.finditer(text, pos), limit, None), None) is not None


def title_case_share(text: str) -> float:
    """Share of non-function words that start with a capital (headline and link-title shape)."""
    ws = [w for w in words(text) if w.lower() not in FUNCTION_WORDS]
    if not ws:
        return 0.0
    return sum(1 for w in ws if w[0].isupper()) / len(ws)


def has_finite_verb(tokens: list[Token]) -> bool:
    return any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in tokens)


def norm_key(text: str) -> str:
    """Casefolded letters and digits only: for exact-repeat comparisons."""
    return re.sub(r"[^0-9a-z]+", " ", text.casefold()).strip()
