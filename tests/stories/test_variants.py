from __future__ import annotations

import pytest

from wiretrace.stories.quote_units import normal_form
from wiretrace.stories.variants import classify


@pytest.mark.parametrize(
    ("other", "kind"),
    [
        ("We will rebuild the bridge within two years.", "verbatim"),
        ("rebuild the bridge within two years", "trimmed"),
        ("We will not rebuild the bridge within two years", "meaning_changed"),
        ("We will rebuild the bridge within three years", "reworded"),
        ("We may rebuild the bridge within two years", "meaning_changed"),
        ("The mayor promised a new crossing soon", "paraphrase"),
    ],
)
def test_variants_classify(other: str, kind: str) -> None:
    got, _ = classify(normal_form("We will rebuild the bridge within two years"), normal_form(other))
    assert got == kind


def test_variants_normal_form_folds_spelling_case_and_punctuation() -> None:
    assert normal_form("It can be Characterised, as such!") == normal_form("it can be characterized as such")


@pytest.mark.parametrize(
    ("earliest", "other", "kind"),
    [
        (
            "We'll rebuild the bridge within two years",
            "We will rebuild the bridge within two years",
            "verbatim",
        ),
        (
            "We will rebuild the bridge within two years",
            "We will rebuild the bridge within two years, and all of the tolls will go, the mayor said",
            "trimmed",
        ),
        (
            "We will rebuild the old bridge within two years",
            "We will rebuild the bridge within two years, and all of the tolls will go, the mayor said",
            "reworded",
        ),
    ],
)
def test_variants_contractions_and_long_additions_are_not_meaning_changes(
    earliest: str, other: str, kind: str
) -> None:
    got, _ = classify(normal_form(earliest), normal_form(other))
    assert got == kind
