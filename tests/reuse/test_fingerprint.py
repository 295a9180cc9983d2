from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace.reuse.fingerprint import Fingerprint
from wiretrace.reuse.normalize import Normalizer

NORM = Normalizer()


def test_fingerprint_round_trips_through_bytes() -> None:
    fp = Fingerprint.of("The ferry to Ostrand was cancelled. Storms are expected until Friday.", NORM)
    assert fp.n_sentences == 2
    assert Fingerprint.from_bytes(fp.to_bytes()) == fp


def test_fingerprint_is_immutable() -> None:
    fp = Fingerprint.of("One sentence here.", NORM)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fp.spans = np.zeros((0, 2), dtype=np.int32)  # type: ignore[misc]


def test_fingerprint_rejects_foreign_bytes() -> None:
    with pytest.raises(ValueError, match="magic"):
        Fingerprint.from_bytes(b"NOPE" + bytes(8))


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=0, max_size=300))
def test_fingerprint_spans_inside_text_and_round_trip(text: str) -> None:
    fp = Fingerprint.of(text, NORM)
    assert all(0 <= a <= b <= len(text) for a, b in fp.spans.tolist())
    assert Fingerprint.from_bytes(fp.to_bytes()) == fp


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.sampled_from(["Vellmar", "pier", "ferry", "Ostrand", "storms", "1998", "Dorn"]), max_size=12)
)
def test_fingerprint_bytes_do_not_depend_on_set_order(words: list[str]) -> None:
    text = " ".join(words) + ". " + " ".join(reversed(words)) + "."
    fp = Fingerprint.of(text, NORM)
    for i in range(fp.n_sentences):
        part = fp.hashes[fp.offsets[i] : fp.offsets[i + 1]]
        assert np.all(part[1:] > part[:-1])  # ascending, as sorted(set) gives, whatever the set's order
    assert Fingerprint.of(text, Normalizer()).to_bytes() == fp.to_bytes()
