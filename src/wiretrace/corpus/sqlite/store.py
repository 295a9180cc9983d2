"""The SQLite store: one file in WAL mode; one writer connection, a reader connection per thread.

Writes go through the single writer connection, serialised by a lock, each batch one ``BEGIN
IMMEDIATE`` transaction: a crash or a kill leaves the last committed batch intact and nothing of the
next. Another process writing at the same time waits up to ``busy_timeout`` for the file lock instead
of failing with "database is locked". Readers (one connection per thread, so a server's thread pool can
share one store) never block the writer. ``PRAGMA data_version`` tells a reader that another connection
committed, which is how an open reuse index sees articles other processes add.

A store opens only its own database: an existing file must be a SQLite database carrying wiretrace's
``application_id`` (or an empty one, or an index of an earlier wiretrace, which is migrated forward).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from wiretrace.corpus.common import SqlStore, now
from wiretrace.corpus.sqlite.migrations import APPLICATION_ID, KNOWN_TABLES, MIGRATIONS
from wiretrace.corpus.sqlite.search import search
from wiretrace.corpus.types import SearchHit, SearchQuery
from wiretrace.errors import StoreError

_HEADER = b"SQLite format 3\x00"


class _Tx:
    """The writer connection inside one transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql, params).fetchall()

    def many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)


class SqliteStore(SqlStore):
    """A corpus store in one SQLite file (see the module docstring)."""

    def __init__(
        self, path: Path, *, create: bool = True, read_only: bool = False, busy_timeout: float = 60.0
    ) -> None:
        self.path = path
        self.url = f"sqlite:///{path}"
        self.read_only = read_only
        self._timeout = busy_timeout
        self._memory = str(path) == ":memory:"
        self._lock = threading.RLock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._closed = False
        if not self._memory:
            self._refuse_foreign_file(create)
        try:
            self._writer = self._connect(writer=True)
            self._claim()
        except sqlite3.Error as exc:
            raise self._error(exc, "open") from exc

    # -- opening ---------------------------------------------------------------------------------------

    def _refuse_foreign_file(self, create: bool) -> None:
        p = self.path
        if not p.exists():
            if not create or self.read_only:
                raise StoreError(
                    f"{p}: no such store (create it with `wiretrace ingest` or `wiretrace index add`)"
                )
            p.parent.mkdir(parents=True, exist_ok=True)
            return
        if p.is_dir():
            raise StoreError(f"{p}: is a directory, not a store")
        with p.open("rb") as f:
            head = f.read(len(_HEADER))
        if head and head != _HEADER:
            raise StoreError(
                f"{p}: not a usable wiretrace store (the file is not a SQLite database);"
                " refusing to write into it"
            )

    def _connect(self, *, writer: bool) -> sqlite3.Connection:
        if self._memory:
            conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        elif self.read_only:
            conn = sqlite3.connect(
                f"file:{self.path}?mode=ro", uri=True, isolation_level=None, timeout=self._timeout
            )
        else:
            conn = sqlite3.connect(
                self.path, isolation_level=None, timeout=self._timeout, check_same_thread=not writer
            )
        conn.execute("PRAGMA foreign_keys=ON")
        if writer and not self.read_only and not self._memory:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    def _claim(self) -> None:
        """Check the file is ours (or empty, or an earlier wiretrace index); bring its schema up to date."""
        c = self._writer
        app_id = c.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        tables = {t for t in tables if not t.startswith(("sqlite_", "articles_fts"))}
        if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables and not tables <= KNOWN_TABLES):
            raise StoreError(
                f"{self.path}: a SQLite database of another application (its tables: "
                f"{', '.join(sorted(tables)) or 'none'}); refusing to write into it"
            )
        if app_id == 0 and tables and "migrations" not in tables:
            raise StoreError(
                f"{self.path}: a SQLite database that is not a wiretrace store; refusing to write into it"
            )
        done = {r[0] for r in c.execute("SELECT name FROM migrations")} if "migrations" in tables else set()
        todo = [(name, fn) for name, fn in MIGRATIONS if name not in done]
        if self.read_only:
            if todo or app_id != APPLICATION_ID:
                raise StoreError(f"{self.path}: the store needs upgrading, which a read-only store cannot do")
            return
        if not todo and app_id == APPLICATION_ID:
            return
        with self._write_tx() as tx:
            tx.run("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            done = {r[0] for r in tx.run("SELECT name FROM migrations")}  # another process may have won
            for name, fn in MIGRATIONS:
                if name not in done:
                    fn(self._writer)
                    tx.run("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, now()))
            tx.run(f"PRAGMA application_id = {APPLICATION_ID}")

    # -- connections -----------------------------------------------------------------------------------

    def _reader(self) -> sqlite3.Connection:
        if self._closed:
            raise StoreError(f"{self.url}: the store is closed")
        if self._memory:
            return self._writer  # one in-memory database: readers share the writer (under the lock)
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(
                f"file:{self.path}?mode=ro",
                uri=True,
                isolation_level=None,
                timeout=self._timeout,
                check_same_thread=False,  # used by its own thread only, but closed by close()
            )
            conn.execute("PRAGMA query_only=ON")
            self._local.conn = conn
            with self._lock:
                self._readers.append(conn)
        return conn

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            if self._memory:
                with self._lock:
                    return self._writer.execute(sql, params).fetchall()
            return self._reader().execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise self._error(exc, "read") from exc

    @contextmanager
    def _write_tx(self) -> Iterator[_Tx]:
        with self._lock:
            c = self._writer
            c.execute("BEGIN IMMEDIATE")
            try:
                yield _Tx(c)
            except BaseException:
                c.execute("ROLLBACK")
                raise
            c.execute("COMMIT")

    @contextmanager
    def _transaction(self) -> Iterator[_Tx]:
        try:
            with self._write_tx() as tx:
                yield tx
        except sqlite3.Error as exc:
            raise self._error(exc, "write") from exc

    def _error(self, exc: sqlite3.Error, doing: str) -> StoreError:
        text = str(exc)
        low = text.lower()
        if "full" in low:
            why = "the disk is full; nothing of this batch was written"
        elif "readonly" in low or "read-only" in low:
            why = "the store is read-only; nothing was written (it can still be read)"
        elif "malformed" in low or "not a database" in low or "corrupt" in low:
            why = f"the store file is corrupted ({text}); restore it from a copy or rebuild it"
        elif "locked" in low or "busy" in low:
            why = f"another process held the store's write lock for over {self._timeout:g} s"
        else:
            why = text
        return StoreError(f"{self.path}: {doing} failed: {why}")

    # -- what only SQLite does -------------------------------------------------------------------------

    def changed(self) -> object:
        try:
            if self._memory:
                with self._lock:
                    return self._writer.total_changes
            return self._reader().execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error as exc:
            raise self._error(exc, "read") from exc

    def search(self, query: SearchQuery) -> list[SearchHit]:
        return search(self, query)

    def check(self) -> list[str]:
        problems = [r[0] for r in self._query("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {r}" for r in self._query("PRAGMA foreign_key_check")]
        if not self.read_only:
            try:
                with self._transaction() as tx:
                    tx.run("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
            except StoreError as exc:
                problems.append(f"full-text index: {exc.message}")
        return problems

    def stats(self) -> dict[str, Any]:
        out = super().stats()
        out["backend"] = "sqlite"
        if not self._memory:
            files = [self.path, self.path.with_name(self.path.name + "-wal")]
            out["file_bytes"] = sum(p.stat().st_size for p in files if p.exists())
        return out

    def applied_migrations(self) -> list[str]:
        return [r[0] for r in self._query("SELECT name FROM migrations ORDER BY rowid")]

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with self._lock:
            for conn in self._readers:
                conn.close()
            self._writer.close()
