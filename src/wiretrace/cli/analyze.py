"""``wiretrace analyze``: read articles, run the analysis, print a report or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wiretrace.cli.options import KindOpt, build_settings, emit, fail_on
from wiretrace.errors import WiretraceError
from wiretrace.output import Format


def analyze_command(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories or - for stdin: plain text, HTML, a JSON record or a JSONL file of records.",  # noqa: E501
            show_default=False,
        ),
    ],
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="text report, one JSON Analysis, or JSONL.")
    ] = (Format.text),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.", dir_okay=False)
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option("--exclude", "-x", help="Skip a stage by name (repeatable).")
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline package to use.")] = None,
    anchor: Annotated[
        str | None, typer.Option(help="ISO date for relative dates when an article has no publication date.")
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            "-w",
            min=0,
            help="Processes to analyse with; 0 (the default) uses every core. Small batches run in one.",
        ),
    ] = None,
    kind: KindOpt = None,
) -> None:
    """Analyse articles: quotes with speakers, entities, dates, and what does not belong.

    A bad document in a batch is reported on stderr (and as an error line in JSONL) while the others
    still come out; the exit code is 1 when any document failed, 2 when a source cannot be read at all.

    Example:

    \b
        wiretrace analyze examples/stitched-harbour-deal.txt
        wiretrace analyze articles.jsonl --format jsonl -o analyses.jsonl
    """
    from wiretrace.analyze.pipeline import DEFAULT_STAGES, Pipeline
    from wiretrace.extract import iter_articles
    from wiretrace.nlp import one_blas_thread
    from wiretrace.output.progress import progress
    from wiretrace.runners.local import analyze_parallel

    one_blas_thread()
    settings = build_settings(model=model, anchor=anchor)
    if workers is not None:
        settings = settings.model_copy(
            update={"runner": settings.runner.model_copy(update={"workers": workers})}
        )
    skip = tuple(exclude or ())
    try:
        Pipeline(settings, stages=DEFAULT_STAGES, exclude=skip)  # fail fast on unknown stages, no model load
    except WiretraceError as exc:
        fail_on(exc)
    from wiretrace.ingest import ReadContext

    reading = ReadContext(ingest=settings.ingest, fetch=settings.fetch)  # caps and the fetch guard
    items = progress(
        iter_articles(sources, kind=kind, context=reading),
        enabled=fmt is not Format.text or output is not None,
    )
    emit(
        analyze_parallel(
            items, settings, stages=DEFAULT_STAGES, exclude=skip, workers=settings.runner.workers
        ),
        fmt,
        output,
        inputs=sources,
    )


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze_command)
