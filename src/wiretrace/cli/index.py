"""``wiretrace index add`` / ``wiretrace index stats``: build and inspect the reuse index."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from wiretrace.cli.options import build_settings, fail_on
from wiretrace.errors import WiretraceError

index_app = typer.Typer(
    name="index",
    help="Build and inspect the reuse index that `wiretrace trace` looks passages up in.",
    no_args_is_help=True,
)

IndexOpt = Annotated[
    Path | None,
    typer.Option(
        "--index",
        "-i",
        help="Index file (SQLite). Default: settings reuse.index_path (WIRETRACE_REUSE__INDEX_PATH).",
        dir_okay=False,
    ),
]


@index_app.command("add")
def add_command(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories or - for stdin, as `wiretrace analyze` reads them.", show_default=False
        ),
    ],
    index: IndexOpt = None,
) -> None:
    """Add articles to the reuse index, creating it if needed.

    Adding an article that is already there changes nothing, so an interrupted add can simply be run
    again. An article's id is its record's own ``id`` when it has one, else a stable id from its url or
    text. Bad records are reported one line each on stderr (and kept in the index's failure table);
    the exit code is then 1, but every good record is still added.

    Example:

    \b
        wiretrace index add corpus.jsonl wires/ --index news.db
    """
    from wiretrace.extract import iter_articles
    from wiretrace.output import failure_line
    from wiretrace.output.progress import progress
    from wiretrace.reuse.index import Index

    settings = build_settings()
    path = index or Path(settings.reuse.index_path)
    try:
        with Index.open(path, settings.reuse) as idx:
            report = idx.add_many(progress(iter_articles(sources), label="indexing"))
            total = idx.stats()["articles"]
    except WiretraceError as exc:
        fail_on(exc)
    for failure in report.failures:
        typer.echo(failure_line(failure), err=True)
    typer.echo(
        f"{path}: {report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
        f"{len(report.failures)} failed; {total} articles in the index",
        err=True,
    )
    if report.failures:
        raise typer.Exit(1)


@index_app.command("stats")
def stats_command(
    index: IndexOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the numbers as one JSON object.")] = False,
) -> None:
    """How many articles the index holds, their date range, its size on disk and recorded failures.

    Example:

    \b
        wiretrace index stats --index news.db
    """
    from wiretrace.reuse.index import Index

    settings = build_settings()
    path = index or Path(settings.reuse.index_path)
    try:
        with Index.open(path, settings.reuse, create=False) as idx:
            stats = idx.stats()
    except WiretraceError as exc:
        fail_on(exc)
    if as_json:
        typer.echo(json.dumps(stats))
        return
    for key, value in stats.items():
        typer.echo(f"{key:<20} {value if value is not None else '-'}")


def register(app: typer.Typer) -> None:
    app.add_typer(index_app, name="index")
