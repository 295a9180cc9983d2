"""Full-text search on PostgreSQL: the stored tsvector, each word or phrase a ``phraseto_tsquery``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wiretrace.corpus.search_terms import SNIPPET_CLOSE, SNIPPET_OPEN, filters, terms
from wiretrace.corpus.types import SearchHit, SearchQuery

if TYPE_CHECKING:
    from wiretrace.corpus.postgres.store import PostgresStore

_COLUMNS = "a.id, a.title, a.outlet, a.published, a.url"
_HEADLINE_CHARS = 20_000  # headlines are cut from the start of long texts: ts_headline is costly


def search(store: PostgresStore, q: SearchQuery) -> list[SearchHit]:
    where, params = filters(q, store._date_in)
    words = terms(q.text)
    if words:
        tsquery = " && ".join(["phraseto_tsquery('simple', ?)"] * len(words))
        # Rank and limit first, then make headlines for the page of hits only.
        sql = (
            f"SELECT id, title, outlet, published, url, score,"
            f" ts_headline('simple', left(text, {_HEADLINE_CHARS}), query, ?) FROM ("
            f"SELECT {_COLUMNS}, a.text, qq.query, ts_rank_cd(a.tsv, qq.query, 1) AS score"
            f" FROM articles a, (SELECT {tsquery} AS query) qq"
            f" WHERE a.tsv @@ qq.query AND {where} ORDER BY score DESC, a.doc LIMIT ? OFFSET ?) hits"
            " ORDER BY score DESC"
        )
        options = f"StartSel={SNIPPET_OPEN}, StopSel={SNIPPET_CLOSE}, MaxWords=24, MinWords=8"
        args = [options, *words, *params, q.limit, q.offset]
    elif q.text.strip():
        return []
    else:
        sql = (
            f"SELECT {_COLUMNS}, 0.0, substr(a.text, 1, 160) FROM articles a WHERE {where}"
            " ORDER BY a.published DESC NULLS LAST, a.doc DESC LIMIT ? OFFSET ?"
        )
        args = [*params, q.limit, q.offset]
    return [
        SearchHit(r[0], r[1], r[2], store._date_out(r[3]), r[4], float(r[5]), r[6])
        for r in store._query(sql, args)
    ]
