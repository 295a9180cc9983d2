"""Memoised stand-ins for two spaCy components whose output is a function of a few token attributes.

``attribute_ruler`` runs a ``Matcher`` of every rule (179 in ``en_core_web_sm``) over every token, and the
rule ``lemmatizer`` looks each token up in Python, caching only part of its answers: together a quarter
of the model's parse time on news text. Both give each token an answer that depends only on that token's
text, tag and dependency label (one-token rules) or on its text, part of speech and morphology (lemmas),
so ``load_spacy`` swaps them for these components, which remember the answer per key. The result is the
same Doc, attribute for attribute (``tests/test_spacy_memo.py`` checks it on every token):

- ``MemoAttributeRuler`` matches each one-token rule once per distinct (text, tag, dep) on a one-token
  Doc, then applies the rules' attributes in the original order (later rules win). Rules of several
  tokens ("gon na", "let 's") still go through a ``Matcher``, of those rules alone, and only on a Doc
  that contains the first word of one. A ruler with rules that read anything else (a part of speech,
  an entity, an extension), or with quantifiers, is left as it is.
- ``MemoLemmatizer`` calls the original lemmatizer once per distinct (text, POS, morphology) and
  reuses the answer, including for the base forms spaCy recomputes every time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler, Lemmatizer
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

MEMO_RULER = "wiretrace_memo_attribute_ruler"
MEMO_LEMMATIZER = "wiretrace_memo_lemmatizer"

# Token pattern keys whose value follows from a token's text (lexical), tag or dependency label.
_KEYED = frozenset(
    {
        "ORTH",
        "TEXT",
        "LOWER",
        "LENGTH",
        "IS_ALPHA",
        "IS_ASCII",
        "IS_DIGIT",
        "IS_LOWER",
        "IS_UPPER",
        "IS_TITLE",
        "IS_PUNCT",
        "IS_SPACE",
        "IS_STOP",
        "LIKE_NUM",
        "LIKE_URL",
        "LIKE_EMAIL",
        "SHAPE",
        "PREFIX",
        "SUFFIX",
        "TAG",
        "DEP",
    }
)
_MAX_MEMO = 500_000  # distinct keys remembered per component; cleared past this (answers stay the same)


def _entries(ruler: AttributeRuler) -> list[dict[str, Any]]:
    """The ruler's rules in rule-id order: ``{"patterns": [...], "attrs": {...}, "index": int}``."""
    entries: Any = ruler.patterns
    return list(entries)


def _ints2d(rows: Any) -> Any:
    import numpy as np

    return np.array(rows, dtype=np.uint64)


class MemoAttributeRuler:
    """``AttributeRuler`` with one-token rules matched once per (text, tag, dep); see the module docs."""

    def __init__(self, ruler: AttributeRuler) -> None:
        from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
        from spacy.matcher import Matcher

        self.ruler = ruler
        self.single = Matcher(ruler.vocab, validate=False)
        self.multi = Matcher(ruler.vocab, validate=False)
        self.starts = Matcher(ruler.vocab, validate=False)  # the first token of each multi-token rule
        self.multi_len = 0
        for attr_id, entry in enumerate(_entries(ruler)):
            for pattern in entry["patterns"]:
                if len(pattern) == 1:
                    self.single.add(str(attr_id), [pattern])
                    continue
                self.multi.add(str(attr_id), [pattern])
                self.starts.add("start", [pattern[:1]])
                self.multi_len = max(self.multi_len, len(pattern))
        # Attributes the rules set; written back in one ``Doc.from_array`` when they are all token-level.
        written = sorted({k for attrs in ruler.attrs for k in attrs}, key=str)
        token_level = {POS, TAG, DEP, MORPH, LEMMA}
        self.cols: list[int] | None = written if set(written) <= token_level else None
        self.memo: dict[tuple[int, int, int], tuple[tuple[int, ...], bool]] = {}
        self.merged: dict[tuple[int, ...], dict[Any, Any]] = {}
        self.merged_cols: dict[tuple[int, ...], list[tuple[int, int]]] = {}

    @staticmethod
    def supports(ruler: AttributeRuler) -> bool:
        """Whether every rule reads only keyed attributes, has no quantifier and a valid index."""
        for entry in _entries(ruler):
            for pattern in entry["patterns"]:
                if not isinstance(pattern, list) or not -len(pattern) <= entry["index"] < len(pattern):
                    return False
                for tok in pattern:
                    if not isinstance(tok, dict) or not set(tok) <= _KEYED:
                        return False
        return all(isinstance(k, int) for attrs in ruler.attrs for k in attrs)

    def _learn(self, vocab: Vocab, keys: list[tuple[int, int, int]]) -> None:
        """Match the one-token rules, and the first tokens of the multi-token rules, once for each new
        (text, tag, dep): on one Doc with a token per key (one-token rules see one token at a time)."""
        from spacy.attrs import DEP, TAG
        from spacy.tokens import Doc

        strings = vocab.strings
        probe = Doc(vocab, words=[strings[orth] for orth, _t, _d in keys])
        probe.from_array([TAG, DEP], _ints2d([[t, d] for _o, t, d in keys]))
        rules: list[set[int]] = [set() for _ in keys]
        for m_id, start, _end in self.single(probe, allow_missing=True, as_spans=False):
            rules[start].add(int(strings[m_id]))
        starts = {s for _m, s, _e in self.starts(probe, allow_missing=True, as_spans=False)}
        if len(self.memo) + len(keys) > _MAX_MEMO:
            self.memo.clear()
        for k, key in enumerate(keys):
            self.memo[key] = (tuple(sorted(rules[k])), k in starts)

    def _attrs_of(self, rules: tuple[int, ...]) -> dict[Any, Any]:
        merged = self.merged.get(rules)
        if merged is None:
            merged = {}
            for attr_id in rules:  # ascending: a later rule overwrites an earlier one, as in spaCy
                merged.update(self.ruler.attrs[attr_id])
            self.merged[rules] = merged
        return merged

    def _cols_of(self, rules: tuple[int, ...]) -> list[tuple[int, int]]:
        found = self.merged_cols.get(rules)
        if found is None:
            assert self.cols is not None
            found = [(self.cols.index(k), int(v)) for k, v in self._attrs_of(rules).items()]
            self.merged_cols[rules] = found
        return found

    def _multi_matches(self, doc: Doc, starts: list[int]) -> dict[int, list[int]]:
        """Token index -> ids of the multi-token rules that set its attributes. Rules have a fixed
        length (no quantifiers), so matching a window at each token that can start one finds them all."""
        out: dict[int, list[int]] = {}
        strings = doc.vocab.strings
        for start in starts:
            window = doc[start : start + self.multi_len]
            for m_id, s, e in self.multi(window, allow_missing=True, as_spans=False):
                if s != 0:
                    continue  # found again from its own first word
                attr_id = int(strings[m_id])
                index = self.ruler.indices[attr_id]
                out.setdefault(start + (index if index >= 0 else e + index), []).append(attr_id)
        return out

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import DEP, ORTH, TAG
        from spacy.tokens._retokenize import set_token_attrs

        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, TAG, DEP, *(self.cols or ())]).tolist()
        memo = self.memo
        new = list(dict.fromkeys(key for r in rows if (key := (r[0], r[1], r[2])) not in memo))
        if new:
            self._learn(doc.vocab, new)
        found = [memo[(r[0], r[1], r[2])] for r in rows]
        extra = self._multi_matches(doc, [i for i, (_r, can_start) in enumerate(found) if can_start])
        changed = False
        for i, row in enumerate(rows):
            rules = found[i][0]
            if i in extra:
                rules = tuple(sorted({*rules, *extra[i]}))
            if not rules:
                continue
            if self.cols is None:
                set_token_attrs(doc[i], self._attrs_of(rules))
                continue
            for k, value in self._cols_of(rules):
                row[3 + k] = value
            changed = True
        if changed and self.cols:
            doc.from_array(list[int | str](self.cols), _ints2d([r[3:] for r in rows]))
        return doc


class MemoLemmatizer:
    """The rule lemmatizer with every answer remembered per (text, POS, morphology)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = _with_index_sets(lemmatizer)
        self.memo: dict[tuple[int, int, int], int] = {}

    @staticmethod
    def supports(lemmatizer: Lemmatizer) -> bool:
        return lemmatizer.mode == "rule" and not lemmatizer.overwrite

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        strings = doc.vocab.strings
        lemmas: list[int] = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma != 0:  # set by the attribute ruler; spaCy's lemmatizer keeps it too
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            found = self.memo.get(key)
            if found is None:
                found = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                if len(self.memo) >= _MAX_MEMO:
                    self.memo.clear()
                self.memo[key] = found
            lemmas.append(found)
        doc.from_array([LEMMA], _ints2d(lemmas))
        return doc


def _with_index_sets(lemmatizer: Lemmatizer) -> Lemmatizer:
    """A copy of ``lemmatizer`` whose ``lemma_index`` entries are sets: spaCy's rule lemmatizer asks
    ``form in index`` of a list (58,000 nouns in ``en_core_web_sm``), a third of a millisecond a word.
    The copy runs spaCy's own code over the same words, so it gives the same lemmas."""
    from spacy.lookups import Lookups, Table

    if "lemma_index" not in lemmatizer.lookups:
        return lemmatizer
    copy = type(lemmatizer)(lemmatizer.vocab, lemmatizer.model, lemmatizer.name, mode=lemmatizer.mode)
    lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":
            sets = Table(name)
            for key, words in table.items():
                sets[key] = frozenset(words)
            table = sets
        lookups.set_table(name, table)
    copy.lookups = lookups
    return copy


def _register() -> None:
    from spacy.language import Language

    if Language.has_factory(MEMO_RULER):
        return

    @Language.factory(MEMO_RULER, default_config={"wraps": "attribute_ruler"})
    def make_ruler(nlp: Language, name: str, wraps: str) -> MemoAttributeRuler:
        ruler: Any = nlp.get_pipe(wraps)
        return MemoAttributeRuler(ruler)

    @Language.factory(MEMO_LEMMATIZER, default_config={"wraps": "lemmatizer"})
    def make_lemmatizer(nlp: Language, name: str, wraps: str) -> MemoLemmatizer:
        lemmatizer: Any = nlp.get_pipe(wraps)
        return MemoLemmatizer(lemmatizer)


def with_memo_components(nlp: Language) -> Language:
    """Swap ``attribute_ruler`` and ``lemmatizer`` for their memoised stand-ins where they qualify.

    The originals stay in the pipeline, disabled (the stand-ins call into them); a pipeline without them,
    or with a ruler or lemmatizer the stand-ins cannot reproduce, is left unchanged.
    """
    from spacy.pipeline import AttributeRuler, Lemmatizer

    _register()
    plan: list[tuple[str, str]] = []
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        if isinstance(ruler, AttributeRuler) and MemoAttributeRuler.supports(ruler):
            plan.append(("attribute_ruler", MEMO_RULER))
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        if isinstance(lemmatizer, Lemmatizer) and MemoLemmatizer.supports(lemmatizer):
            plan.append(("lemmatizer", MEMO_LEMMATIZER))
    for original, memo in plan:
        nlp.add_pipe(memo, after=original, config={"wraps": original})
        nlp.disable_pipe(original)
    return nlp
