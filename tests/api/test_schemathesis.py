"""Property-based API testing: schemathesis generates requests from the OpenAPI schema (valid and
invalid) against the app over a real corpus; no request may get a 5xx."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from api.conftest import TOKEN
from api.conftest import settings as api_settings
from wiretrace.api.app import create_app

pytestmark = pytest.mark.slow


def test_schemathesis_no_server_errors(corpus_url: str, tmp_path: Path) -> None:
    # On a copy: the fuzzer holds the token, so its writes (ingest, delete) must not reach the corpus
    # the other API tests share.
    copy = tmp_path / "fuzzed.db"
    with sqlite3.connect(corpus_url.removeprefix("sqlite:///")) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    # Rate limit off (the fuzzer sends many analyse requests); small bodies keep each analysis quick.
    app = create_app(api_settings(rate_limit=0, max_body_bytes=20_000), f"sqlite:///{copy}")
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    headers = {"authorization": f"Bearer {TOKEN}"}
    seen = 0
    # Driven by Hypothesis directly, one operation at a time (schemathesis' pytest plugin does not load
    # on this pytest); every generated request, valid or not, must get an answer below 500.
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=12,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        def run(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=[not_a_server_error])

        run()
        seen += 1
    assert seen >= 10
