"""``wiretrace index add`` / ``wiretrace index stats``: build and inspect the reuse index in a store."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from wiretrace.cli.corpus_options import DbOpt, opened
from wiretrace.cli.options import KindOpt, build_settings, fail_on
from wiretrace.errors import WiretraceError

index_app = typer.Typer(
    name="index",
    help="Build and inspect the reuse index that `wiretrace trace` looks passages up in.",
    no_args_is_help=True,
)

# The older name of the store option; both spell --db / --index.
IndexOpt = DbOpt


@index_app.command("add")
def add_command(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories or - for stdin, as `wiretrace analyze` reads them.", show_default=False
        ),
    ],
    db: DbOpt = None,
    kind: KindOpt = None,
) -> None:
    """Add articles to the reuse index (a store), creating it if needed, without analysing them.

    Adding an article that is already there changes nothing, so an interrupted add can simply be run
    again. An article's id is its record's own ``id`` when it has one, else a stable id from its url or
    text. Bad records are reported one line each on stderr (and kept in the store's failure table);
    the exit code is then 1, but every good record is still added.

    Example:

    \b
        wiretrace index add corpus.jsonl wires/ --db news.db
    """
    from wiretrace import service
    from wiretrace.output import failure_line

    settings = build_settings()
    with opened(db, create=True) as store:
        try:
            report = service.index(store, sources, settings, kind=kind)
        except WiretraceError as exc:
            fail_on(exc)
        total = store.stats()["articles"]
    for failure in report.failures:
        typer.echo(failure_line(failure), err=True)
    typer.echo(f"{store.url}: {report.summary()}; {total} articles in the index", err=True)
    if report.failures:
        raise typer.Exit(1)


@index_app.command("stats")
def stats_command(
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the numbers as one JSON object.")] = False,
) -> None:
    """How many articles the index holds, their date range, its size and recorded failures.

    Example:

    \b
        wiretrace index stats --db news.db
    """
    from wiretrace import service

    with opened(db, read_only=True) as store:
        stats = service.stats(store)
    if as_json:
        typer.echo(json.dumps(stats))
        return
    for key, value in stats.items():
        typer.echo(f"{key:<20} {value if value is not None else '-'}")


def register(app: typer.Typer) -> None:
    app.add_typer(index_app, name="index")
