"""API fixtures: apps over the session's pipeline, with and without a corpus, called in-process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from wiretrace.api.app import create_app
from wiretrace.settings import Settings

if TYPE_CHECKING:
    from wiretrace.analyze.pipeline import Pipeline

TOKEN = "test-token-9f2c"


def settings(**api: object) -> Settings:
    return Settings(api={"token": TOKEN, **api})


@pytest.fixture()
def client(pipeline: Pipeline) -> Iterator[TestClient]:
    """No corpus: only analysis works."""
    with TestClient(create_app(settings(), None, pipeline=pipeline)) as c:
        yield c


def make_client(pipeline: Pipeline, db_url: str | None = None, **api: object) -> TestClient:
    """With a corpus the app builds its own pipeline, tracing against it (the spaCy model is cached)."""
    return TestClient(create_app(settings(**api), db_url, pipeline=None if db_url else pipeline))


@pytest.fixture(scope="session")
def example_text() -> str:
    return (Path(__file__).parents[2] / "examples" / "stitched-harbour-deal.txt").read_text(encoding="utf-8")


EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture(scope="session")
def corpus_url(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> str:
    """A real SQLite corpus: the bundled sources, analysed, then the stitched example traced against them."""
    from wiretrace import service

    url = f"sqlite:///{tmp_path_factory.mktemp('corpus') / 'corpus.db'}"
    store = service.open_corpus(url)
    try:
        service.ingest(store, [EXAMPLES / "sources.jsonl"], Settings(), pipeline=pipeline)
        report = service.ingest(store, [EXAMPLES / "stitched-harbour-deal.txt"], Settings(), trace=True)
        assert not report.failures, report.failures
        service.update_stories(store)
    finally:
        store.close()
    return url


@pytest.fixture()
def corpus_client(pipeline: Pipeline, corpus_url: str) -> Iterator[TestClient]:
    with make_client(pipeline, corpus_url) as c:
        yield c
