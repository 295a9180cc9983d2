from __future__ import annotations

import pytest

from wiretrace.stories.features import event_phases, is_retrospective, stable_numbers, tokens


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("Anton Vey was sentenced to twelve years on Friday", "sentencing"),
        ("Anton Vey found guilty; he faces sentencing in June", "verdict"),
        ("Vey, who was convicted in May, was sentenced on Friday", "sentencing"),
        ("Vey will be sentenced next month after the jury convicted him", "verdict"),
    ],
)
def test_features_event_phase_is_the_latest_stage_reported(text: str, stage: str) -> None:
    assert event_phases(text)["legal"].name == stage


def test_features_alternative_outcomes_take_the_first_mentioned() -> None:
    got = event_phases("The Corvin central bank kept rates on hold; it had raised rates three times before")
    assert got["rates"].name == "hold"


def test_features_no_stage_phrase_no_phase() -> None:
    assert event_phases("The orchard festival returned to Salden") == {}


def test_features_retrospective_cue() -> None:
    assert is_retrospective("On this day in 2019: the Velmora bridge collapsed")
    assert not is_retrospective("The Velmora bridge collapsed on Monday")


def test_features_quake_magnitude_both_word_orders() -> None:
    assert stable_numbers("A magnitude 6.1 quake and a 5.4-magnitude aftershock") == {
        ("6.1", "magnitude"),
        ("5.4", "magnitude"),
    }


def test_features_tokens_drop_stop_words_and_possessives() -> None:
    assert tokens("The mayor's bridge is in the river") == ["mayor", "bridge", "river"]
