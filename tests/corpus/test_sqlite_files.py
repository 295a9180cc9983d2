"""SQLite files: a store opens only its own database; full, corrupted and earlier-version files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from wiretrace.corpus.sqlite.migrations import (
    LEGACY_FINGERPRINT_VERSION,
    MIGRATIONS,
    m001_articles,
    m002_failures,
)
from wiretrace.corpus.sqlite.store import SqliteStore
from wiretrace.corpus.store import open_store
from wiretrace.corpus.types import SearchQuery
from wiretrace.errors import StoreError
from wiretrace.reuse.index import FINGERPRINT_VERSION, Index

from .helpers import PIER, PLUMS, article, item


def test_sqlite_refuses_another_applications_database(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE users (name TEXT)")
    with pytest.raises(StoreError, match="another application"):
        open_store(path)
    tables = {r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")}
    assert tables == {"users"}  # nothing was written into it


def test_sqlite_refuses_a_non_empty_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 20)
    with pytest.raises(StoreError, match="not a SQLite database"):
        open_store(f"sqlite:///{path}")
    assert path.read_text().startswith("these are my notes")


def test_sqlite_takes_an_empty_file_and_refuses_a_missing_one_without_create(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    with open_store(empty) as s:
        assert s.applied_migrations() == [name for name, _ in MIGRATIONS]
    with pytest.raises(StoreError, match="no such store"):
        open_store(tmp_path / "missing.db", create=False)
    with pytest.raises(StoreError, match="unknown store URL scheme"):
        open_store("mysql://somewhere/db")


def test_sqlite_migrates_an_index_of_the_earlier_layout(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    m001_articles(conn)
    m002_failures(conn)
    conn.executemany("INSERT INTO migrations VALUES (?, 'then')", [("m001_articles",), ("m002_failures",)])
    fp = Index(open_store(":memory:")).fingerprint(PIER)
    conn.execute(
        "INSERT INTO articles (id, content_hash, text, fingerprint, added_at)"
        " VALUES ('old-1', 'h', ?, ?, 'then')",
        (PIER, fp),
    )
    conn.execute("INSERT INTO failures (source, code, error, at) VALUES ('x.jsonl:2', 'W010', 'bad', 'then')")
    conn.commit()
    conn.close()
    with Index.open(path) as idx:
        assert idx.store.stats()["articles"] == 1 and idx.store.stats()["failures"] == 1
        assert [r.id for r in idx.store.iter_fingerprints(LEGACY_FINGERPRINT_VERSION)] == ["old-1"]
        copy = article("new", "Something else happened. " + PIER.split(". ")[0] + ".")
        with pytest.raises(StoreError, match="rebuild"):  # the fingerprints predate this normaliser
            idx.trace(copy)
        idx.add_many([article("old-1", PIER)])
        [m] = idx.trace(copy)
        assert m.source_id == "old-1"
        assert [h.id for h in idx.store.search(SearchQuery("pier"))] == ["old-1"]


def test_sqlite_full_disk_is_a_clear_error_and_writes_nothing(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "s.db")
    store.write([item(article("a", PIER))], FINGERPRINT_VERSION)
    pages = store._writer.execute("PRAGMA page_count").fetchone()[0]
    store._writer.execute(f"PRAGMA max_page_count = {pages + 2}")  # as if the disk had filled up
    big = [item(article(f"big-{i}", PLUMS + " filler" * 4000 + str(i))) for i in range(5)]
    with pytest.raises(StoreError, match="disk is full"):
        store.write(big, FINGERPRINT_VERSION)
    assert store.stats()["articles"] == 1  # the batch left nothing behind, and reads still work
    store.close()


def test_sqlite_corrupted_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with open_store(path) as s:
        s.write([item(article(f"a{i}", PIER + f" Edition {i}.")) for i in range(200)], FINGERPRINT_VERSION)
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):  # every page but the first: its header survives
        data[offset + 8 : offset + 200] = b"\xde\xad" * 96
    path.write_bytes(bytes(data))
    for extra in (path.with_name("s.db-wal"), path.with_name("s.db-shm")):
        extra.unlink(missing_ok=True)
    with pytest.raises(StoreError, match=r"corrupt|malformed|not a database"):
        s = open_store(path)
        s.stats()
        assert s.check() == []


def test_sqlite_read_only_url_opens_for_reading(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with open_store(path) as s:
        s.write([item(article("a", PIER))], FINGERPRINT_VERSION)
    with open_store(f"sqlite:///{path}?mode=ro") as ro:
        assert ro.read_only and ro.get_article("a") is not None
        with pytest.raises(StoreError, match="read-only"):
            ro.set_meta("k", "v")
