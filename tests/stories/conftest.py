"""Store fixture for the stories tests: SQLite always, PostgreSQL too when
``WIRETRACE_TEST_POSTGRES_URL`` names a server (``./scripts/start-postgres`` prints one); each
PostgreSQL test gets its own schema, dropped afterwards (as tests/corpus/conftest.py does)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_URL = os.environ.get("WIRETRACE_TEST_POSTGRES_URL")
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres", marks=pytest.mark.skipif(not PG_URL, reason="WIRETRACE_TEST_POSTGRES_URL is not set")
    ),
]


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    assert PG_URL
    sep = "&" if "?" in PG_URL else "?"
    url = f"{PG_URL}{sep}schema=t_{uuid.uuid4().hex[:12]}"
    yield url
    from wiretrace.corpus.postgres.store import PostgresStore

    store = PostgresStore(url)
    store.drop()
    store.close()
