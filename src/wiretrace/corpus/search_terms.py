"""A search text as words and phrases, and the filters as SQL: shared by both backends' search.

The user's text never reaches a query language: it is split into word characters here and each word
or phrase is bound as a parameter (FTS5 phrase strings, ``phraseto_tsquery`` arguments), so quotes,
operators and column filters in it are just characters.
"""

from __future__ import annotations

import re
from typing import Any

from wiretrace.corpus.rows import speaker_key
from wiretrace.corpus.types import SearchQuery

_PHRASE = re.compile(r'"([^"]*)"')
_WORD = re.compile(r"\w+", re.UNICODE)
SNIPPET_OPEN, SNIPPET_CLOSE = "**", "**"


def terms(text: str) -> list[str]:
    """``'ferry "night service" Ostrand'`` -> ``['ferry', 'night service', 'Ostrand']``: each a phrase
    of one or more words that must all occur, in order."""
    out: list[str] = []
    pos = 0
    for m in _PHRASE.finditer(text):
        out += _WORD.findall(text[pos : m.start()])
        phrase = " ".join(_WORD.findall(m.group(1)))
        if phrase:
            out.append(phrase)
        pos = m.end()
    out += _WORD.findall(text[pos:].replace('"', " "))
    return out


def filters(q: SearchQuery, date_in: Any) -> tuple[str, list[Any]]:
    """The WHERE conditions (joined by AND, each on ``articles a``) and their parameters."""
    from wiretrace.corpus.common import like_pattern

    where: list[str] = []
    params: list[Any] = []
    if q.outlet:
        where.append("lower(a.outlet) = lower(?)")
        params.append(q.outlet)
    if q.since:
        where.append("a.published >= ?")
        params.append(date_in(q.since))
    if q.until:
        where.append("a.published <= ?")
        params.append(date_in(q.until))
    if q.language:
        where.append("a.language = ?")
        params.append(q.language)
    if q.speaker:
        where.append(
            "EXISTS (SELECT 1 FROM quotes q WHERE q.doc = a.doc AND q.speaker_key LIKE ? ESCAPE '\\')"
        )
        params.append(like_pattern(speaker_key(q.speaker)))
    if q.flag:
        where.append("EXISTS (SELECT 1 FROM flags f WHERE f.doc = a.doc AND f.label = ?)")
        params.append(q.flag)
    return " AND ".join(where) or "1 = 1", params
