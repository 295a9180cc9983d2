"""``wiretrace quotes``: the stored quotes of one speaker."""

from __future__ import annotations

from typing import Annotated

import typer

from wiretrace.cli.corpus_options import DbOpt, FormatOpt, QueryFormat, opened, print_rows
from wiretrace.cli.search import _date


def quotes_command(
    speaker: Annotated[str, typer.Option("--speaker", "-s", help="Speaker name, or part of it (any case).")],
    db: DbOpt = None,
    since: Annotated[str | None, typer.Option(help="Articles published on or after this ISO date.")] = None,
    until: Annotated[str | None, typer.Option(help="Articles published on or before this ISO date.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Most quotes to show.")] = 100,
    fmt: FormatOpt = QueryFormat.text,
) -> None:
    """Every stored quote attributed to a speaker, newest article first, with kind, cue and outlet.

    Example:

    \b
        wiretrace quotes --speaker "Ilse Dorn" --since 2031-04-01 --db news.db
    """
    from wiretrace import service

    with opened(db, read_only=True) as store:
        rows = service.quotes_by(
            store, speaker, since=_date(since, "--since"), until=_date(until, "--until"), limit=limit
        )
    print_rows(
        rows,
        fmt,
        lambda q: (
            f"{q.published or '-'}  {q.outlet or '-'}  {q.article_id}  {q.speaker} ({q.kind}"
            f"{', ' + q.cue if q.cue else ''}): \u201c{q.text}\u201d"
        ),
    )


def register(app: typer.Typer) -> None:
    app.command("quotes")(quotes_command)
