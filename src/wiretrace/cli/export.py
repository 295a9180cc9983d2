"""``wiretrace export``: a stored table as JSONL, CSV or Parquet, written atomically."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from wiretrace.cli.corpus_options import DbOpt, opened
from wiretrace.service.export import ExportFormat


class Table(StrEnum):
    articles = "articles"
    quotes = "quotes"
    flags = "flags"
    matches = "matches"
    entities = "entities"


def export_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.", dir_okay=False)],
    table: Annotated[Table, typer.Option("--table", "-t", help="Which table.")] = Table.articles,
    to: Annotated[ExportFormat, typer.Option("--to", help="File format.")] = ExportFormat.jsonl,
    db: DbOpt = None,
) -> None:
    """Export articles, quotes, flags, matches or entities as a flat table (columns: docs/corpus.md).

    The file is written under a temporary name beside OUTPUT and renamed when complete, so a reader
    never sees a partial export and a failed one leaves an earlier file untouched.

    Example:

    \b
        wiretrace export --db news.db --table quotes --to parquet -o quotes.parquet
    """
    from wiretrace import service

    with opened(db, read_only=True) as store:
        report = service.export(store, table.value, to, output)
    typer.echo(f"{report.path}: {report.rows} {report.table} rows", err=True)


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)
