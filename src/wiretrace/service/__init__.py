"""The service layer: what every interface (CLI, HTTP API, web UI, runners) calls, and nothing below it.

Each function takes plain values and a ``Store`` (open one with ``open_corpus(url)``), returns model
objects or plain dataclasses, and raises only ``WiretraceError`` subclasses. Heavy resources (the spaCy
pipeline, the reuse index) are built once per call, or passed in by a caller that keeps them (a server).

    analyse(items)                       Analysis per article (tracing too when given an index)
    ingest(store, sources)               read, analyse, fingerprint and store; idempotent, resumable
    ingest_items(store, articles)        the same for articles already read (API, runners)
    index(store, sources)                store + fingerprint only (no analysis): `wiretrace index add`
    trace(store, items)                  provenance of articles against the stored ones
    search(store, query)                 full-text search with filters
    quotes_by(store, speaker)            stored quotes of one speaker
    get_article / get_analysis           one stored article or its stored analysis
    delete_articles(store, ids)          remove articles and everything derived from them
    stats(store) / failures(store)       counts; documents that failed
    export(store, table, fmt, path)      a flat table to JSONL / CSV / Parquet (temp file, then rename)
    update_stories(store)                place new articles in stories, regroup quotes (incremental)
    list_stories / get_story             story records; story_assignments: (article id, story id)
    list_quote_groups / get_quote_group  the same statement across articles of one story
"""

from __future__ import annotations

from wiretrace.service.analysis import analyse, build_pipeline, trace
from wiretrace.service.export import ExportFormat, ExportReport, export
from wiretrace.service.ingest import IngestProgress, IngestReport, index, ingest, ingest_items
from wiretrace.service.queries import (
    delete_articles,
    failures,
    get_analysis,
    get_article,
    open_corpus,
    quotes_by,
    search,
    stats,
)
from wiretrace.service.stories import (
    StoriesReport,
    get_quote_group,
    get_story,
    list_quote_groups,
    list_stories,
    story_assignments,
    update_stories,
)

__all__ = [
    "ExportFormat",
    "ExportReport",
    "IngestProgress",
    "IngestReport",
    "StoriesReport",
    "analyse",
    "build_pipeline",
    "delete_articles",
    "export",
    "failures",
    "get_analysis",
    "get_article",
    "get_quote_group",
    "get_story",
    "index",
    "ingest",
    "ingest_items",
    "list_quote_groups",
    "list_stories",
    "open_corpus",
    "quotes_by",
    "search",
    "stats",
    "story_assignments",
    "trace",
    "update_stories",
]
