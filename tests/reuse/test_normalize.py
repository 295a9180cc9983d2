from __future__ import annotations

import pytest

from wiretrace.reuse.normalize import Aliases, Normalizer, load_aliases, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prices rose 2.5 pct. Mr. Okonjo said so.", ["Prices rose 2.5 pct.", "Mr. Okonjo said so."]),
        ('He said "No." Then he left.', ['He said "No."', "Then he left."]),
        ("Line one without stop\nLine two.", ["Line one without stop", "Line two."]),
        ("Five U.S. firms left. Two stayed.", ["Five U.S. firms left.", "Two stayed."]),
        ("  \n\n  ", []),
    ],
)
def test_split_sentences_boundaries(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == expected


def test_tokens_offsets_point_into_text() -> None:
    text = "The Vellmar board's 1,200-page plan, costing 48.5 million, passed."
    toks = Normalizer().tokens(text)
    assert [text[int(a) : int(b)] for a, b in zip(toks.starts, toks.ends, strict=True)] == toks.surface
    assert "1,200" in toks.surface and "48.5" in toks.surface
    assert not toks.content[toks.surface.index("The")] and toks.content[toks.surface.index("plan")]


def test_features_drop_function_words_and_are_stable() -> None:
    a, b = Normalizer(), Normalizer()
    fa = a.features("The board approved the pier.")
    assert fa == b.features("the BOARD approved THE pier!")  # case and punctuation do not matter
    assert a.features("the of and") == set()


def test_alias_table_folds_entity_variants() -> None:
    norm = Normalizer(
        Aliases(
            single={"usa": "united states", "u.s.": "united states"},
            phrases={("united", "states"): "united states"},
        )
    )
    one, two, three = (norm.tokens(t) for t in ("the U.S. fleet", "the USA fleet", "the United States fleet"))
    assert one.ids == two.ids == three.ids
    assert three.surface[1] == "United States"  # the phrase became one token with its own surface


def test_pronoun_us_is_not_the_country() -> None:
    norm = Normalizer(load_aliases())
    assert not norm.tokens("tell us").content[1]
    assert norm.tokens("the USA fleet").content[1]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("$5m", "5 million dollars", True),
        ("US$5,000,000", "$5 million", True),
        ("€3.2bn", "3.2 billion euros", True),
        ("$5m", "$6m", False),
        ("Zelvanskyy", "Zelvansky", True),
        ("Brönnhof", "Bronnhof", True),
        ("\u2014", "-", True),
        ("\u00abyes\u00bb", "\u201cyes\u201d", True),
        ("said", "stated", False),
    ],
)
def test_normalize_notation_is_not_a_change(a: str, b: str, same: bool) -> None:
    from wiretrace.notation import same_statement

    assert same_statement(a, b) is same


def test_normalize_typographic_marks_fold_to_one_token() -> None:
    n = Normalizer()
    assert n.tokens("a \u2014 b").ids == n.tokens("a - b").ids
    assert n.tokens("\u00abOui\u00bb").ids == n.tokens('"Oui"').ids


def test_normalize_load_aliases_uses_the_users_table() -> None:
    from wiretrace.settings import Settings

    settings = Settings.model_validate({"entities": {"aliases": {"Harlow Borough": ["Harlowton"]}}})
    assert load_aliases(settings).single.get("harlowton") == "harlow borough"
    assert "harlowton" not in load_aliases().single
