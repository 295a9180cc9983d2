"""Analysis and tracing: build the pipeline once, with the reuse index handed to the trace stages."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from wiretrace.model import Analysis, Article, Failure
from wiretrace.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

    from wiretrace.analyze.pipeline import Pipeline
    from wiretrace.corpus.store import Store
    from wiretrace.reuse.index import Index

# The registered stages that look an article up in the reuse index (they need the "reuse_index" resource).
TRACE_STAGES: tuple[str, ...] = ("self_match", "trace")


def build_pipeline(
    settings: Settings | None = None,
    *,
    index: Index | None = None,
    full: bool = True,
    exclude: Sequence[str] = (),
    nlp: Language | None = None,
) -> Pipeline:
    """The analysis pipeline: the default stages (``full``), plus tracing first when ``index`` is given.

    Build it once and reuse it: the spaCy model loads on first use. A trace-only pipeline
    (``full=False``) never loads spaCy.
    """
    from wiretrace.analyze.pipeline import DEFAULT_STAGES, Pipeline

    stages: list[str] = []
    resources: dict[str, object] = {}
    if index is not None:
        stages.extend(TRACE_STAGES)
        resources["reuse_index"] = index
    if full:
        stages.extend(DEFAULT_STAGES)
    return Pipeline(settings, stages=stages, exclude=exclude, nlp=nlp, resources=resources)


def analyse(
    items: Iterable[str | Article | Failure],
    settings: Settings | None = None,
    *,
    index: Index | None = None,
    pipeline: Pipeline | None = None,
    exclude: Sequence[str] = (),
) -> Iterator[Analysis | Failure]:
    """Analyse articles (or plain texts) in one ``nlp.pipe`` pass, in input order.

    A bad article yields a ``Failure`` in its place and the batch goes on; ``Failure`` items from a reader
    pass through. With ``index``, every article is also traced against it (``Analysis.matches``).
    """
    pipe = pipeline or build_pipeline(settings, index=index, exclude=exclude)
    return pipe.analyze_many(items, on_error="record")


def trace(
    store: Store,
    items: Iterable[Article | Failure],
    settings: Settings | None = None,
    *,
    full: bool = False,
    index: Index | None = None,
) -> Iterator[Analysis | Failure]:
    """Trace each article's passages to the stored articles they were copied or reworded from.

    An article that is itself stored (same id or same text) never matches itself: its
    ``Analysis.indexed_as`` names the stored id instead. ``full`` also runs the whole analysis.
    """
    from wiretrace.reuse.index import Index

    settings = settings or Settings.from_env()
    idx = index or Index(store, settings)
    yield from build_pipeline(settings, index=idx, full=full).analyze_many(items, on_error="record")
