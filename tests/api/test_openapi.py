"""The OpenAPI schema: generated from the models, served at /openapi.json, checked into docs/."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from wiretrace.api.openapi import schema_json

DOCS = Path(__file__).parents[2] / "docs"


def test_openapi_checked_in_schema_matches_the_code() -> None:
    checked_in = (DOCS / "openapi.json").read_text(encoding="utf-8")
    assert checked_in == schema_json(), (
        "docs/openapi.json is stale: .venv/bin/python -m wiretrace.api.openapi > docs/openapi.json"
    )


def test_openapi_is_served_and_lists_every_route(client: TestClient) -> None:
    served = client.get("/openapi.json").json()
    assert served == json.loads(schema_json())
    paths = set(served["paths"])
    assert {"/api/v1/analyze", "/api/v1/search", "/api/v1/articles/{article_id}", "/api/v1/ingest"} <= paths
    assert not [p for p in paths if not p.startswith("/api/v1/")]  # HTML pages stay out of the API schema


def test_openapi_every_route_is_documented_in_api_md() -> None:
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    missing = [p for p in json.loads(schema_json())["paths"] if f"`{p}`" not in text and p not in text]
    assert not missing, f"routes missing from docs/api.md: {missing}"
