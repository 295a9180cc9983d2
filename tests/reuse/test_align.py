from __future__ import annotations

from wiretrace.reuse.align import align
from wiretrace.reuse.normalize import Normalizer, split_sentences
from wiretrace.reuse.transforms import describe

NORM = Normalizer()


def _align(query: str, source: str):  # type: ignore[no-untyped-def]
    q, s = NORM.tokens(query), NORM.tokens(source)
    al = align(q.ids, q.content, (0, len(q)), s.ids, s.content, (0, len(s)))
    assert al is not None
    return al, q, s


def _text(text: str, toks, i: int, j: int) -> str:  # type: ignore[no-untyped-def]
    return text[int(toks.starts[i]) : int(toks.ends[j - 1])]


def test_align_verbatim_fragment_inside_longer_source() -> None:
    source = (
        "Storms closed the port. The ferry to Ostrand was cancelled on Tuesday, the operator said. More rain."
    )
    query = "Breaking: the ferry to Ostrand was cancelled on Tuesday, the operator said."
    al, _q, s = _align(query, source)
    assert (
        _text(source, s, al.s_start, al.s_end)
        == "The ferry to Ostrand was cancelled on Tuesday, the operator said."
    )
    assert al.similarity == 1.0


def test_align_ignores_stray_words_far_away() -> None:
    source = (
        "Prices rose. The ferry to Ostrand was cancelled on Tuesday. Officials met on Friday about prices."
    )
    query = "The ferry to Ostrand was cancelled on Tuesday."
    al, _q, s = _align(query, source)
    assert _text(source, s, al.s_start, al.s_end) == "The ferry to Ostrand was cancelled on Tuesday."


def test_describe_spun_terms_and_dropped_clause() -> None:
    source = (
        "The Vellmar harbour council, which met behind closed doors for three hours, "
        "said the budget would rise."
    )
    query = "The Vellmar harbour council stated the budget would rise."
    al, q, s = _align(query, source)
    sent = (0, len(s))
    change = describe(al, q, query, s, source, sent)
    pairs = {(x.source, x.article) for x in change.substitutions}
    assert pairs == {("said", "stated")}
    assert "spun" in change.transform and "clause_dropped" in change.transform


def test_describe_verbatim_and_added_clause() -> None:
    source = "The old paper mill will close in June."
    al, q, s = _align(source, source)
    assert describe(al, q, source, s, source, (0, len(s))).transform == ["verbatim"]
    query = "The old paper mill, owned by the Brask family since 1911, will close in June."
    al, q, s = _align(query, source)
    assert "clause_added" in describe(al, q, query, s, source, (0, len(s))).transform


def test_split_matches_tokens_for_sentence_windows() -> None:
    text = "First one. Second one."
    toks = NORM.tokens(text)
    for a, b in split_sentences(text):
        i, j = toks.window(a, b)
        assert text[int(toks.starts[i]) : int(toks.ends[j - 1])] == text[a:b]
