"""SQLite schema changes: named functions, applied once and in order, recorded in ``migrations``.

The first two are the schema of the reuse index that came before the corpus store, so an index made
by an earlier wiretrace is carried forward rather than refused: its fingerprints move to their own
table, keyed by version, and the articles gain the columns the corpus needs.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from wiretrace.corpus.keys import canonical_url, text_hash
from wiretrace.corpus.story_tables import CREATE_STATEMENTS, STORY_TABLES

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []

# PRAGMA application_id of a wiretrace store ("wtrc"): a SQLite file with another id is not ours.
APPLICATION_ID = 0x77747263
LEGACY_FINGERPRINT_VERSION = "wtf1-unigram-sentences-2"


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


@migration
def m003_fingerprints_table(conn: sqlite3.Connection) -> None:
    """Fingerprints leave the articles table: an article can be stored without one, or with several."""
    conn.execute(
        """CREATE TABLE fingerprints (
            doc INTEGER NOT NULL REFERENCES articles(doc) ON DELETE CASCADE,
            version TEXT NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (version, doc)
        )"""
    )
    conn.execute("CREATE INDEX fingerprints_doc ON fingerprints(doc)")
    row = conn.execute("SELECT value FROM meta WHERE key = 'fingerprint_version'").fetchone()
    version = row[0] if row else LEGACY_FINGERPRINT_VERSION
    conn.execute(
        "INSERT INTO fingerprints (doc, version, data) SELECT doc, ?, fingerprint FROM articles", (version,)
    )
    # Name the version the moved fingerprints have, so a newer index asks for a rebuild, not an empty trace.
    conn.execute(
        "INSERT OR IGNORE INTO meta (key, value) SELECT 'fingerprint_version', ?"
        " WHERE EXISTS (SELECT 1 FROM fingerprints)",
        (version,),
    )
    conn.execute("ALTER TABLE articles DROP COLUMN fingerprint")


@migration
def m004_article_keys(conn: sqlite3.Connection) -> None:
    """Text hash, canonical URL, language, source and the paragraphs, for ingest keys and ``show``."""
    for column in ("text_hash", "canonical_url", "language", "source", "extra"):
        conn.execute(f"ALTER TABLE articles ADD COLUMN {column} TEXT")
    rows = conn.execute("SELECT doc, text, url FROM articles").fetchall()
    conn.executemany(
        "UPDATE articles SET text_hash = ?, canonical_url = ?, extra = ? WHERE doc = ?",
        [(text_hash(t), canonical_url(u), json.dumps({}), d) for d, t, u in rows],
    )
    conn.execute("CREATE INDEX articles_content_hash ON articles(content_hash)")
    conn.execute("CREATE INDEX articles_text_hash ON articles(text_hash)")
    conn.execute("CREATE INDEX articles_canonical_url ON articles(canonical_url)")
    conn.execute("CREATE INDEX articles_published ON articles(published)")
    conn.execute("CREATE INDEX articles_outlet ON articles(outlet COLLATE NOCASE)")


@migration
def m005_analyses(conn: sqlite3.Connection) -> None:
    """Analyses: the whole JSON for ``show``, and quotes, entities, flags and matches as rows."""
    cascade = "doc INTEGER NOT NULL REFERENCES articles(doc) ON DELETE CASCADE"
    conn.execute(
        """CREATE TABLE analyses (
            doc INTEGER PRIMARY KEY REFERENCES articles(doc) ON DELETE CASCADE,
            schema_version TEXT NOT NULL, stages TEXT NOT NULL, verdict TEXT, indexed_as TEXT,
            json TEXT NOT NULL, analysed_at TEXT NOT NULL
        )"""
    )
    conn.execute(
        f"""CREATE TABLE quotes ({cascade}, n INTEGER NOT NULL,
            start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, kind TEXT NOT NULL,
            speaker TEXT, speaker_key TEXT, speaker_kind TEXT, cue_start INTEGER, cue_end INTEGER,
            mode TEXT, confidence REAL, nested_in INTEGER, PRIMARY KEY (doc, n))"""
    )
    conn.execute("CREATE INDEX quotes_speaker ON quotes(speaker_key)")
    conn.execute(
        f"""CREATE TABLE entities ({cascade}, entity_id INTEGER NOT NULL, name TEXT NOT NULL,
            label TEXT NOT NULL, mentions INTEGER NOT NULL, PRIMARY KEY (doc, entity_id))"""
    )
    conn.execute("CREATE INDEX entities_name ON entities(name)")
    conn.execute(
        f"""CREATE TABLE flags ({cascade}, n INTEGER NOT NULL, label TEXT NOT NULL,
            start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, score REAL NOT NULL, reason TEXT,
            PRIMARY KEY (doc, n))"""
    )
    conn.execute("CREATE INDEX flags_label ON flags(label)")
    conn.execute(
        f"""CREATE TABLE matches ({cascade}, n INTEGER NOT NULL,
            start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, source_id TEXT NOT NULL,
            source_start INTEGER NOT NULL, source_end INTEGER NOT NULL, similarity REAL NOT NULL,
            transform TEXT, source_published TEXT, PRIMARY KEY (doc, n))"""
    )
    conn.execute("CREATE INDEX matches_source ON matches(source_id)")


@migration
def m006_failures_once(conn: sqlite3.Connection) -> None:
    """One failure row per (source, article id, code), with first and last time seen and attempts."""
    conn.execute(
        """CREATE TABLE failures_once (
            n INTEGER PRIMARY KEY, source TEXT NOT NULL, article_id TEXT NOT NULL DEFAULT '',
            code TEXT NOT NULL, error TEXT NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 1, UNIQUE (source, article_id, code)
        )"""
    )
    conn.execute(
        "INSERT INTO failures_once (source, article_id, code, error, first_seen, last_seen, attempts)"
        " SELECT source, COALESCE(article_id, ''), code, MAX(error), MIN(at), MAX(at), COUNT(*)"
        " FROM failures GROUP BY source, COALESCE(article_id, ''), code"
    )
    conn.execute("DROP TABLE failures")
    conn.execute("ALTER TABLE failures_once RENAME TO failures")


@migration
def m007_fts(conn: sqlite3.Connection) -> None:
    """Full-text search over title and text (FTS5, external content, kept in step by triggers)."""
    conn.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='doc',"
        " tokenize='unicode61 remove_diacritics 2')"
    )
    conn.execute(
        "CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN"
        " INSERT INTO articles_fts(rowid, title, text) VALUES (new.doc, new.title, new.text); END"
    )
    conn.execute(
        "CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN"
        " INSERT INTO articles_fts(articles_fts, rowid, title, text)"
        " VALUES ('delete', old.doc, old.title, old.text);"
        " END"
    )
    conn.execute(
        "CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN"
        " INSERT INTO articles_fts(articles_fts, rowid, title, text)"
        " VALUES ('delete', old.doc, old.title, old.text);"
        " INSERT INTO articles_fts(rowid, title, text) VALUES (new.doc, new.title, new.text); END"
    )
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")


@migration
def stories_001_tables(conn: sqlite3.Connection) -> None:
    """Story assignments, story records and quote groups (``corpus/story_tables.py``, issue #10)."""
    for sql in CREATE_STATEMENTS:
        conn.execute(sql)


# Tables a store of this or an earlier wiretrace may hold: a file with others belongs to someone else.
KNOWN_TABLES = frozenset(
    {
        "articles",
        "meta",
        "failures",
        "failures_once",
        "migrations",
        "fingerprints",
        "analyses",
        "quotes",
        "entities",
        "flags",
        "matches",
    }
    | STORY_TABLES
)
