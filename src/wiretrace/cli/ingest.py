"""``wiretrace ingest``: read sources into the corpus store, analysed, fingerprinted and searchable."""

from __future__ import annotations

from contextlib import ExitStack
from typing import TYPE_CHECKING, Annotated

import typer

from wiretrace.cli.corpus_options import DbOpt, opened
from wiretrace.cli.options import build_settings, fail, fail_on
from wiretrace.errors import WiretraceError

if TYPE_CHECKING:
    from wiretrace.service import IngestProgress


def ingest_command(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories, URLs or - for stdin: text, HTML, JSON/JSONL, CSV, WARC, feeds, "
            "sitemaps, URL lists.",
            show_default=False,
        ),
    ],
    db: DbOpt = None,
    analysis: Annotated[
        bool, typer.Option("--analysis/--no-analysis", help="Analyse each new article (quotes, flags...).")
    ] = True,
    trace: Annotated[
        bool, typer.Option("--trace", help="Also trace each new article against the articles already stored.")
    ] = False,
    kind: Annotated[
        str | None, typer.Option(help="Read every source as this kind (jsonl, csv, warc, feed, ...).")
    ] = None,
    csv_column: Annotated[
        list[str] | None,
        typer.Option("--csv-column", help="CSV mapping FIELD=COLUMN, e.g. text=body (repeatable)."),
    ] = None,
    allow_private: Annotated[
        bool, typer.Option(help="Allow fetching from private, loopback and link-local addresses.")
    ] = False,
    offline: Annotated[bool, typer.Option(help="Fetch nothing: URL sources and feed links fail.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            "-w",
            min=0,
            help="Local processes to extract, analyse and fingerprint with; 0 (the default) uses every "
            "core, 1 runs in this process. Small inputs run in this process.",
        ),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            help="Run extraction, analysis and fingerprinting on Dask: local:N starts N local worker "
            "processes, tcp://HOST:8786 uses a running scheduler's workers (same wiretrace installed). "
            "The store is written from this process.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Ingest articles into the store: analysed once, stored with their quotes, entities, flags and
    matches as rows, fingerprinted for `wiretrace trace`, indexed for `wiretrace search`.

    Idempotent and resumable: an article is keyed by its id (a record's own `id` is kept) and its
    canonical URL with its content hash, so running the same ingest again, or after it was killed,
    loses and duplicates nothing. Changed content: last write wins (counted as updated). Failures are
    stored once each and listed by `wiretrace failures`; the exit code is then 1.

    Work runs on every core by default (--workers), or on a Dask cluster (--cluster); reading the
    sources and writing the store stay in this process, the one writer. --trace reads the store, so it
    runs in this process. An unreachable scheduler exits 2 with one W060 line.

    Example:

    \b
        wiretrace ingest crawl.warc.gz feeds.txt export.csv --csv-column text=body --db sqlite:///news.db
        wiretrace ingest big.jsonl --cluster tcp://10.0.0.5:8786 --db postgresql://wt@10.0.0.2/news
        wiretrace stats --db sqlite:///news.db
    """
    from wiretrace import service
    from wiretrace.ingest.context import ReadContext
    from wiretrace.output import failure_line
    from wiretrace.runners.workers import open_workers

    settings = build_settings()
    if trace and (cluster or (workers or 0) > 1):
        fail(
            "--trace reads the store while it analyses, so it runs in this process: drop --workers/--cluster"
        )
    columns = dict(settings.ingest.csv_columns)
    for pair in csv_column or ():
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            fail(f"--csv-column wants FIELD=COLUMN, got {pair!r}")
        columns[field.strip()] = column.strip()
    ingest_settings = settings.ingest.model_copy(update={"csv_columns": columns})
    fetch = settings.fetch.model_copy(update={"allow_private": allow_private or settings.fetch.allow_private})
    context = ReadContext(ingest=ingest_settings, fetch=fetch, offline=offline)
    with ExitStack() as stack:
        try:
            # The workers come first, so a bad --cluster fails before the store is created or anything
            # is read; a local pool starts lazily (a small input runs in this process).
            runner = stack.enter_context(
                open_workers(settings, workers=1 if trace else workers, cluster=cluster)
            )
        except WiretraceError as exc:
            fail_on(exc)
        store = stack.enter_context(opened(db, create=True))
        display = stack.enter_context(_Display(enabled=not quiet))
        try:
            report = service.ingest(
                store,
                sources,
                settings,
                analyse=analysis,
                trace=trace,
                progress=display.update,
                kind=kind,
                context=context,
                workers=runner,
            )
        except WiretraceError as exc:
            fail_on(exc)
        total = store.stats()["articles"]
    for failure in report.failures:
        typer.echo(failure_line(failure), err=True)
    rate = report.seen / report.seconds if report.seconds else 0.0
    typer.echo(f"{store.url}: {report.summary()}; {total} articles stored ({rate:.1f} documents/s)", err=True)
    if report.failures:
        raise typer.Exit(1)


class _Display:
    """Rich progress on stderr: documents done (of the total when known), rate and time left."""

    def __init__(self, *, enabled: bool) -> None:
        import sys

        self.enabled = enabled and sys.stderr.isatty()
        self._bar: object | None = None

    def __enter__(self) -> _Display:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("ingesting", markup=False),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}", markup=False),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                TextColumn("{task.fields[counts]}", markup=False),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("ingest", total=None, rate="", counts="")
        return self

    def update(self, state: IngestProgress) -> None:
        if not self.enabled:
            return
        counts = (
            f"{state.added} new, {state.updated} updated, {state.unchanged} unchanged, {state.failed} failed"
        )
        self._progress.update(
            self._task, completed=state.done, total=state.total, rate=f"{state.rate:.0f}/s", counts=counts
        )

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self._progress.stop()


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
