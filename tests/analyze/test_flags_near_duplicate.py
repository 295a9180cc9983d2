"""Near-duplicates: the same passage or quote twice, in the same or different wording."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from wiretrace.analyze.integrity.detect import detect_flags
from wiretrace.extract import article_from_text
from wiretrace.model import Flag
from wiretrace.settings import FlagSettings

if TYPE_CHECKING:
    from spacy.language import Language

HEAD = "Orchard Growers Reject Cooperative Merger"
FIRST = (
    'Cooperative chair Lotte Varga said on Friday the merger plan was "a bad deal for the smallest '
    'growers in the valley".'
)
SECOND = (
    'Varga, speaking to members, dismissed what she called "a poor deal for the smallest growers in '
    'the valley" and said the board would try again next year.'
)
OTHER = [
    "Members of the Tallis Valley cooperative voted 212 to 140 against joining the larger Brookmere "
    "group, which had offered to buy their packing sheds.",
    "The Brookmere group said it was disappointed but would keep buying fruit from the valley.",
]


def _dups(nlp: Language, text: str) -> list[Flag]:
    flags = detect_flags(article_from_text(text, id="t"), nlp(text), FlagSettings())
    return [f for f in flags if f.label == "near_duplicate"]


def test_flags_near_duplicate_quote_in_other_words(nlp: Language) -> None:
    text = "\n\n".join([HEAD, FIRST, *OTHER, SECOND])
    dups = _dups(nlp, text)
    assert [f.span.of(text) for f in dups] == [SECOND]
    assert [r.of(text) for r in dups[0].related] == [FIRST]


def test_flags_near_duplicate_repeated_sentence(nlp: Language) -> None:
    text = "\n\n".join([HEAD, OTHER[0], FIRST, OTHER[1], OTHER[0]])
    dups = _dups(nlp, text)
    assert len(dups) == 1 and dups[0].span.start > text.index(OTHER[1])
    assert dups[0].related[0].of(text) == OTHER[0]


def test_flags_near_duplicate_same_shape_other_figures_is_not_a_repeat(nlp: Language) -> None:
    a = "Apple growers in the north of the valley sold 4,200 tonnes last season, up 8 percent."
    b = "Apple growers in the south of the valley sold 3,100 tonnes last season, down 5 percent."
    text = "\n\n".join([HEAD, a, *OTHER, b])
    assert _dups(nlp, text) == []


@pytest.mark.parametrize(
    "pair",
    [
        (
            "The Harlow Hawks beat the Dunmore Owls by 3 goals to 1 on Saturday night at home.",
            "The Harlow Hawks beat the Dunmore Owls by 4 goals to 2 on Saturday night at home.",
        ),
        (
            "The council approved the plan for a new bridge over the Amber River on Monday evening.",
            "The council rejected the plan for a new bridge over the Amber River on Monday evening.",
        ),
        (
            "The mayor said the library would reopen in spring after the repairs were finished.",
            "The mayor said the library would not reopen in spring after the repairs were finished.",
        ),
    ],
)
def test_near_duplicate_parallel_sentences_that_disagree(nlp: Language, pair: tuple[str, str]) -> None:
    text = "Harlow Evening Notes\n\n" + pair[0] + "\n\nOther news followed.\n\n" + pair[1]
    flags = detect_flags(article_from_text(text, id="t"), nlp(text), FlagSettings())
    assert [f for f in flags if f.label == "near_duplicate"] == []


def test_near_duplicate_agreeing_repeat_still_flagged(nlp: Language) -> None:
    s = "The Harlow Hawks beat the Dunmore Owls by 3 goals to 1 on Saturday night at home."
    text = "Harlow Evening Notes\n\n" + s + "\n\nOther news followed.\n\n" + s
    flags = detect_flags(article_from_text(text, id="t"), nlp(text), FlagSettings())
    assert [f.span.of(text) for f in flags if f.label == "near_duplicate"] == [s]
