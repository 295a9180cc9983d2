"""PostgreSQL schema changes: named functions applied once, in order, under an advisory lock.

Tables live in the store's own schema (``wiretrace`` unless the URL says ``?schema=``), so a database
shared with other applications keeps their tables apart. Article text is searched through a stored
generated ``tsvector`` (the ``simple`` configuration: no stemming and no stop words, as FTS5's
``unicode61`` tokenizer on SQLite, so both backends find the same articles).
"""

from __future__ import annotations

from collections.abc import Callable

from wiretrace.corpus.common import Executor
from wiretrace.corpus.story_tables import CREATE_STATEMENTS

Migration = Callable[[Executor], None]
MIGRATIONS: list[tuple[str, Migration]] = []

# Characters of an article's text that go into its search vector: a tsvector is capped at 1 MB.
TSV_CHARS = 500_000


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_corpus(tx: Executor) -> None:
    tx.run("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    tx.run(
        f"""CREATE TABLE articles (
            doc BIGSERIAL PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL, text_hash TEXT,
            title TEXT, url TEXT, canonical_url TEXT, outlet TEXT, published DATE,
            language TEXT, source TEXT, text TEXT NOT NULL, extra TEXT, added_at TEXT NOT NULL,
            tsv tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('simple', coalesce(title, '')), 'A')
                || setweight(to_tsvector('simple', left(text, {TSV_CHARS})), 'B')
            ) STORED
        )"""
    )
    for column in ("content_hash", "text_hash", "canonical_url", "published"):
        tx.run(f"CREATE INDEX articles_{column} ON articles({column})")
    tx.run("CREATE INDEX articles_outlet ON articles(lower(outlet))")
    tx.run("CREATE INDEX articles_tsv ON articles USING gin(tsv)")
    tx.run(
        """CREATE TABLE fingerprints (
            doc BIGINT NOT NULL REFERENCES articles(doc) ON DELETE CASCADE,
            version TEXT NOT NULL, data BYTEA NOT NULL, PRIMARY KEY (version, doc)
        )"""
    )
    tx.run("CREATE INDEX fingerprints_doc ON fingerprints(doc)")
    tx.run(
        """CREATE TABLE failures (
            n BIGSERIAL PRIMARY KEY, source TEXT NOT NULL, article_id TEXT NOT NULL DEFAULT '',
            code TEXT NOT NULL, error TEXT NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 1, UNIQUE (source, article_id, code)
        )"""
    )


@migration
def m002_analyses(tx: Executor) -> None:
    cascade = "doc BIGINT NOT NULL REFERENCES articles(doc) ON DELETE CASCADE"
    tx.run(
        """CREATE TABLE analyses (
            doc BIGINT PRIMARY KEY REFERENCES articles(doc) ON DELETE CASCADE,
            schema_version TEXT NOT NULL, stages TEXT NOT NULL, verdict TEXT, indexed_as TEXT,
            json TEXT NOT NULL, analysed_at TEXT NOT NULL
        )"""
    )
    tx.run(
        f"""CREATE TABLE quotes ({cascade}, n INTEGER NOT NULL,
            start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, kind TEXT NOT NULL,
            speaker TEXT, speaker_key TEXT, speaker_kind TEXT, cue_start INTEGER, cue_end INTEGER,
            mode TEXT, confidence DOUBLE PRECISION, nested_in INTEGER, PRIMARY KEY (doc, n))"""
    )
    tx.run("CREATE INDEX quotes_speaker ON quotes(speaker_key)")
    tx.run(
        f"""CREATE TABLE entities ({cascade}, entity_id INTEGER NOT NULL, name TEXT NOT NULL,
            label TEXT NOT NULL, mentions INTEGER NOT NULL, PRIMARY KEY (doc, entity_id))"""
    )
    tx.run("CREATE INDEX entities_name ON entities(name)")
    tx.run(
        f"""CREATE TABLE flags ({cascade}, n INTEGER NOT NULL, label TEXT NOT NULL,
            start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, score DOUBLE PRECISION NOT NULL,
            reason TEXT, PRIMARY KEY (doc, n))"""
    )
    tx.run("CREATE INDEX flags_label ON flags(label)")
    tx.run(
        f"""CREATE TABLE matches ({cascade}, n INTEGER NOT NULL,
            start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, source_id TEXT NOT NULL,
            source_start INTEGER NOT NULL, source_end INTEGER NOT NULL, similarity DOUBLE PRECISION NOT NULL,
            transform TEXT, source_published DATE, PRIMARY KEY (doc, n))"""
    )
    tx.run("CREATE INDEX matches_source ON matches(source_id)")


@migration
def stories_001_tables(tx: Executor) -> None:
    """Story assignments, story records and quote groups (``corpus/story_tables.py``, issue #10)."""
    for sql in CREATE_STATEMENTS:
        tx.run(sql)
