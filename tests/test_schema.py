"""The checked-in JSON Schema is the one the model generates, and real output validates against it."""

from __future__ import annotations

import json

import jsonschema

from wiretrace.analyze.pipeline import Pipeline
from wiretrace.schema import SCHEMA_PATH, analysis_schema


def test_schema_checked_in_file_matches_model() -> None:
    on_disk = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert on_disk == analysis_schema(), (
        "schema/analysis.schema.json is stale: regenerate it with `wiretrace schema > "
        "src/wiretrace/schema/analysis.schema.json` and bump SCHEMA_VERSION if the shape changed"
    )


def test_schema_validates_real_analysis(pipeline: Pipeline) -> None:
    text = 'Port talks stalled.\n\n"We will not sign," said envoy Mara Quill on Friday.'
    data = json.loads(pipeline.analyze(text).model_dump_json())
    jsonschema.validate(data, analysis_schema())
