"""``wiretrace stats``: what the store holds."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from wiretrace.cli.corpus_options import DbOpt, FormatOpt, QueryFormat, opened


def stats_command(
    db: DbOpt = None,
    fmt: FormatOpt = QueryFormat.text,
    check: Annotated[bool, typer.Option("--check", help="Also run the store's integrity check.")] = False,
) -> None:
    """Counts of articles, analyses, quotes, entities, flags, matches and failures; dates; size.

    `--format json` prints one object with at least `{"articles": N}`. With `--check`, the store's
    integrity check runs too, and the exit code is 1 when it finds a problem.

    Example:

    \b
        wiretrace stats --db sqlite:///news.db --format json
    """
    from wiretrace import service

    with opened(db, read_only=not check) as store:
        stats = service.stats(store)
        problems = store.check() if check else []
    if check:
        stats["integrity"] = problems or "ok"
    if fmt is QueryFormat.text:
        for key, value in stats.items():
            typer.echo(f"{key:<16} {value if value is not None else '-'}")
    else:
        typer.echo(json.dumps(stats, ensure_ascii=False))
    if problems:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("stats")(stats_command)
