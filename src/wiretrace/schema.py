"""The versioned JSON Schema of ``Analysis``, generated from the model and checked into the repo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wiretrace.model import SCHEMA_VERSION, Analysis

SCHEMA_PATH = Path(__file__).parent / "schema" / "analysis.schema.json"


def analysis_schema() -> dict[str, Any]:
    schema = Analysis.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://wiretrace.dev/schema/analysis-{SCHEMA_VERSION}.json"
    return schema
