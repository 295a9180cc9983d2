"""Write an output file without ever truncating what is there: a temporary file, then a rename.

Opening ``-o X`` for writing before the inputs are read emptied ``X`` when it was also the input (or the
index being queried). Here the old file stays untouched until the new one is complete, and an output
that names an input or an existing database is refused outright.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from wiretrace.errors import OutputError

_SQLITE_MAGIC = b"SQLite format 3\x00"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return a.resolve() == b.resolve()


def refuse_unsafe_output(output: Path, inputs: Iterable[str | Path]) -> None:
    """Raise ``OutputError`` when ``output`` is one of ``inputs`` or an existing SQLite database."""
    for source in inputs:
        if str(source) == "-" or "://" in str(source):
            continue
        if _same_file(output, Path(source)):
            raise OutputError(f"{output}: the output is also an input; choose another file")
    if output.is_file():
        with output.open("rb") as f:
            if f.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC:
                raise OutputError(f"{output}: is a database (an index or store); it will not be overwritten")


@contextmanager
def atomic_output(path: Path) -> Iterator[TextIO]:
    """A text stream that replaces ``path`` when the block ends without an exception."""
    parent = path.parent if str(path.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file 0600; give it the mode a plain open() would have.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
