"""``wiretrace failures``: the documents that could not be read, extracted or analysed."""

from __future__ import annotations

from typing import Annotated

import typer

from wiretrace.cli.corpus_options import DbOpt, FormatOpt, QueryFormat, opened, print_rows


def failures_command(
    db: DbOpt = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Most failures to list.")] = None,
    fmt: FormatOpt = QueryFormat.text,
) -> None:
    """List recorded failures, most recent first: one per document, with its code and attempts.

    Example:

    \b
        wiretrace failures --db news.db --format jsonl
    """
    from wiretrace import service

    with opened(db, read_only=True) as store:
        rows = service.failures(store, limit=limit)
    print_rows(
        rows,
        fmt,
        lambda f: (
            f"{f.last_seen}  {f.code}  {f.source}{'  ' + f.article_id if f.article_id else ''}: "
            f"{f.error} (x{f.attempts})"
        ),
    )


def register(app: typer.Typer) -> None:
    app.command("failures")(failures_command)
