"""``wiretrace show``: one stored article's analysis, printed as ``analyze`` prints it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wiretrace.cli.corpus_options import DbOpt, opened
from wiretrace.cli.options import emit, fail
from wiretrace.output import Format


def show_command(
    article_id: Annotated[str, typer.Argument(help="The article's id.", show_default=False)],
    db: DbOpt = None,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="text report, one JSON Analysis, or JSONL.")
    ] = Format.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.", dir_okay=False)
    ] = None,
) -> None:
    """Show the stored analysis of one article (quotes, entities, flags, matches), as `analyze` shows it.

    An article stored without analysis (ingested with --no-analysis) is shown with its text only.

    Example:

    \b
        wiretrace show tidewater-001 --db news.db --format json
    """
    from wiretrace import service
    from wiretrace.model import Analysis

    with opened(db, read_only=True) as store:
        analysis = service.get_analysis(store, article_id)
        if analysis is None:
            article = service.get_article(store, article_id)
            if article is None:
                fail(f"{store.url}: no article with id {article_id!r}", code=1)
            analysis = Analysis(article=article)
    emit([analysis], fmt, output)


def register(app: typer.Typer) -> None:
    app.command("show")(show_command)
