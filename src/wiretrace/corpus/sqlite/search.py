"""Full-text search on SQLite: FTS5 over title and text, ranked by BM25 (title weighted 5:1)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wiretrace.corpus.search_terms import SNIPPET_CLOSE, SNIPPET_OPEN, filters, terms
from wiretrace.corpus.types import SearchHit, SearchQuery

if TYPE_CHECKING:
    from wiretrace.corpus.sqlite.store import SqliteStore

_COLUMNS = "a.id, a.title, a.outlet, a.published, a.url"


def fts_query(text: str) -> str:
    """Each word or phrase as an FTS5 string (doubled quotes inside), all required."""
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms(text))


def search(store: SqliteStore, q: SearchQuery) -> list[SearchHit]:
    where, params = filters(q, store._date_in)
    match = fts_query(q.text)
    if match:
        sql = (
            f"SELECT {_COLUMNS}, -bm25(articles_fts, 5.0, 1.0),"
            f" snippet(articles_fts, 1, ?, ?, '…', 16)"
            " FROM articles_fts JOIN articles a ON a.doc = articles_fts.rowid"
            f" WHERE articles_fts MATCH ? AND {where} ORDER BY bm25(articles_fts, 5.0, 1.0) LIMIT ? OFFSET ?"
        )
        args = [SNIPPET_OPEN, SNIPPET_CLOSE, match, *params, q.limit, q.offset]
    elif q.text.strip():
        return []  # only punctuation: nothing can match
    else:
        sql = (
            f"SELECT {_COLUMNS}, 0.0, substr(a.text, 1, 160) FROM articles a WHERE {where}"
            " ORDER BY a.published DESC, a.doc DESC LIMIT ? OFFSET ?"
        )
        args = [*params, q.limit, q.offset]
    return [
        SearchHit(r[0], r[1], r[2], store._date_out(r[3]), r[4], float(r[5]), r[6])
        for r in store._query(sql, args)
    ]
