from __future__ import annotations

import pytest

from wiretrace import lexicons


@pytest.mark.parametrize("name", lexicons.names())
def test_lexicons_have_no_duplicate_entries(name: str) -> None:
    items = lexicons.entries(name)
    seen: set[str] = set()
    repeats = [x for x in items if x in seen or seen.add(x)]  # type: ignore[func-returns-value]
    assert not repeats, f"lexicon {name!r} repeats {repeats}"


def test_lexicons_unknown_name_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="no lexicon named"):
        lexicons.entries("no-such-lexicon")


def test_lexicons_hash_is_stable_within_a_process() -> None:
    assert lexicons.lexicon_hash() == lexicons.lexicon_hash()
    assert len(lexicons.lexicon_hash()) == 8
