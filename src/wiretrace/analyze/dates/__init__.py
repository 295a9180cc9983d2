"""Date expressions: the surface grammar (``grammar``), calendar arithmetic (``calendar``) and the
grammatical decisions read from the parse (``syntax``). ``analyze/temporal.py`` resolves one
expression; ``analyze/stages/dates.py`` runs the whole article.

The stage version carries a digest of the ``dates_*`` lexicons, so results stored under an older
word list are never taken for current ones.
"""

from __future__ import annotations

from functools import cache

import xxhash

from wiretrace import lexicons


@cache
def data_hash() -> str:
    """A short digest of the ``dates_*`` lexicons."""
    h = xxhash.xxh3_64()
    for name in lexicons.names():
        if name.startswith("dates_"):
            h.update(name.encode())
            for item in lexicons.entries(name):
                h.update(b"\0" + item.encode("utf-8"))
    return h.hexdigest()[:8]
