"""SQLite backend of the corpus store: the only module with SQL in it.

WAL journal (readers never block the writer; a crash mid-batch leaves the last committed batch intact),
parameterised statements only (article text is untrusted input), and migrations as named functions
recorded in ``migrations`` and applied once, in order. One ``SqliteStore`` is the single writer of its
file; open another for reading from another thread.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from wiretrace.corpus.store import FingerprintRow, StoredArticle, WriteResult
from wiretrace.errors import StoreError

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(fn: Migration) -> Migration:
    """Register a schema change; its function name is its identity in the ``migrations`` table."""
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_articles(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE articles (
            doc INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL,
            title TEXT, url TEXT, outlet TEXT, published TEXT,
            text TEXT NOT NULL,
            fingerprint BLOB NOT NULL,
            added_at TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@migration
def m002_failures(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE failures (
            n INTEGER PRIMARY KEY, source TEXT NOT NULL, article_id TEXT,
            code TEXT NOT NULL, error TEXT NOT NULL, at TEXT NOT NULL
        )"""
    )


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class SqliteStore:
    """A corpus store in one SQLite file."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = path
        if not create and not path.exists():
            raise StoreError(f"{path}: no such index (create it with `wiretrace index add`)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(path, isolation_level=None)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a usable wiretrace index ({exc})") from exc

    def _migrate(self) -> None:
        c = self._conn
        c.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        done = {row[0] for row in c.execute("SELECT name FROM migrations")}
        for name, fn in MIGRATIONS:
            if name in done:
                continue
            c.execute("BEGIN IMMEDIATE")
            try:
                fn(c)
                c.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, _now()))
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise

    def applied_migrations(self) -> list[str]:
        return [row[0] for row in self._conn.execute("SELECT name FROM migrations ORDER BY rowid")]

    def content_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        chunk = 500  # stay under SQLite's bound-parameter limit
        for i in range(0, len(ids), chunk):
            part = list(ids[i : i + chunk])
            marks = ",".join("?" * len(part))
            rows = self._conn.execute(f"SELECT id, content_hash FROM articles WHERE id IN ({marks})", part)
            out.update({r[0]: r[1] for r in rows})
        return out

    def put_articles(self, articles: Sequence[StoredArticle]) -> WriteResult:
        if not articles:
            return WriteResult()
        known = self.content_hashes([a.id for a in articles])
        new = [a for a in articles if a.id not in known]
        changed = [a for a in articles if a.id in known and known[a.id] != a.content_hash]
        now = _now()
        c = self._conn
        try:
            c.execute("BEGIN IMMEDIATE")
            c.executemany(
                "INSERT INTO articles (id, content_hash, title, url, outlet, published, text, fingerprint,"
                " added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
                [_row(a, now) for a in new],
            )
            # A changed article gets a new doc number so incremental index loads see it as new.
            for a in changed:
                c.execute("DELETE FROM articles WHERE id = ?", (a.id,))
            c.executemany(
                "INSERT INTO articles (id, content_hash, title, url, outlet, published, text, fingerprint,"
                " added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_row(a, now) for a in changed],
            )
            c.execute("COMMIT")
        except sqlite3.Error as exc:
            c.execute("ROLLBACK")
            raise StoreError(f"{self.path}: write failed ({exc})") from exc
        return WriteResult(
            added=len(new), updated=len(changed), unchanged=len(articles) - len(new) - len(changed)
        )

    def iter_fingerprints(self, after_doc: int = 0) -> Iterator[FingerprintRow]:
        rows = self._conn.execute(
            "SELECT doc, id, published, fingerprint FROM articles WHERE doc > ? ORDER BY doc", (after_doc,)
        )
        for doc, ident, published, blob in rows:
            yield FingerprintRow(doc, ident, _date(published), bytes(blob))

    def max_doc(self) -> int:
        row = self._conn.execute("SELECT COALESCE(MAX(doc), 0), COUNT(*) FROM articles").fetchone()
        return int(row[0])

    def get_articles(self, docs: Iterable[int]) -> dict[int, StoredArticle]:
        wanted = sorted(set(docs))
        out: dict[int, StoredArticle] = {}
        for i in range(0, len(wanted), 500):
            part = wanted[i : i + 500]
            marks = ",".join("?" * len(part))
            rows = self._conn.execute(
                "SELECT doc, id, text, content_hash, fingerprint, title, url, outlet, published"
                f" FROM articles WHERE doc IN ({marks})",
                part,
            )
            for doc, ident, text, chash, blob, title, url, outlet, published in rows:
                out[doc] = StoredArticle(
                    ident, text, chash, bytes(blob), title, url, outlet, _date(published)
                )
        return out

    def record_failure(self, source: str, article_id: str | None, code: str, error: str) -> None:
        with self._conn:
            self._conn.execute(
                "INSERT INTO failures (source, article_id, code, error, at) VALUES (?, ?, ?, ?, ?)",
                (_safe(source), _safe(article_id), code, _safe(error), _now()),
            )

    def stats(self) -> dict[str, int | str | None]:
        c = self._conn
        articles, chars = c.execute(
            "SELECT COUNT(*), COALESCE(SUM(LENGTH(text)), 0) FROM articles"
        ).fetchone()
        fp_bytes = c.execute("SELECT COALESCE(SUM(LENGTH(fingerprint)), 0) FROM articles").fetchone()[0]
        first, last = c.execute("SELECT MIN(published), MAX(published) FROM articles").fetchone()
        failures = c.execute("SELECT COUNT(*) FROM failures").fetchone()[0]
        size = sum(p.stat().st_size for p in self._files() if p.exists())
        return {
            "path": str(self.path),
            "articles": int(articles),
            "text_chars": int(chars),
            "fingerprint_bytes": int(fp_bytes),
            "file_bytes": int(size),
            "earliest": first,
            "latest": last,
            "failures": int(failures),
        }

    def _files(self) -> list[Path]:
        return [self.path, self.path.with_name(self.path.name + "-wal")]

    def get_meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self._conn:
            self._conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def close(self) -> None:
        self._conn.close()


def _row(a: StoredArticle, now: str) -> tuple[object, ...]:
    published = a.published.isoformat() if a.published else None
    return (a.id, a.content_hash, a.title, a.url, a.outlet, published, a.text, a.fingerprint, now)


def _safe(value: str | None) -> str | None:
    """A failure report must be storable even when the bad input is not valid Unicode."""
    return None if value is None else value.encode("utf-8", "backslashreplace").decode("utf-8")


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
