"""Long texts are parsed in pieces cut at paragraph breaks and joined into one Doc (issue 13)."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import pytest

from wiretrace.nlp import chunk_bounds, parse, parse_many

if TYPE_CHECKING:
    from spacy.language import Language

PARA = (
    "Mayor Odile Varga said on Monday that the ferry to Lake Tesh would run again. "
    '"We kept our word," she said.'
)


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("\n\n".join([PARA] * 12), 300),  # blank lines to cut at
        (" ".join([PARA] * 12), 300),  # one line: cut after a sentence end
        ("x" * 1000, 128),  # no space at all: hard cuts
        ("short", 300),
    ],
)
def test_nlp_chunk_bounds_cover_the_text_in_order(text: str, size: int) -> None:
    bounds = chunk_bounds(text, size)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(0 < end - start <= size for start, end in bounds)


def test_nlp_chunk_bounds_prefer_blank_lines() -> None:
    text = "\n\n".join([PARA] * 12)
    for _start, end in chunk_bounds(text, 300)[:-1]:
        assert text[end - 2 : end] == "\n\n"


def test_nlp_parse_in_pieces_keeps_text_offsets_and_annotations(nlp: Language) -> None:
    text = "\n\n".join(f"{PARA} Item {k}." for k in range(30))
    whole, pieces = nlp(text), parse(nlp, text, size=400)
    assert pieces.text == text
    assert [(t.idx, t.text) for t in pieces] == [(t.idx, t.text) for t in whole]
    assert [(e.start_char, e.end_char, e.label_) for e in pieces.ents] == [
        (e.start_char, e.end_char, e.label_) for e in whole.ents
    ]
    assert pieces.has_annotation("DEP") and len(list(pieces.sents)) >= 30


def test_nlp_parse_many_keeps_order_and_context(nlp: Language) -> None:
    texts = ["A short one.", "\n\n".join([PARA] * 8), "Another short one."]
    out = list(parse_many(nlp, ((t, k) for k, t in enumerate(texts)), batch_size=2, size=300))
    assert [ctx for _, ctx in out] == [0, 1, 2]
    assert [doc.text for doc, _ in out] == texts
