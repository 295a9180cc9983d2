"""The alias table: built-in entries, case rules for short capitals, user extensions."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest

from wiretrace.aliases import AliasTable
from wiretrace.errors import PipelineError
from wiretrace.settings import Settings


def _builtin_data() -> dict[str, dict[str, list[str]]]:
    text = files("wiretrace").joinpath("data", "aliases.json").read_text(encoding="utf-8")
    data: dict[str, dict[str, list[str]]] = json.loads(text)
    return data


def test_every_builtin_entry_loads_and_resolves_to_itself() -> None:
    table = AliasTable.builtin()
    data = _builtin_data()
    for section in ("places", "organizations"):
        for canonical, variants in data[section].items():
            assert table.canonical(canonical) == canonical, canonical
            assert table.kind(canonical) == ("place" if section == "places" else "organization")
            for v in variants:
                assert table.canonical(v) == canonical, (v, canonical)
    for place, forms in data["demonyms"].items():
        assert table.canonical(place) == place, place
        for form in forms:
            assert table.demonym_of(form) == place, form


def test_no_variant_belongs_to_two_entries() -> None:
    seen: dict[str, str] = {}
    data = _builtin_data()
    for section in ("places", "organizations"):
        for canonical, variants in data[section].items():
            for v in (canonical, *variants):
                assert v not in seen or seen[v] == canonical, f"{v!r}: {seen.get(v)} and {canonical}"
                seen[v] = canonical


@pytest.mark.parametrize("surface", ["USA", "U.S.", "US", "U.S.A.", "America", "the United States", "U.S"])
def test_us_variants(surface: str) -> None:
    assert AliasTable.builtin().canonical(surface) == "United States"


def test_short_capitals_match_only_in_capitals() -> None:
    table = AliasTable.builtin()
    assert table.canonical("us") is None
    assert table.canonical("Us") is None
    assert table.canonical("who") is None
    assert table.canonical("WHO") == "World Health Organization"
    # Longer names ignore case and curly apostrophes.
    assert table.canonical("russian federation") == "Russia"
    assert table.canonical("People\u2019s Republic of China") == "China"


def test_variants_and_demonyms() -> None:
    table = AliasTable.builtin()
    assert "Britain" in table.variants("United Kingdom")
    assert table.variants("Atlantis") == []
    assert table.demonym_of("Russians") == "Russia"
    assert table.demonym_of("Martian") is None
    assert table.canonical("Russian") is None  # a demonym is not a name of the country


def test_settings_aliases_and_user_file_extend_and_override(tmp_path: Path) -> None:
    user = tmp_path / "aliases.json"
    user.write_text(json.dumps({"Republic of Veloria": ["Veloria", "RV"]}), encoding="utf-8")
    settings = Settings(
        entities={"aliases": {"Kestrel Party": ["KP"], "USA": ["America"]}, "alias_file": str(user)}
    )
    table = AliasTable.default(settings)
    assert table.canonical("Veloria") == "Republic of Veloria"
    assert table.canonical("RV") == "Republic of Veloria"
    assert table.canonical("KP") == "Kestrel Party"
    assert table.canonical("America") == "USA"  # user entries win
    assert table.canonical("U.K.") == "United Kingdom"  # built-ins stay
    assert AliasTable.default(settings) is table  # cached


def test_bad_user_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"X": "not a list"}', encoding="utf-8")
    with pytest.raises(PipelineError, match="expected a list of strings"):
        AliasTable.from_file(bad)
    with pytest.raises(PipelineError, match="cannot read alias file"):
        AliasTable.from_file(tmp_path / "missing.json")


def test_module_level_mapping_for_other_consumers() -> None:
    from wiretrace import aliases

    assert "U.S." in aliases.ALIASES["United States"]
    assert AliasTable.builtin().demonyms()["americans"] == "United States"
