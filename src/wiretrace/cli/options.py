"""The one mapping from CLI flags onto ``Settings`` (shared by every command)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

import typer

from wiretrace.errors import WiretraceError
from wiretrace.model import Analysis, Failure
from wiretrace.output import Format, write_results
from wiretrace.settings import Settings


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
    typer.echo(f"wiretrace: {message}", err=True)
    raise typer.Exit(code)


def fail_on(exc: WiretraceError) -> NoReturn:
    fail(str(exc))


def stderr_is_tty() -> bool:
    return sys.stderr.isatty()


def emit(results: Iterable[Analysis | Failure], fmt: Format, output: Path | None) -> None:
    """Write results to ``output`` (or stdout); exit 1 when any document failed, 2 on a fatal error."""
    try:
        stream = output.open("w", encoding="utf-8") if output else None
        try:
            _ok, failed = write_results(results, fmt, stream)
        finally:
            if stream:
                stream.close()
    except WiretraceError as exc:
        fail_on(exc)
    except OSError as exc:
        fail(f"cannot write output: {exc}")
    if failed:
        raise typer.Exit(1)
