"""Store fixtures: every test here runs on SQLite, and on PostgreSQL too when
``WIRETRACE_TEST_POSTGRES_URL`` names a server (``.ci/run`` starts one); each PostgreSQL test gets
its own schema, dropped afterwards."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from wiretrace.corpus.store import Store, open_store

PG_URL = os.environ.get("WIRETRACE_TEST_POSTGRES_URL")
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres", marks=pytest.mark.skipif(not PG_URL, reason="WIRETRACE_TEST_POSTGRES_URL is not set")
    ),
]


def pg_url(schema: str) -> str:
    assert PG_URL
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}schema={schema}"


def drop_pg(url: str) -> None:
    from wiretrace.corpus.postgres.store import PostgresStore

    store = PostgresStore(url)
    store.drop()
    store.close()


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    url = pg_url(f"t_{uuid.uuid4().hex[:12]}")
    yield url
    drop_pg(url)


@pytest.fixture()
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.close()
