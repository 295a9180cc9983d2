"""Stage versions that change with the data they read: the quote, speaker and entity lexicons and the
built-in alias table, so results stored under an older list are never taken for current ones."""

from __future__ import annotations

from functools import cache
from importlib import resources

import xxhash

from wiretrace import lexicons

_PREFIXES = ("quotes_", "speakers_", "entities_")


@cache
def data_hash() -> str:
    """A short digest of this area's lexicons and the built-in alias table."""
    h = xxhash.xxh3_64()
    for name in lexicons.names():
        if name.startswith(_PREFIXES):
            h.update(name.encode())
            for item in lexicons.entries(name):
                h.update(b"\0" + item.encode("utf-8"))
    h.update((resources.files("wiretrace.data") / "aliases.json").read_bytes())
    return h.hexdigest()[:8]


def versioned(name: str) -> str:
    """``speakers.v2`` -> ``speakers.v2+1a2b3c4d``."""
    return f"{name}+{data_hash()}"
