from __future__ import annotations

from wiretrace.stories.quote_match import MatchParams, affiliations, same_statement, speakers_agree
from wiretrace.stories.quote_units import QuoteUnit, content_words, normal_form


def _unit(article_id: str, text: str, speaker: str | None = "Ines Marl") -> QuoteUnit:
    return QuoteUnit(
        article_id, 0, len(text), text, speaker, "indirect", 0, content_words(text), normal_form(text)
    )


def test_quote_match_rewording_by_word_families() -> None:
    a = _unit("a", "Organisers proposed postponing the regatta until autumn because of flooding")
    b = _unit("b", "Organisers propose a postponement of the regatta until autumn, citing floods")
    found = same_statement(a, b, None, MatchParams())
    assert found is not None and found[0] == "reworded"


def test_quote_match_word_families_need_enough_words() -> None:
    a = _unit("a", "Organisers proposed postponing the regatta")
    b = _unit("b", "Organisers oppose any postponement of the harbour fair")
    assert same_statement(a, b, None, MatchParams()) is None


def test_quote_match_rewording_needs_compatible_speakers() -> None:
    a = _unit("a", "Organisers proposed postponing the regatta until autumn because of flooding", "Ines Marl")
    b = _unit(
        "b", "Organisers propose a postponement of the regatta until autumn, citing floods", "Tor Bakke"
    )
    assert same_statement(a, b, None, MatchParams()) is None


def test_quote_match_speakers_agree_on_surname_and_acronym() -> None:
    assert speakers_agree("Ines Marl", "Marl")
    assert speakers_agree("Harbour Safety Board", "HSB")
    assert not speakers_agree("Harbour Safety Board", "HSA")
    assert not speakers_agree("Ines Marl", "Tor Bakke")


def test_quote_match_a_shared_passage_trimmed_differently_is_verbatim() -> None:
    a = _unit(
        "a",
        "Our engineers found that a faulty valve on the main pipe that feeds the old town caused the outage",
    )
    b = _unit(
        "b", "the utility said a faulty valve on the main pipe that feeds the old town had failed", None
    )
    found = same_statement(a, b, None, MatchParams())
    assert found is not None and found[0] == "verbatim"
    c = _unit("c", "the utility said a faulty valve had failed near the harbour", None)
    assert same_statement(a, c, None, MatchParams()) is None


def test_quote_groups_speaker_counts_an_acronym_with_its_expansion() -> None:
    from wiretrace.stories.quote_groups import group_speaker

    units = [
        _unit("a", "The canal reopens today", "HCA"),
        _unit("b", "The canal reopens today", "Harbour Canal Authority"),
        _unit("c", "The canal reopens today", "Ola Brandt"),
    ]
    assert group_speaker(units) == ("Harbour Canal Authority", True)
    assert group_speaker(units[:2]) == ("Harbour Canal Authority", False)


def test_quote_match_affiliations_tie_a_person_to_the_organisation_named_beside_them() -> None:
    from wiretrace.model import Analysis, Article, Entity, Span

    text = "Harbour Canal Authority chief Ola Brandt spoke on Monday. Later, Tor Bakke arrived."
    text += "\nThe Ferry Union met."

    def ent(i: int, name: str, label: str) -> Entity:
        s = text.index(name)
        return Entity(id=i, name=name, label=label, mentions=[Span(start=s, end=s + len(name))])

    a = Analysis(
        article=Article(id="a", text=text),
        entities=[
            ent(0, "Harbour Canal Authority", "organization"),
            ent(1, "Ola Brandt", "person"),
            ent(2, "Tor Bakke", "person"),
            ent(3, "Ferry Union", "organization"),
        ],
    )
    tied = affiliations([a])
    assert tied == frozenset({frozenset({"Ola Brandt", "Harbour Canal Authority"})})
    assert speakers_agree("Ola Brandt", "Harbour Canal Authority", tied)
    assert not speakers_agree("Ola Brandt", "Harbour Canal Authority")
    assert not speakers_agree("Tor Bakke", "Ferry Union", tied)
