"""A progress display on stderr for long batches; silent when stderr is not a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def progress(items: Iterable[T], *, enabled: bool = True, label: str = "articles") -> Iterator[T]:
    """Yield ``items`` unchanged while counting them on stderr (totals are unknown for streams)."""
    if not enabled or not sys.stderr.isatty():
        yield from items
        return
    from rich.console import Console
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from wiretrace.output.terminal import clean

    label = clean(label)
    columns = (SpinnerColumn(), TextColumn(label, markup=False), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)
        for item in items:
            yield item
            bar.advance(task)
