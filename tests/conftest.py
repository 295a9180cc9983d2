"""Shared fixtures: the spaCy model and the default pipeline load once per test session."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from wiretrace.analyze.pipeline import Pipeline
from wiretrace.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="session")
def nlp() -> Language:
    from wiretrace.nlp import load_spacy

    return load_spacy(Settings().nlp.model)


@pytest.fixture(scope="session")
def pipeline(nlp: Language) -> Pipeline:
    return Pipeline(Settings(), nlp=nlp)
