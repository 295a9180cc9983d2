"""What an ingest worker runs on one chunk: extraction, then analysis and fingerprinting.

These are plain, picklable functions of plain values, so a local process pool and a Dask cluster (the
runners) ship the same work. Each worker process keeps one ``Pipeline`` and one ``Normalizer`` per
settings value and reuses them for every chunk it gets (the spaCy model loads once per worker). The
store is never touched here: results go back to the one writer in the submitting process.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from wiretrace.model import Analysis, Article, Failure
from wiretrace.nlp import settle_heap
from wiretrace.settings import Settings

if TYPE_CHECKING:
    from wiretrace.analyze.pipeline import Pipeline
    from wiretrace.ingest.raw import RawDocument
    from wiretrace.reuse.normalize import Normalizer


@dataclass(frozen=True, slots=True)
class Prepared:
    """One article ready for the store: the copy to store (with what analysis learnt, its language),
    its analysis or the failure of it, and its reuse fingerprint."""

    article: Article
    analysis: Analysis | None
    failure: Failure | None
    fingerprint: bytes


_pipelines: dict[tuple[str, bool], Pipeline] = {}
_normalizers: dict[str, Normalizer] = {}


def extract_chunk(chunk: list[RawDocument | Failure]) -> list[Article | Failure]:
    """Read documents to articles (HTML through trafilatura); a bad document becomes its ``Failure``."""
    from wiretrace.extract import extract_document

    return [item if isinstance(item, Failure) else extract_document(item) for item in chunk]


def prepare_chunk(chunk: list[Article], settings_json: str, analyse: bool) -> list[Prepared]:
    """Analyse (when ``analyse``) and fingerprint articles already checked storable, in order."""
    from wiretrace.reuse.fingerprint import Fingerprint

    analyses: list[Analysis | Failure | None] = [None] * len(chunk)
    if analyse:
        analyses = list(_pipeline(settings_json, analyse).analyze_many(chunk, on_error="record"))
    normalizer = _normalizer(settings_json)
    out: list[Prepared] = []
    for article, outcome in zip(chunk, analyses, strict=True):
        analysis = outcome if isinstance(outcome, Analysis) else None
        failure = outcome if isinstance(outcome, Failure) else None
        stored = analysis.article if analysis is not None else article
        fingerprint = Fingerprint.of(stored.text, normalizer).to_bytes()
        out.append(Prepared(stored, analysis, failure, fingerprint))
    if analyse:
        settle_heap()
    return out


def _pipeline(settings_json: str, analyse: bool) -> Pipeline:
    key = (settings_json, analyse)
    if key not in _pipelines:
        from wiretrace.service.analysis import build_pipeline

        _pipelines[key] = build_pipeline(Settings.model_validate_json(settings_json), full=analyse)
    return _pipelines[key]


def _normalizer(settings_json: str) -> Normalizer:
    # Built as ``reuse.index.Index(store, settings)`` builds its own (the user's alias table merged in),
    # so fingerprints made on a worker and in the writing process agree (a test checks).
    if settings_json not in _normalizers:
        from wiretrace.reuse.normalize import Normalizer, load_aliases

        settings = Settings.model_validate_json(settings_json)
        _normalizers[settings_json] = Normalizer(load_aliases(settings))
    return _normalizers[settings_json]
