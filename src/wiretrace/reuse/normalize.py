"""Regex tokenisation and token normalisation for the reuse index (no spaCy: indexing must be fast).

Two views of a text share one normaliser so that what is indexed and what is queried agree:

- ``Normalizer.features(segment)``: the set of content-token hashes of a sentence, the retrieval key.
  This path avoids per-token Python work where it can (one ``findall`` and set operations).
- ``Normalizer.tokens(text)``: every token with its character offsets and a hash of its normal form,
  the sequence the aligner works on (punctuation included, so spans end on the sentence's full stop).

Normalisation is deliberately light: case, accents, possessives, thousands separators and a plural
``s``. Synonym spinning is not undone here: retrieval tolerates it by scoring rare-token overlap,
and the aligner reports it as substitutions. Entity variants ("U.S." / "USA") are folded through an
optional alias table so they neither weaken retrieval nor hide from the substitution list.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

import numpy as np
import numpy.typing as npt
import xxhash

from wiretrace.notation import deaccent

if TYPE_CHECKING:
    from wiretrace.settings import Settings

# Words and numbers with inner . , ' (330.9, 59,960, world's), a final dot kept only after ".X" so that
# dotted abbreviations (U.S., e.g.) stay one token; then single punctuation marks. (A leading
# abbreviation alternative was 2x slower: it is tried at every position.)
_TOKEN = re.compile(r"\w+(?:[.,'’]\w+)*(?:(?<=\.[^\W\d_])\.)?|[^\w\s]")
_NUM_SEP = re.compile(r"(?<=\d),(?=\d{3})")
# Candidate sentence ends; the follow-up check in split_sentences is cheaper than a look-ahead here.
_SENT_END = re.compile(r"[.!?]+(?=[\s\"'”’)\]])|\n")
_CLOSERS = "\"'”’)]"
_OPENERS = "\"'“‘([$£€"


def _words(block: str) -> list[str]:
    return block.split()


# ASCII punctuation to spaces in one C-level pass (features are bytes tokens; non-ASCII bytes stay in words).
_PUNCT = bytes.maketrans(string.punctuation.encode(), b" " * len(string.punctuation))
_ABBREV = frozenset(
    _words(
        """
        mr mrs ms dr st jr sr prof gen gov sen rep col lt sgt capt inc corp co ltd vs jan feb mar apr jun
        jul aug sep sept oct nov dec mt ft approx est dept univ
        """
    )
)

# Function words carry no provenance signal; dropping them keeps postings short. "said" and friends stay
# (their low IDF already makes them cheap) so a spun "stated" still costs only a little.
STOPWORDS = frozenset(
    _words(
        """
        a an the and or but nor if then else of to in on at by for with from as into onto upon about above
        below over under than that this these those there here it its it's is are was were be been being am
        do does did done have has had having not no so such can could may might must shall should will would
        i me my we us our you your he him his she her they them their who whom whose which what when where
        why how all any both each few more most other some own same too very just also only s t
        """
    )
)

Span = tuple[int, int]

# Bumped whenever a normal form changes, so stored fingerprints can be told apart.
NORMALIZER_VERSION = "n2-typography"


def _hash(norm: str) -> int:
    """32-bit hash of a normal form; "surrogatepass" so invalid Unicode input cannot crash a batch."""
    return xxhash.xxh32_intdigest(norm.encode("utf-8", "surrogatepass"))


def _fold(token: str) -> str:
    """The normal form of one lowercased token."""
    if not token.isascii():
        token = deaccent(token)
    if token.endswith("'s"):
        token = token[:-2]
    if "," in token and token[0].isdigit():
        token = _NUM_SEP.sub("", token)
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss") and token.isalpha():
        token = token[:-1]
    return token


def split_sentences(text: str) -> list[Span]:
    """Sentence spans: ``.``/``!``/``?`` (plus closing quotes) before a capital, digit or opening quote,
    and every line break. Known abbreviations ("Mr.", "Jan.") and single initials do not end a sentence.
    Leading and trailing whitespace is trimmed; empty pieces are dropped.
    """
    spans: list[Span] = []
    pos = 0
    n = len(text)
    for m in _SENT_END.finditer(text):
        end = m.end()
        if m.group() != "\n":
            while end < n and text[end] in _CLOSERS:
                end += 1
            nxt = end
            while nxt < n and text[nxt] in " \t":
                nxt += 1
            if (
                nxt == end
                or nxt >= n
                or not (text[nxt].isupper() or text[nxt].isdigit() or text[nxt] in _OPENERS)
            ):
                continue
            if m.group() == ".":
                word = text[max(0, m.start() - 6) : m.start()].rsplit(None, 1)
                w = word[-1].lower().lstrip("(\"'“") if word else ""
                if w in _ABBREV or (len(w) == 1 and w.isalpha()) or (w == "no" and text[nxt].isdigit()):
                    continue
        _append_trimmed(text, pos, end, spans)
        pos = end
    _append_trimmed(text, pos, n, spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, out: list[Span]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        out.append((start + lead, start + lead + len(stripped)))


@dataclass(frozen=True, slots=True)
class Tokens:
    """Every token of a text: offsets, normal-form hashes and whether it is a content word."""

    starts: npt.NDArray[np.int32]
    ends: npt.NDArray[np.int32]
    ids: list[int]
    content: npt.NDArray[np.bool_]
    surface: list[str]

    def __len__(self) -> int:
        return len(self.ids)

    def window(self, start_char: int, end_char: int) -> tuple[int, int]:
        """Token index range ``[i, j)`` of the tokens inside ``[start_char, end_char)``."""
        i = int(np.searchsorted(self.starts, start_char, side="left"))
        j = int(np.searchsorted(self.ends, end_char, side="right"))
        return i, max(i, j)


class Normalizer:
    """Token normalisation with a memo (normal form and hash per distinct surface token).

    The memo only caches a pure function, so results never depend on what the process saw before.
    ``aliases`` maps a lowercased variant (one token, e.g. "usa") to a canonical form ("united states").
    """

    def __init__(self, aliases: Aliases | None = None) -> None:
        table = aliases or Aliases()
        # Function words never fold into an entity ("us" is not the United States here).
        self._aliases = {k: v for k, v in table.single.items() if k not in STOPWORDS}
        self._phrases = table.phrases
        self._phrase_heads = {k[0] for k in table.phrases}
        self._memo: dict[str, int] = {}
        self._bmemo: dict[bytes, int] = {}
        self._stop_ids = {_hash(_fold(w)) for w in STOPWORDS}
        self._noncontent: set[int] = set(self._stop_ids)  # grows with each punctuation token seen

    def token_id(self, lowered: str) -> int:
        """32-bit hash of a lowercased token's normal form (stable across processes)."""
        h = self._memo.get(lowered)
        if h is None:
            norm = _fold(lowered)
            norm = self._aliases.get(norm, norm)
            h = _hash(norm)
            self._memo[lowered] = h
            if lowered and not lowered[0].isalnum():
                self._noncontent.add(h)
        return h

    def is_stop(self, token_id: int) -> bool:
        return token_id in self._stop_ids

    def features(self, segment: str) -> set[int]:
        """Content-token hashes of one sentence: the set retrieval scores overlap on.

        Splits on punctuation with one ``bytes.translate`` (much faster than a regex here), so "U.S."
        gives "u" and "s" and "59,960" gives "59" and "960": coarser than ``tokens`` but the same on
        both the indexed and the queried side, which is all retrieval needs.
        """
        words = segment.lower().encode("utf-8", "surrogatepass").translate(_PUNCT).split()
        memo = self._bmemo
        found: set[int | None] = set(map(memo.get, words))  # C-level lookups; unseen words give None
        if None in found:
            found.discard(None)
            found.update(self._bytes_id(w) for w in words if w not in memo)
        return cast(set[int], found) - self._stop_ids

    def _bytes_id(self, word: bytes) -> int:
        h = self.token_id(word.decode("utf-8", "replace"))
        self._bmemo[word] = h
        return h

    def tokens(self, text: str) -> Tokens:
        """All tokens with offsets (punctuation included) for alignment."""
        matches = list(_TOKEN.finditer(text))
        surface = [m.group() for m in matches]
        lowered = [s.lower() for s in surface]
        memo = self._memo
        ids = [memo[w] if w in memo else self.token_id(w) for w in lowered]
        if self._phrase_heads and not self._phrase_heads.isdisjoint(lowered):
            starts = [m.start() for m in matches]
            ends = [m.end() for m in matches]
            self._fold_phrases(text, starts, ends, surface, lowered, ids)
            bounds = np.array([starts, ends], dtype=np.int32).reshape(2, len(ids))
        else:
            bounds = np.array([m.span() for m in matches], dtype=np.int32).reshape(len(ids), 2).T
        # Content words: not a function word and not punctuation (both known per distinct token);
        # set lookups beat np.isin at article sizes.
        noncontent = self._noncontent
        content = np.fromiter((i not in noncontent for i in ids), dtype=np.bool_, count=len(ids))
        return Tokens(
            starts=np.ascontiguousarray(bounds[0]),
            ends=np.ascontiguousarray(bounds[1]),
            ids=ids,
            content=content,
            surface=surface,
        )

    def _fold_phrases(
        self,
        text: str,
        starts: list[int],
        ends: list[int],
        surface: list[str],
        lowered: list[str],
        ids: list[int],
    ) -> None:
        """Merge multi-word entity variants ("United States", "Russian Federation") into one token."""
        heads = self._phrase_heads
        i = 0
        while i < len(ids):
            if lowered[i] in heads:
                for n in (4, 3, 2):
                    canonical = self._phrases.get(tuple(lowered[i : i + n]))
                    if canonical is not None and i + n <= len(ids):
                        end = ends[i + n - 1]
                        starts[i + 1 : i + n] = []
                        ends[i : i + n] = [end]
                        surface[i : i + n] = [text[starts[i] : end]]
                        lowered[i : i + n] = [canonical]
                        ids[i : i + n] = [_hash(canonical)]
                        break
            i += 1


@dataclass(frozen=True, slots=True)
class Aliases:
    """Entity variants folded before matching: one-token ones by lowercased form, longer ones by phrase."""

    single: Mapping[str, str] = field(default_factory=dict)
    phrases: Mapping[tuple[str, ...], str] = field(default_factory=dict)


def load_aliases(settings: Settings | None = None) -> Aliases:
    """Entity variants from the alias table (``wiretrace.aliases``), canonical names lowercased.

    With ``settings``, the user's table (``entities.alias_file`` and ``entities.aliases``) is merged
    over the built-in one, so the reuse index folds the same variants the entities stage does.
    """
    try:
        from wiretrace.aliases import AliasTable
    except ImportError:  # the module is optional for this package's own tests
        return Aliases()
    table = AliasTable.default(settings)
    single: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for canonical in table.canonicals():
        target = canonical.lower()
        for variant in (canonical, *table.variants(canonical)):
            words = tuple(t.lower() for t in _TOKEN.findall(variant))
            if len(words) > 1 and words[0] == "the":
                # "the Gulf States" folds as "gulf states"; "the States" alone is too ambiguous to fold.
                if len(words) == 2:
                    continue
                words = words[1:]
            if len(words) == 1:
                single[_fold(words[0])] = target
            elif 1 < len(words) <= 4:
                phrases[words] = target
    return Aliases(single=single, phrases=phrases)
