"""The one mapping from CLI flags onto ``Settings`` (shared by every command)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from wiretrace.errors import WiretraceError
from wiretrace.model import Analysis, Failure
from wiretrace.output import Format, write_results
from wiretrace.settings import Settings

# The input kind override, the same on every command that reads sources (ingest, analyze, index add).
KindOpt = Annotated[
    str | None,
    typer.Option("--kind", help="Read every source as this kind (jsonl, csv, warc, feed, html, text, ...)."),
]


def build_settings(*, model: str | None = None, anchor: str | None = None) -> Settings:
    """Defaults, then environment variables, then the flags a command was given."""
    overrides: dict[str, Any] = {}
    if model:
        overrides.setdefault("nlp", {})["model"] = model
    if anchor:
        overrides.setdefault("dates", {})["anchor"] = anchor
    try:
        return Settings.from_env(**overrides)
    except ValueError as exc:
        fail(f"invalid settings: {exc}")


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one line to stderr and exit non-zero."""
    from wiretrace.output.terminal import clean

    typer.echo(f"wiretrace: {clean(message)}", err=True)
    raise typer.Exit(code)


def fail_on(exc: WiretraceError) -> NoReturn:
    fail(str(exc))


def stderr_is_tty() -> bool:
    return sys.stderr.isatty()


def emit(
    results: Iterable[Analysis | Failure],
    fmt: Format,
    output: Path | None,
    *,
    inputs: Iterable[str | Path] = (),
) -> None:
    """Write results to ``output`` (or stdout); exit 1 when any document failed, 2 on a fatal error.

    ``output`` is written to a temporary file beside it and renamed over it only when every result is
    written, so neither an interrupted run nor a failing one truncates what was there. An output that is
    one of ``inputs`` or an existing database (an index or store) is refused before anything is read.
    """
    from wiretrace.output.atomic import atomic_output, refuse_unsafe_output

    try:
        if output is None:
            _ok, failed = write_results(results, fmt)
        else:
            refuse_unsafe_output(output, inputs)
            with atomic_output(output) as stream:
                _ok, failed = write_results(results, fmt, stream)
    except WiretraceError as exc:
        fail_on(exc)
    except OSError as exc:
        fail(f"cannot write output: {exc}")
    if failed:
        raise typer.Exit(1)
