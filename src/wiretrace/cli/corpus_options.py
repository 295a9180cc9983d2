"""Options and helpers shared by the corpus commands (ingest, search, quotes, show, stats, export, ...)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from wiretrace.cli.options import build_settings, fail_on
from wiretrace.errors import WiretraceError

if TYPE_CHECKING:
    from wiretrace.corpus.store import Store

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        "--index",
        "-i",
        help="Store URL: sqlite:///path, a path, or postgresql://user@host/db. "
        "Default: settings store.url (WIRETRACE_STORE__URL). --index is the older name.",
        show_default=False,
    ),
]


class QueryFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


FormatOpt = Annotated[
    QueryFormat,
    typer.Option("--format", "-f", help="text for people, json (one document) or jsonl (one line a hit)."),
]


@contextmanager
def opened(db: str | None, *, create: bool = False, read_only: bool = False) -> Iterator[Store]:
    """The store the command names, closed afterwards; a store error becomes one line and exit 2."""
    from wiretrace import service

    settings = build_settings()
    try:
        store = service.open_corpus(db, settings, create=create, read_only=read_only)
    except WiretraceError as exc:
        fail_on(exc)
    try:
        yield store
    except WiretraceError as exc:
        fail_on(exc)
    finally:
        store.close()


def plain(value: Any) -> Any:
    """JSON-ready: dates as ISO strings, dataclasses as dicts."""
    import dataclasses
    import datetime as dt

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def print_rows(rows: list[Any], fmt: QueryFormat, text_line: Any) -> None:
    """Rows as JSON, JSONL or one cleaned line each (``text_line(row) -> str``) for a terminal."""
    from wiretrace.output.terminal import clean, escape_json

    # JSON escapes C0 controls itself; escape_json also writes C1 and bidi controls as \uXXXX (#12).
    if fmt is QueryFormat.json:
        typer.echo(escape_json(json.dumps([plain(r) for r in rows], ensure_ascii=False, indent=2)))
    elif fmt is QueryFormat.jsonl:
        for r in rows:
            typer.echo(escape_json(json.dumps(plain(r), ensure_ascii=False)))
    else:
        for r in rows:
            typer.echo(clean(text_line(r)))
