"""The SQLite store on real temporary files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from wiretrace.corpus.sqlite import MIGRATIONS, SqliteStore
from wiretrace.corpus.store import Store, StoredArticle, open_store
from wiretrace.errors import StoreError

HOSTILE = '\'); DROP TABLE articles; -- "quoted" \x00 nul and ünïcode'


def _article(
    ident: str, text: str = "The ferry to Ostrand was cancelled.", chash: str = "h1"
) -> StoredArticle:
    return StoredArticle(id=ident, text=text, content_hash=chash, fingerprint=b"fp", title="t")


def test_open_store_applies_migrations_once_and_records_them(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    store = open_store(path)
    assert isinstance(store, Store) and isinstance(store, SqliteStore)
    assert store.applied_migrations() == [name for name, _ in MIGRATIONS]
    store.close()
    again = SqliteStore(path)
    assert again.applied_migrations() == [name for name, _ in MIGRATIONS]
    again.close()
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_put_articles_is_idempotent_and_updates_changed_content(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "s.db")
    assert store.put_articles([_article("a"), _article("b")]).added == 2
    result = store.put_articles([_article("a"), _article("b", text="new", chash="h2")])
    assert (result.added, result.updated, result.unchanged) == (0, 1, 1)
    rows = list(store.iter_fingerprints())
    assert [r.id for r in rows] == ["a", "b"] and rows[1].doc > rows[0].doc
    store.close()


def test_untrusted_text_is_stored_verbatim(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "s.db")
    store.put_articles([_article(HOSTILE, text=HOSTILE)])
    doc = next(store.iter_fingerprints()).doc
    assert store.get_articles([doc])[doc].text == HOSTILE
    assert store.content_hashes([HOSTILE]) == {HOSTILE: "h1"}
    store.record_failure(HOSTILE, HOSTILE, "W010", HOSTILE)
    assert store.stats()["failures"] == 1 and store.stats()["articles"] == 1
    store.close()


def test_sqlite_url_and_missing_index(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'u.db'}")
    store.close()
    assert (tmp_path / "u.db").exists()
    with pytest.raises(StoreError, match="no such index"):
        open_store(tmp_path / "missing.db", create=False)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database " * 20)
    with pytest.raises(StoreError, match="not a usable"):
        open_store(path)
