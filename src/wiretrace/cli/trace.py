"""``wiretrace trace``: where each passage of an article came from, looked up in a store's reuse index."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wiretrace.cli.corpus_options import DbOpt, opened
from wiretrace.cli.options import build_settings, emit
from wiretrace.output import Format


def trace_command(
    articles: Annotated[
        list[str],
        typer.Argument(help="Articles to trace: files, directories or - for stdin.", show_default=False),
    ],
    db: DbOpt = None,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="text report, one JSON Analysis, or JSONL.")
    ] = Format.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.", dir_okay=False)
    ] = None,
    full: Annotated[
        bool,
        typer.Option("--full", help="Also run the whole analysis (quotes, entities, flags) on each article."),
    ] = False,
) -> None:
    """Trace every passage of each article to the indexed articles it was copied or reworded from.

    For each passage: the source article id, the aligned source span, similarity, and what changed
    (verbatim, spun with the substituted terms, reworded, clauses dropped or added, sentences reordered
    or merged). When several sources carry the passage, all are listed, earliest published first. An
    article that is itself in the index never matches itself: `indexed_as` names it instead.

    Example:

    \b
        wiretrace index add corpus.jsonl --db news.db
        wiretrace trace suspicious.txt --db news.db --format json
    """
    from wiretrace import service
    from wiretrace.extract import iter_articles

    settings = build_settings()
    with opened(db, read_only=True) as store:
        emit(service.trace(store, iter_articles(articles), settings, full=full), fmt, output, inputs=articles)


def register(app: typer.Typer) -> None:
    app.command("trace")(trace_command)
