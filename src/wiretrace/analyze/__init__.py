"""Analyze: one spaCy pass, then registered stages, assembled into an ``Analysis``."""

from wiretrace.analyze.pipeline import DEFAULT_STAGES, Pipeline, analyze, analyze_many, default_pipeline
from wiretrace.analyze.registry import Stage, registered, stage

__all__ = [
    "DEFAULT_STAGES",
    "Pipeline",
    "Stage",
    "analyze",
    "analyze_many",
    "default_pipeline",
    "registered",
    "stage",
]
