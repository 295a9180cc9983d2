"""URL lists (one URL a line, ``#`` comments) and single URLs given as a source."""

from __future__ import annotations

import re
from collections.abc import Iterator

from wiretrace.ingest.raw import UrlRef

_URL = re.compile(r"^https?://\S+$", re.I)


def is_url(source: str) -> bool:
    return bool(_URL.match(source.strip()))


def looks_like_url_list(lines: list[bytes]) -> bool:
    """Every non-comment line of the head is an http(s) URL, and there is at least one."""
    urls = 0
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith(b"#"):
            continue
        try:
            if not is_url(line.decode("utf-8")):
                return False
        except UnicodeDecodeError:
            return False
        urls += 1
    return urls > 0


def read_url_list(lines: Iterator[bytes | None], source: str) -> Iterator[UrlRef]:
    for n, raw in enumerate(lines, 1):
        if raw is None:
            continue
        line = raw.decode("utf-8", errors="replace").strip()
        if line and not line.startswith("#"):
            yield UrlRef(line, f"{source}:{n}", {"url": line})
