"""What the SQLite and PostgreSQL stores share: the write rule, reads, failures, exports, stats.

Both backends speak the same SQL here (``ON CONFLICT``, ``RETURNING``, ``substr``), written with ``?``
placeholders that the PostgreSQL backend turns into ``%s``. Every value is a bound parameter: article
text, ids and queries are untrusted. A backend supplies connections (``_query`` on this thread's reader,
``_transaction`` on the single writer), date conversion and error wrapping; search and migrations are
its own (``sqlite/``, ``postgres/``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol, Self

from wiretrace.corpus.columns import TABLES
from wiretrace.corpus.rows import analysis_rows, speaker_key
from wiretrace.corpus.story_tables import StoryTables
from wiretrace.corpus.types import (
    BatchItem,
    BatchResult,
    DeleteResult,
    FailureRecord,
    FingerprintRow,
    IndexState,
    KnownArticle,
    QuoteRow,
    StoredArticle,
    TableName,
)
from wiretrace.errors import StoreError
from wiretrace.model import Analysis, Article, Failure, Span

CHUNK = 500  # ids per IN list: under SQLite's bound-parameter limit, short enough for PostgreSQL
PAGE = 2000  # articles per page when streaming an export

ARTICLE_COLUMNS = (
    "id, content_hash, text_hash, title, url, canonical_url, outlet, published, language, source, text,"
    " extra, added_at"
)


class Executor(Protocol):
    def run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    def many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def safe(value: str | None) -> str | None:
    """A failure report must be storable even when the bad input is not valid Unicode."""
    return None if value is None else value.encode("utf-8", "backslashreplace").decode("utf-8")


def marks(n: int) -> str:
    return ",".join("?" * n)


def chunks(values: Sequence[Any]) -> Iterator[list[Any]]:
    for i in range(0, len(values), CHUNK):
        yield list(values[i : i + CHUNK])


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, with the user's own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class SqlStore(StoryTables):
    """The backend-independent half of a store. Subclasses set ``url``, ``read_only`` and the hooks."""

    url: str
    read_only: bool

    # -- backend hooks ---------------------------------------------------------------------------------

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[Executor]:
        raise NotImplementedError

    def _date_in(self, value: dt.date | None) -> Any:
        return value.isoformat() if value else None

    def _date_out(self, value: Any) -> dt.date | None:
        if value is None or isinstance(value, dt.date):
            return value
        return dt.date.fromisoformat(str(value))

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.url}: the store is open read-only; nothing was written")

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        raise NotImplementedError

    # -- articles --------------------------------------------------------------------------------------

    def known(
        self,
        ids: Sequence[str],
        canonical_urls: Sequence[str],
        content_hashes: Sequence[str],
        fingerprint_version: str = "",
    ) -> list[KnownArticle]:
        rows = _known(self._query, ids, canonical_urls, content_hashes, fingerprint_version)
        return [KnownArticle(r[0], r[1], r[2], r[3], bool(r[4]), bool(r[5])) for r in rows.values()]

    def write(self, items: Sequence[BatchItem], fingerprint_version: str) -> BatchResult:
        self._writable()
        result = BatchResult()
        if not items:
            return result
        with self._transaction() as tx:
            _write(tx, items, fingerprint_version, result, self._date_in)
        return result

    def delete(self, ids: Sequence[str]) -> DeleteResult:
        self._writable()
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return DeleteResult()
        with self._transaction() as tx:
            deleted, removed = _delete(tx, wanted)
            stories = self._drop_members(tx, deleted)
            if removed:
                _count_removed(tx, removed)
        gone = set(deleted)
        return DeleteResult(
            deleted=tuple(i for i in wanted if i in gone),
            unknown=tuple(i for i in wanted if i not in gone),
            stories_removed=tuple(stories),
        )

    def get_article(self, article_id: str) -> Article | None:
        rows = self._query(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
        return self._article(rows[0]) if rows else None

    def _article(self, r: tuple[Any, ...]) -> Article:
        extra = json.loads(r[11]) if r[11] else {}
        return Article(
            id=r[0],
            text=r[10],
            title=r[3],
            url=r[4],
            outlet=r[6],
            published=self._date_out(r[7]),
            language=r[8],
            source=r[9],
            paragraphs=[Span(start=a, end=b) for a, b in extra.get("paragraphs", [])],
            metadata=extra.get("metadata", {}),
        )

    def get_articles(self, docs: Iterable[int]) -> dict[int, StoredArticle]:
        out: dict[int, StoredArticle] = {}
        for part in chunks(sorted(set(docs))):
            rows = self._query(
                "SELECT doc, id, text, content_hash, text_hash, title, url, canonical_url, outlet, published"
                f" FROM articles WHERE doc IN ({marks(len(part))})",
                part,
            )
            for doc, ident, text, chash, thash, title, url, curl, outlet, published in rows:
                out[doc] = StoredArticle(
                    ident, text, chash, thash, title, url, curl, outlet, self._date_out(published), doc=doc
                )
        return out

    def same_article(self, article_id: str, content_hash: str, text_hash: str | None) -> str | None:
        rows = self._query("SELECT id FROM articles WHERE id = ?", (article_id,))
        if not rows:
            rows = self._query(
                "SELECT id FROM articles WHERE content_hash = ? ORDER BY doc LIMIT 1", (content_hash,)
            )
        if not rows and text_hash:
            rows = self._query(
                "SELECT id FROM articles WHERE text_hash = ? ORDER BY doc LIMIT 1", (text_hash,)
            )
        return str(rows[0][0]) if rows else None

    # -- analyses --------------------------------------------------------------------------------------

    def get_analysis(self, article_id: str) -> Analysis | None:
        rows = self._query(
            "SELECT an.json, a.text FROM analyses an JOIN articles a ON a.doc = an.doc WHERE a.id = ?",
            (article_id,),
        )
        if not rows:
            return None
        data = json.loads(rows[0][0])
        data["article"]["text"] = rows[0][1]
        return Analysis.model_validate(data)

    def quotes_by(
        self, speaker: str, *, since: dt.date | None = None, until: dt.date | None = None, limit: int = 100
    ) -> list[QuoteRow]:
        sql = (
            "SELECT a.id, q.n, q.start_char, q.end_char,"
            " substr(a.text, q.start_char + 1, q.end_char - q.start_char), q.kind, q.speaker, q.speaker_kind,"
            " CASE WHEN q.cue_start IS NULL THEN NULL"
            " ELSE substr(a.text, q.cue_start + 1, q.cue_end - q.cue_start) END,"
            " a.outlet, a.published FROM quotes q JOIN articles a ON a.doc = q.doc"
            " WHERE q.speaker_key LIKE ? ESCAPE '\\'"
        )
        params: list[Any] = [like_pattern(speaker_key(speaker))]
        if since:
            sql += " AND a.published >= ?"
            params.append(self._date_in(since))
        if until:
            sql += " AND a.published <= ?"
            params.append(self._date_in(until))
        sql += " ORDER BY a.published DESC, a.id, q.n LIMIT ?"
        params.append(limit)
        return [
            QuoteRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], self._date_out(r[10]))
            for r in self._query(sql, params)
        ]

    # -- fingerprints ----------------------------------------------------------------------------------

    def index_state(self, version: str) -> IndexState:
        last = self._query("SELECT COALESCE(MAX(doc), 0) FROM fingerprints WHERE version = ?", (version,))
        removed = self.get_meta("fingerprints_removed")
        return IndexState(int(last[0][0]), int(removed or 0))

    def iter_fingerprints(self, version: str, after_doc: int = 0) -> Iterator[FingerprintRow]:
        last = after_doc
        while True:
            rows = self._query(
                "SELECT f.doc, a.id, a.published, f.data FROM fingerprints f JOIN articles a ON a.doc = f.doc"
                " WHERE f.version = ? AND f.doc > ? ORDER BY f.doc LIMIT ?",
                (version, last, 20 * PAGE),
            )
            for doc, ident, published, data in rows:
                yield FingerprintRow(doc, ident, self._date_out(published), bytes(data))
            if len(rows) < 20 * PAGE:
                return
            last = rows[-1][0]

    # -- failures --------------------------------------------------------------------------------------

    def record_failures(self, failures: Sequence[Failure]) -> None:
        if not failures:
            return
        self._writable()
        at = now()
        with self._transaction() as tx:
            tx.many(
                "INSERT INTO failures (source, article_id, code, error, first_seen, last_seen)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source, article_id, code) DO UPDATE SET"
                " error = excluded.error, last_seen = excluded.last_seen, attempts = failures.attempts + 1",
                [(safe(f.source) or "", safe(f.id) or "", f.code, safe(f.error), at, at) for f in failures],
            )

    def failures(self, *, limit: int | None = None) -> list[FailureRecord]:
        rows = self._query(
            "SELECT source, article_id, code, error, first_seen, last_seen, attempts FROM failures"
            " ORDER BY last_seen DESC, n DESC LIMIT ?",
            (limit if limit is not None else 1_000_000_000,),
        )
        return [FailureRecord(r[0], r[1] or None, r[2], r[3], r[4], r[5], int(r[6])) for r in rows]

    # -- meta, stats, export ---------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        rows = self._query("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def set_meta(self, key: str, value: str) -> None:
        self._writable()
        with self._transaction() as tx:
            tx.run(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def stats(self) -> dict[str, Any]:
        q = self._query
        articles, chars, first, last = q(
            "SELECT COUNT(*), COALESCE(SUM(LENGTH(text)), 0), MIN(published), MAX(published) FROM articles"
        )[0]
        counts = {t: int(q(f"SELECT COUNT(*) FROM {t}")[0][0]) for t in _COUNTED}
        outlets = int(q("SELECT COUNT(DISTINCT outlet) FROM articles")[0][0])
        return {
            "url": self.url,
            "articles": int(articles),
            "analysed": counts["analyses"],
            "quotes": counts["quotes"],
            "entities": counts["entities"],
            "flags": counts["flags"],
            "matches": counts["matches"],
            "fingerprints": counts["fingerprints"],
            "failures": counts["failures"],
            "outlets": outlets,
            "text_chars": int(chars),
            "earliest": _iso(self._date_out(first)),
            "latest": _iso(self._date_out(last)),
        }

    def iter_rows(self, table: TableName) -> Iterator[tuple[Any, ...]]:
        if table not in TABLES:
            raise StoreError(f"unknown table {table!r} (tables: {', '.join(TABLES)})")
        sql = _EXPORT_SQL[table]
        dates = [i for i, c in enumerate(TABLES[table]) if c.type == "date"]
        flags = [i for i, c in enumerate(TABLES[table]) if c.type == "bool"]  # SQLite gives 0/1
        last = 0
        while True:
            page = self._query("SELECT doc FROM articles WHERE doc > ? ORDER BY doc LIMIT ?", (last, PAGE))
            if not page:
                return
            lo, hi = page[0][0], page[-1][0]
            for row in self._query(sql, (lo, hi)):
                if dates or flags:
                    row = tuple(
                        self._date_out(v) if i in dates else bool(v) if i in flags and v is not None else v
                        for i, v in enumerate(row)
                    )
                yield row
            last = hi


_COUNTED = ("analyses", "quotes", "entities", "flags", "matches", "fingerprints", "failures")


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _cut(alias: str) -> str:
    return f"substr(a.text, {alias}.start_char + 1, {alias}.end_char - {alias}.start_char)"


_EXPORT_SQL: dict[TableName, str] = {
    "articles": (
        "SELECT a.id, a.title, a.url, a.canonical_url, a.outlet, a.published, a.language, a.source,"
        " LENGTH(a.text), a.content_hash, a.added_at, an.doc IS NOT NULL,"
        " (SELECT COUNT(*) FROM quotes q WHERE q.doc = a.doc),"
        " (SELECT COUNT(*) FROM flags f WHERE f.doc = a.doc),"
        " (SELECT COUNT(*) FROM matches m WHERE m.doc = a.doc), an.verdict"
        " FROM articles a LEFT JOIN analyses an ON an.doc = a.doc WHERE a.doc BETWEEN ? AND ? ORDER BY a.doc"
    ),
    "quotes": (
        f"SELECT a.id, q.n, q.start_char, q.end_char, {_cut('q')}, q.kind, q.speaker, q.speaker_kind,"
        " CASE WHEN q.cue_start IS NULL THEN NULL"
        " ELSE substr(a.text, q.cue_start + 1, q.cue_end - q.cue_start)"
        " END, q.mode, q.confidence, q.nested_in, a.outlet, a.published"
        " FROM quotes q JOIN articles a ON a.doc = q.doc WHERE q.doc BETWEEN ? AND ? ORDER BY q.doc, q.n"
    ),
    "flags": (
        f"SELECT a.id, f.n, f.label, f.start_char, f.end_char, {_cut('f')}, f.score, f.reason"
        " FROM flags f JOIN articles a ON a.doc = f.doc WHERE f.doc BETWEEN ? AND ? ORDER BY f.doc, f.n"
    ),
    "matches": (
        f"SELECT a.id, m.n, m.start_char, m.end_char, {_cut('m')}, m.source_id, m.source_start, m.source_end,"
        " m.similarity, m.transform, m.source_published"
        " FROM matches m JOIN articles a ON a.doc = m.doc WHERE m.doc BETWEEN ? AND ? ORDER BY m.doc, m.n"
    ),
    "entities": (
        "SELECT a.id, e.entity_id, e.name, e.label, e.mentions"
        " FROM entities e JOIN articles a ON a.doc = e.doc WHERE e.doc BETWEEN ? AND ?"
        " ORDER BY e.doc, e.entity_id"
    ),
}


Query = Any  # a callable (sql, params) -> rows: a reader's query, or a transaction's run


def _known(
    query: Query, ids: Sequence[str], urls: Sequence[str], hashes: Sequence[str], version: str
) -> dict[int, tuple[Any, ...]]:
    """Stored rows sharing an id, canonical URL or content hash.

    Each is (doc, id, canonical url, content hash, analysed, fingerprinted), by doc.
    """
    select = (
        "SELECT a.doc, a.id, a.canonical_url, a.content_hash,"
        " EXISTS (SELECT 1 FROM analyses an WHERE an.doc = a.doc),"
        " EXISTS (SELECT 1 FROM fingerprints f WHERE f.doc = a.doc AND f.version = ?) FROM articles a WHERE "
    )
    out: dict[int, tuple[Any, ...]] = {}
    for column, values in (("a.id", ids), ("a.canonical_url", urls), ("a.content_hash", hashes)):
        for part in chunks(sorted({v for v in values if v})):
            for row in query(select + f"{column} IN ({marks(len(part))})", [version, *part]):
                out[int(row[0])] = tuple(row)
    return out


def _write(tx: Executor, items: Sequence[BatchItem], version: str, result: BatchResult, date_in: Any) -> None:
    """The ingest rule, applied inside one transaction (see ``ArticleStore.write``)."""
    # Records are applied in order, so within a batch too the last copy of an id wins, and every
    # record is counted (a repeated id with other content is ``updated``, with the same ``unchanged``).
    batch = list(items)
    known = _known(
        tx.run,
        [i.article.id for i in batch],
        [i.article.canonical_url or "" for i in batch],
        [i.article.content_hash for i in batch],
        version,
    )
    by_id = {r[1]: r for r in known.values()}
    by_url = {r[2]: r for r in known.values() if r[2]}
    by_hash = {r[3]: r for r in known.values()}
    at = now()
    removed = 0
    for item in batch:
        a = item.article
        same = [r for r in (by_id.get(a.id), by_url.get(a.canonical_url or "")) if r is not None]
        if same and all(r[1] == a.id and r[3] == a.content_hash for r in same):
            doc = int(same[0][0])
            outcome = "unchanged"
            if item.fingerprint is not None and not same[0][5]:
                tx.run(
                    "INSERT INTO fingerprints (doc, version, data) VALUES (?, ?, ?)",
                    (doc, version, item.fingerprint),
                )
            if item.analysis is not None and not same[0][4]:
                _put_analysis(tx, doc, item.analysis, at, date_in)
                outcome = "analysed"
            result.record(a.id, outcome)
            continue
        if not same and a.content_hash in by_hash:
            result.record(a.id, "duplicate")
            continue
        for r in {r[0]: r for r in same}.values():  # last write wins: drop what this record replaces
            removed += int(tx.run("SELECT COUNT(*) FROM fingerprints WHERE doc = ?", (r[0],))[0][0])
            tx.run("DELETE FROM articles WHERE doc = ?", (r[0],))
            by_id.pop(r[1], None)
            if r[2]:
                by_url.pop(r[2], None)
        doc = _insert_article(tx, a, at, date_in)
        if item.fingerprint is not None:
            tx.run(
                "INSERT INTO fingerprints (doc, version, data) VALUES (?, ?, ?)",
                (doc, version, item.fingerprint),
            )
        if item.analysis is not None:
            _put_analysis(tx, doc, item.analysis, at, date_in)
        row = (
            doc,
            a.id,
            a.canonical_url,
            a.content_hash,
            item.analysis is not None,
            item.fingerprint is not None,
        )
        by_id[a.id] = row
        if a.canonical_url:
            by_url[a.canonical_url] = row
        by_hash[a.content_hash] = row
        result.record(a.id, "updated" if same else "added")
    if removed:
        _count_removed(tx, removed)


def _count_removed(tx: Executor, removed: int) -> None:
    """Fingerprints dropped since the store was made: an open reuse index rebuilds when this grows."""
    tx.run(
        "INSERT INTO meta (key, value) VALUES ('fingerprints_removed', ?) ON CONFLICT (key) DO UPDATE"
        " SET value = CAST(CAST(meta.value AS INTEGER) + ? AS TEXT)",
        (str(removed), removed),
    )


# Every table keyed by an article's number: deleted explicitly rather than by ON DELETE CASCADE, so a
# store migrated from an early index (or a connection without foreign keys on) loses nothing of it.
_ARTICLE_TABLES = ("quotes", "entities", "flags", "matches", "analyses", "fingerprints")


def _delete(tx: Executor, ids: Sequence[str]) -> tuple[list[str], int]:
    """Remove these articles with their analysis rows, fingerprints and failures (the full-text rows go
    with the article: FTS5 by trigger, the tsvector is a column). Returns the ids found and the number
    of fingerprints removed."""
    found: list[str] = []
    removed = 0
    for part in chunks(ids):
        rows = tx.run(f"SELECT doc, id FROM articles WHERE id IN ({marks(len(part))})", part)
        docs = [int(r[0]) for r in rows]
        found += [str(r[1]) for r in rows]
        if docs:
            where = f"doc IN ({marks(len(docs))})"
            removed += int(tx.run(f"SELECT COUNT(*) FROM fingerprints WHERE {where}", docs)[0][0])
            for table in _ARTICLE_TABLES:
                tx.run(f"DELETE FROM {table} WHERE {where}", docs)
            tx.run(f"DELETE FROM articles WHERE {where}", docs)
        tx.run(f"DELETE FROM failures WHERE article_id IN ({marks(len(part))})", part)
    return found, removed


def _insert_article(tx: Executor, a: StoredArticle, at: str, date_in: Any) -> int:
    rows = tx.run(
        f"INSERT INTO articles ({ARTICLE_COLUMNS}) VALUES ({marks(13)}) RETURNING doc",
        (
            a.id,
            a.content_hash,
            a.text_hash,
            a.title,
            a.url,
            a.canonical_url,
            a.outlet,
            date_in(a.published),
            a.language,
            a.source,
            a.text,
            a.extra,
            at,
        ),
    )
    return int(rows[0][0])


def _put_analysis(tx: Executor, doc: int, analysis: Analysis, at: str, date_in: Any) -> None:
    rows = analysis_rows(doc, analysis, at)
    tx.run(
        "INSERT INTO analyses (doc, schema_version, stages, verdict, indexed_as, json, analysed_at)"
        f" VALUES ({marks(7)})",
        rows.analysis,
    )
    if rows.quotes:
        tx.many(
            "INSERT INTO quotes (doc, n, start_char, end_char, kind, speaker, speaker_key, speaker_kind,"
            f" cue_start, cue_end, mode, confidence, nested_in) VALUES ({marks(13)})",
            rows.quotes,
        )
    if rows.entities:
        tx.many(
            f"INSERT INTO entities (doc, entity_id, name, label, mentions) VALUES ({marks(5)})", rows.entities
        )
    if rows.flags:
        tx.many(
            f"INSERT INTO flags (doc, n, label, start_char, end_char, score, reason) VALUES ({marks(7)})",
            rows.flags,
        )
    if rows.matches:
        tx.many(
            "INSERT INTO matches (doc, n, start_char, end_char, source_id, source_start, source_end,"
            f" similarity, transform, source_published) VALUES ({marks(10)})",
            [(*r[:9], date_in(r[9])) for r in rows.matches],
        )
