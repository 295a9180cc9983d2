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
