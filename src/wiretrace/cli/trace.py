"""``wiretrace trace``: where each passage of an article came from, looked up in a reuse index."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wiretrace.cli.index import IndexOpt
from wiretrace.cli.options import build_settings, emit, fail_on
from wiretrace.errors import WiretraceError
from wiretrace.output import Format

if TYPE_CHECKING:
    from wiretrace.analyze.pipeline import Pipeline
    from wiretrace.model import Analysis, Article, Failure
    from wiretrace.reuse.index import Index


def trace_command(
    articles: Annotated[
        list[str],
        typer.Argument(help="Articles to trace: files, directories or - for stdin.", show_default=False),
    ],
    index: IndexOpt = None,
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
    or merged). When several sources carry the passage, all are listed, earliest published first.

    Example:

    \b
        wiretrace index add corpus.jsonl --index news.db
        wiretrace trace suspicious.txt --index news.db --format json
    """
    from wiretrace.extract import iter_articles
    from wiretrace.reuse.index import Index

    settings = build_settings()
    path = index or Path(settings.reuse.index_path)
    try:
        with Index.open(path, settings.reuse, create=False) as idx:
            pipeline = None
            if full:
                from wiretrace.analyze.pipeline import Pipeline

                pipeline = Pipeline(settings)
            emit(_traced(idx, iter_articles(articles), pipeline), fmt, output, inputs=[*articles, path])
    except WiretraceError as exc:
        fail_on(exc)


def _traced(
    idx: Index, items: Iterator[Article | Failure], pipeline: Pipeline | None
) -> Iterator[Analysis | Failure]:
    """Trace each article (a bad one becomes a ``Failure`` and the batch goes on)."""
    from wiretrace.model import Analysis, Failure

    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        try:
            matches = idx.trace(item)
            if pipeline is not None:
                yield pipeline.analyze(item, matches=matches)
            else:
                yield Analysis(article=item, stages=["reuse.v1"], matches=matches)
        except WiretraceError as exc:
            yield Failure(id=item.id, source=item.url or item.id, error=exc.message, code=exc.code)


def register(app: typer.Typer) -> None:
    app.command("trace")(trace_command)
