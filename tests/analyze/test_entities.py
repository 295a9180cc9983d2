"""entities.v1 on short invented texts: canonical names, offsets, variants, roles, role resolution."""

from __future__ import annotations

from wiretrace.analyze.entity_linking import entity_at, resolve_role
from wiretrace.analyze.pipeline import Pipeline
from wiretrace.model import Analysis, Entity, Span


def _run(pipeline: Pipeline, text: str) -> Analysis:
    return Pipeline(pipeline.settings, stages=["entities"], nlp=pipeline.nlp).analyze(text)


def _by_name(a: Analysis, name: str) -> Entity:
    found = [e for e in a.entities if e.name == name]
    assert found, f"{name!r} not in {[e.name for e in a.entities]}"
    return found[0]


def test_people_go_under_the_longest_full_name(pipeline: Pipeline) -> None:
    text = (
        "Finance Minister Clara Oduya said on Monday the budget was balanced. "
        "Ms Oduya added that Oduya's critics were wrong."
    )
    a = _run(pipeline, text)
    clara = _by_name(a, "Clara Oduya")
    assert clara.label == "person"
    assert [m.of(text) for m in clara.mentions] == ["Clara Oduya", "Oduya", "Oduya"]
    assert clara.mentions[0] == Span(start=17, end=28)
    assert clara.variants == ["Oduya"]
    assert "minister" in " ".join(clara.roles)
    assert [e for e in a.entities if e.name == "Oduya"] == []


def test_roles_before_the_name_and_in_apposition(pipeline: Pipeline) -> None:
    text = (
        "Kremlin spokesman Pavel Drozdov said the talks were over. "
        "Ilse Varga, the Danish ambassador, disagreed."
    )
    a = _run(pipeline, text)
    pavel = _by_name(a, "Pavel Drozdov")
    assert pavel.roles[:2] == ["spokesman", "Kremlin spokesman"]
    ilse = _by_name(a, "Ilse Varga")
    assert "ambassador" in ilse.roles
    assert "Danish ambassador" in ilse.roles


def test_apposition_attached_to_a_place_still_gives_the_role(pipeline: Pipeline) -> None:
    text = "Later that day, Veloria's trade attache in Lisbon, Omar Feld, was called home."
    omar = _by_name(_run(pipeline, text), "Omar Feld")
    assert "attache" in omar.roles


def test_shorter_org_name_joins_the_longer_unless_ambiguous(pipeline: Pipeline) -> None:
    text = (
        "The Velorian Fisheries Ministry said talks had failed. "
        "A statement from the Fisheries Ministry blamed the delay."
    )
    a = _run(pipeline, text)
    ministry = _by_name(a, "Velorian Fisheries Ministry")
    assert ministry.variants == ["Fisheries Ministry"]
    assert len(ministry.mentions) == 2


def test_places_go_through_the_alias_table(pipeline: Pipeline) -> None:
    text = (
        "Officials in the USA welcomed the deal. The U.S. envoy said America would sign, "
        "and American diplomats agreed."
    )
    a = _run(pipeline, text)
    us = _by_name(a, "United States")
    assert us.label == "place"
    assert set(us.variants) >= {"USA", "U.S.", "America"}
    assert "American" not in us.variants  # demonyms are mentions, not names
    assert any(m.of(text) == "American" for m in us.mentions)
    assert us.mentions[0] == Span(start=text.index("USA"), end=text.index("USA") + 3)


def test_ner_boundary_repair_splits_a_headline(pipeline: Pipeline) -> None:
    text = "Marlow Invites Kessler to Talks\n\nGregor Marlow met Anton Kessler in Vienna."
    a = _run(pipeline, text)
    names = {e.name for e in a.entities if e.label == "person"}
    assert {"Gregor Marlow", "Anton Kessler"} <= names
    assert not any("Invites" in n for n in names)


def test_resolve_role_uses_qualifiers_synonyms_and_position() -> None:
    entities = [
        Entity(
            id=0,
            name="Tomas Brenner",
            label="person",
            mentions=[Span(start=0, end=13)],
            roles=["president", "Danish president"],
        ),
        Entity(
            id=1,
            name="Ada Quill",
            label="person",
            mentions=[Span(start=50, end=59)],
            roles=["president", "American president"],
        ),
        Entity(
            id=2,
            name="Nell Fray",
            label="person",
            mentions=[Span(start=80, end=89)],
            roles=["spokeswoman", "White House spokeswoman"],
        ),
    ]
    assert resolve_role(entities, "the spokeswoman") is entities[2]
    spokesman = Entity(
        id=3, name="Ivo Marr", label="person", mentions=[Span(start=95, end=103)], roles=["spokesman"]
    )
    # the word the article used wins over its synonym, whatever the position
    assert resolve_role([*entities, spokesman], "the spokeswoman", position=120) is entities[2]
    assert resolve_role(entities, "the White House spokesperson") is entities[2]
    assert resolve_role(entities, "the U.S. leader") is entities[1]
    # no one is on record as an American president, but Brenner is Danish: only Quill is left
    quill_unqualified = entities[1].model_copy(update={"roles": ["president"]})
    assert resolve_role([entities[0], quill_unqualified], "the Velorian president", position=0) is None
    assert resolve_role([entities[0], quill_unqualified], "the American president") is quill_unqualified
    assert resolve_role(entities, "the president", position=40) is entities[0]
    assert resolve_role(entities, "the president", position=70) is entities[1]
    assert resolve_role(entities, "the president") is None  # a tie with no position to break it
    assert resolve_role(entities, "the coach") is None
    assert entity_at(entities, Span(start=52, end=55)) is entities[1]
    assert entity_at(entities, Span(start=20, end=30)) is None


def test_ner_label_repairs_from_context(pipeline: Pipeline) -> None:
    text = "Activists protested against Kovalny's poisoning in Veloria, while France's economy grew."
    labels = {e.name: e.label for e in _run(pipeline, text).entities}
    assert labels["Kovalny"] == "person"
    assert labels["France"] == "place"


def test_every_mention_reads_as_the_name_a_variant_or_a_demonym(pipeline: Pipeline) -> None:
    text = (
        "Prof Hana Birk, the Nordic Institute director, told Reuters on Monday that Britain and the UK "
        "government disagreed. Birk's deputy, Jon Aas, said British officials and Mr Aas met at the "
        "United Nations, where U.N. staff and Russian diplomats waited."
    )
    a = _run(pipeline, text)
    for e in a.entities:
        for m in e.mentions:
            surface = m.of(text)
            assert surface == e.name or surface in e.variants or e.label == "place", (surface, e)
            assert not surface.endswith("'s") and not surface.startswith(("Mr ", "Prof "))
    assert _by_name(a, "United Kingdom").variants == ["Britain", "UK"]
    assert _by_name(a, "United Nations").variants == ["U.N."]
    assert "director" in _by_name(a, "Hana Birk").roles


def test_a_lone_first_name_joins_the_only_full_name_starting_with_it(pipeline: Pipeline) -> None:
    text = "Marisol Tennant won the vote. Supporters cheered for Marisol outside the hall."
    tennant = _by_name(_run(pipeline, text), "Marisol Tennant")
    assert [m.of(text) for m in tennant.mentions] == ["Marisol Tennant", "Marisol"]
