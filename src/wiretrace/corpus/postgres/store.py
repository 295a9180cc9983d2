"""The PostgreSQL store: psycopg 3, one writer connection and a reader connection per thread.

Every connection works in the store's schema (``search_path``); writes are one transaction per batch
on the writer, serialised by a lock within the process and by PostgreSQL's row locks across processes
(two ingests adding the same article meet on the ``id`` unique constraint, and the loser retries its
batch once, when it then finds the article stored). PostgreSQL text cannot hold NUL characters: they
are stored as U+FFFD, one character for one, so every offset still points at the same place.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from wiretrace.corpus.common import SqlStore, now
from wiretrace.corpus.postgres.migrations import MIGRATIONS
from wiretrace.corpus.postgres.search import search
from wiretrace.corpus.types import BatchItem, BatchResult, SearchHit, SearchQuery
from wiretrace.errors import StoreError

_SCHEMA = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_APPLICATION = "wiretrace"


def _pg(sql: str) -> str:
    return sql.replace("?", "%s")


def _param(value: Any) -> Any:
    return value.replace("\x00", "\ufffd") if isinstance(value, str) else value


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


class _Tx:
    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.conn.cursor() as cur:
            cur.execute(_pg(sql), [_param(p) for p in params])
            return list(cur.fetchall()) if cur.description else []

    def many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(_pg(sql), [[_param(p) for p in row] for row in rows])


class PostgresStore(SqlStore):
    """A corpus store in a PostgreSQL schema (see the module docstring)."""

    def __init__(self, url: str, *, create: bool = True, read_only: bool = False) -> None:
        parts = urlsplit(url)
        query = dict(parse_qsl(parts.query))
        self.schema = query.pop("schema", "wiretrace")
        if not _SCHEMA.match(self.schema):
            raise StoreError(f"schema name {self.schema!r} must be lower-case letters, digits and _")
        self._conninfo = urlunsplit(parts._replace(query=urlencode(query)))
        self.url = redact(url)
        self.read_only = read_only
        self._lock = threading.RLock()
        self._local = threading.local()
        self._readers: list[Any] = []
        self._closed = False
        self._writer = self._connect()
        try:
            self._claim(create)
        except BaseException:
            self._writer.close()
            raise

    def _connect(self) -> Any:
        import psycopg

        try:
            conn = psycopg.connect(self._conninfo, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"{self.url}: cannot connect ({str(exc).strip().splitlines()[0]})") from exc
        with conn.cursor() as cur:
            cur.execute(f'SET search_path TO "{self.schema}"')  # checked against _SCHEMA above
            if self.read_only:
                cur.execute("SET default_transaction_read_only = on")
        return conn

    def _claim(self, create: bool) -> None:
        tx = _Tx(self._writer)
        exists = tx.run("SELECT 1 FROM pg_namespace WHERE nspname = ?", (self.schema,))
        tables = {
            r[0] for r in tx.run("SELECT tablename FROM pg_tables WHERE schemaname = ?", (self.schema,))
        }
        if tables and "migrations" not in tables:
            raise StoreError(
                f"{self.url}: schema {self.schema!r} holds another application's tables; refusing to use it"
            )
        if "meta" in tables:
            app = tx.run("SELECT value FROM meta WHERE key = 'application'")
            if app and app[0][0] != _APPLICATION:
                raise StoreError(f"{self.url}: schema {self.schema!r} belongs to {app[0][0]!r}")
        if not exists and (not create or self.read_only):
            raise StoreError(f"{self.url}: no such store (schema {self.schema!r} does not exist)")
        done = {r[0] for r in tx.run("SELECT name FROM migrations")} if "migrations" in tables else set()
        if all(name in done for name, _ in MIGRATIONS):
            return
        if self.read_only:
            raise StoreError(f"{self.url}: the store needs upgrading, which a read-only store cannot do")
        with self._transaction() as t:
            t.run("SELECT pg_advisory_xact_lock(hashtext(?))", (f"wiretrace-migrate-{self.schema}",))
            t.run(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"')
            t.run("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            done = {r[0] for r in t.run("SELECT name FROM migrations")}  # another process may have won
            for name, fn in MIGRATIONS:
                if name not in done:
                    fn(t)
                    t.run("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, now()))
            t.run(
                "INSERT INTO meta (key, value) VALUES ('application', ?) ON CONFLICT (key) DO NOTHING",
                (_APPLICATION,),
            )

    # -- connections -----------------------------------------------------------------------------------

    def _reader(self) -> Any:
        if self._closed:
            raise StoreError(f"{self.url}: the store is closed")
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            with self._lock:
                self._readers.append(conn)
        return conn

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        import psycopg

        try:
            return _Tx(self._reader()).run(sql, params)
        except psycopg.Error as exc:
            raise self._error(exc, "read") from exc

    @contextmanager
    def _transaction(self) -> Iterator[_Tx]:
        import psycopg

        try:
            with self._lock, self._writer.transaction():
                yield _Tx(self._writer)
        except psycopg.Error as exc:
            raise self._error(exc, "write") from exc

    def _error(self, exc: Exception, doing: str) -> StoreError:
        import psycopg.errors as e

        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if isinstance(exc, e.DiskFull):
            why = "the disk is full; nothing of this batch was written"
        elif isinstance(exc, e.ReadOnlySqlTransaction):
            why = "the store is read-only; nothing was written (it can still be read)"
        elif isinstance(exc, e.DataCorrupted | e.IndexCorrupted):
            why = f"the database reports corruption ({first})"
        else:
            why = first
        return StoreError(f"{self.url}: {doing} failed: {why}")

    def write(self, items: Sequence[BatchItem], fingerprint_version: str) -> BatchResult:
        """As ``SqlStore.write``; a batch that lost a race for an id to another process is retried once."""
        try:
            return super().write(items, fingerprint_version)
        except StoreError as exc:
            if "unique" not in str(exc).lower() and "duplicate key" not in str(exc).lower():
                raise
            return super().write(items, fingerprint_version)

    # -- what only PostgreSQL does ---------------------------------------------------------------------

    def _date_in(self, value: Any) -> Any:
        return value  # psycopg binds datetime.date as a date

    def changed(self) -> object:
        return tuple(
            self._query(
                "SELECT (SELECT COALESCE(MAX(doc), 0) FROM fingerprints),"
                " (SELECT value FROM meta WHERE key = 'fingerprints_removed'),"
                " (SELECT COUNT(*) FROM fingerprints)"
            )[0]
        )

    def search(self, query: SearchQuery) -> list[SearchHit]:
        return search(self, query)

    def check(self) -> list[str]:
        problems: list[str] = []
        orphans = self._query(
            "SELECT COUNT(*) FROM analyses an LEFT JOIN articles a ON a.doc = an.doc WHERE a.doc IS NULL"
        )[0][0]
        if orphans:
            problems.append(f"{orphans} analyses without their article")
        dup = self._query("SELECT COUNT(*) FROM (SELECT id FROM articles GROUP BY id HAVING COUNT(*) > 1) d")
        if dup[0][0]:
            problems.append(f"{dup[0][0]} article ids stored twice")
        return problems

    def stats(self) -> dict[str, Any]:
        out = super().stats()
        out["backend"] = "postgresql"
        out["schema"] = self.schema
        return out

    def applied_migrations(self) -> list[str]:
        return [r[0] for r in self._query("SELECT name FROM migrations ORDER BY applied_at, name")]

    def drop(self) -> None:
        """Remove the store's schema and everything in it (tests and ``--replace`` use this)."""
        self._writable()
        with self._transaction() as t:
            t.run(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE')

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with self._lock:
            for conn in self._readers:
                conn.close()
            self._writer.close()
