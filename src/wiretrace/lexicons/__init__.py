"""Word lists as data: one ``<name>.txt`` file per lexicon in this folder, one entry a line.

Blank lines and lines starting with ``#`` are ignored; an entry may hold spaces ("according to").
Logic modules load a lexicon by name instead of defining lists in code, so each list exists once and
``lexicon_hash()`` can fold their content into stage and fingerprint versions: a changed list changes
the version that stored results carry. ``tests/lexicons/test_lexicons.py`` rejects duplicate entries.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import xxhash

_PACKAGE = "wiretrace.lexicons"


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of lexicon ``name`` in file order (cached: lexicons are immutable package data)."""
    resource = resources.files(_PACKAGE) / f"{name}.txt"
    if not resource.is_file():
        raise KeyError(f"no lexicon named {name!r} in {_PACKAGE}")
    out: list[str] = []
    for line in resource.read_text(encoding="utf-8").splitlines():
        item = line.strip()
        if item and not item.startswith("#"):
            out.append(item)
    return tuple(out)


def load(name: str) -> frozenset[str]:
    """Lexicon ``name`` as a set, for membership tests."""
    return _as_set(name)


@cache
def _as_set(name: str) -> frozenset[str]:
    return frozenset(entries(name))


def names() -> list[str]:
    """Every lexicon shipped in the package."""
    return sorted(
        p.name.removesuffix(".txt") for p in resources.files(_PACKAGE).iterdir() if p.name.endswith(".txt")
    )


@cache
def lexicon_hash() -> str:
    """A short digest of every lexicon's content: part of stage and fingerprint versions."""
    h = xxhash.xxh3_64()
    for name in names():
        h.update(name.encode())
        for item in entries(name):
            h.update(b"\0" + item.encode("utf-8"))
    return h.hexdigest()[:8]
