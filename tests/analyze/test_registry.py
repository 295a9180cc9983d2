"""The stage registry: lookups by name and family, and pipelines that fail fast when mis-ordered."""

from __future__ import annotations

import pytest

from wiretrace.analyze.pipeline import DEFAULT_STAGES, Pipeline
from wiretrace.analyze.registry import check_order, get_stage, registered
from wiretrace.errors import PipelineError


def test_registry_default_stages_are_registered_and_ordered() -> None:
    stages = [get_stage(n) for n in DEFAULT_STAGES]
    check_order(stages)
    assert all(".v" in s.name for s in stages)


def test_registry_unknown_stage_names_the_known_ones() -> None:
    with pytest.raises(PipelineError, match="registered stages"):
        get_stage("no_such_stage")


def test_registry_unmet_requires_fails_before_running() -> None:
    with pytest.raises(PipelineError, match="requires"):
        Pipeline(stages=("speakers",))


def test_registry_every_stage_is_documented() -> None:
    from pathlib import Path

    docs = (Path(__file__).parents[2] / "docs" / "stages.md").read_text(encoding="utf-8")
    missing = [s.name for s in registered() if f"`{s.name}`" not in docs]
    assert not missing, f"stages missing from docs/stages.md: {missing}"
