"""Spinning: substitutions from provenance matches, and the spinner-variant lexicon without them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wiretrace.analyze.integrity.detect import detect_flags
from wiretrace.extract import article_from_text
from wiretrace.model import Flag, Match, Span, Substitution
from wiretrace.settings import FlagSettings

if TYPE_CHECKING:
    from spacy.language import Language

HEAD = "Trawler Crew Rescued Off Cape Lorne"


def _spun(nlp: Language, text: str, matches: list[Match] | None = None) -> list[Flag]:
    flags = detect_flags(article_from_text(text, id="t"), nlp(text), FlagSettings(), matches=matches or [])
    return [f for f in flags if f.label == "spinning"]


def test_flags_spinning_from_match_substitutions(nlp: Language) -> None:
    body = "The coastguard declared all nine fishermen were safe after a night adrift near the headland."
    text = f"{HEAD}\n\n{body}"
    a = text.index(body)
    match = Match(
        span=Span(start=a, end=a + len(body)),
        source_id="wire-77",
        source_span=Span(start=0, end=90),
        similarity=0.9,
        substitutions=[
            Substitution(source="said", article="declared"),
            Substitution(source="sailors", article="fishermen"),
        ],
    )
    got = {(f.span.of(text), f.original) for f in _spun(nlp, text, [match])}
    assert got == {("declared", "said"), ("fishermen", "sailors")}


def test_flags_spinning_lexicon_needs_several_kinds(nlp: Language) -> None:
    text = (
        f"{HEAD}\n\nThe USA coastguard stated the trawler sank approximately two miles offshore.\n\n"
        "The Russian Federation embassy thanked the U.S. rescuers, as it did the previous year."
    )
    got = {f.span.of(text): f.original for f in _spun(nlp, text)}
    assert got["USA"] == "U.S."
    assert got["Russian Federation"] == "Russia"
    assert got["previous year"] == "last year"


def test_flags_spinning_one_formal_word_is_not_enough(nlp: Language) -> None:
    text = f"{HEAD}\n\nThe coastguard stated that the crew of nine was safe and in good health."
    assert _spun(nlp, text) == []


def test_flags_spinning_notation_is_not_spun_and_one_flag_per_place(nlp: Language) -> None:
    body = "The club paid \u20ac4m for the Brönnhof striker, who signed on Tuesday, the chairman declared."
    text = f"{HEAD}\n\n{body}"
    a = text.index(body)
    subs = [
        Substitution(source="4 million euros", article="\u20ac4m"),
        Substitution(source="Bronnhof", article="Brönnhof"),
        Substitution(source="said", article="declared"),
    ]
    match = Match(
        span=Span(start=a, end=a + len(body)),
        source_id="wire-12",
        source_span=Span(start=0, end=90),
        similarity=0.9,
        transform=["spun"],
        substitutions=subs,
    )
    twin = match.model_copy(update={"source_id": "wire-13"})
    got = [f.span.of(text) for f in _spun(nlp, text, [match, twin])]
    assert got == ["declared"]


def test_flags_spinning_every_variant_match_holds_a_needle() -> None:
    """A text is searched for a variant only when one of its needles occurs: each match must hold one."""
    from wiretrace.analyze.integrity.spinning import _VARIANTS

    text = (
        "The USA delegation met officials of the Russian Federation, the United States of America and "
        "the People's Republic of China. Turnout rose approximately 4 % on the previous year, the board "
        "stated; a recount was anticipated and subsequently held. Additionally, in the interim the "
        "Norwegian Ottawa Ambassador, the Danish Lisbon envoy and the Polish Riga Consul spoke."
    )
    for v in _VARIANTS:
        assert v.needles, v.kind
        found = list(v.pattern.finditer(text))
        assert found, v.kind  # the text exercises every variant
        for m in found:
            assert any(n in m.group() for n in v.needles), (v.kind, m.group())
