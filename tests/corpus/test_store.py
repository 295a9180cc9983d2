"""One store test module for both backends (SQLite always; PostgreSQL when a server is configured)."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

import pytest

from wiretrace import service
from wiretrace.corpus.columns import TABLES, column_names
from wiretrace.corpus.store import Store, open_store
from wiretrace.corpus.types import SearchQuery
from wiretrace.errors import StoreError
from wiretrace.model import Failure
from wiretrace.reuse.index import FINGERPRINT_VERSION, Index

from .helpers import PIER, PLUMS, TUNNEL, analysis_of, article, item

V = FINGERPRINT_VERSION
HOSTILE = '\'); DROP TABLE articles; -- "quoted" ünïcode MATCH * OR title:x NEAR(a b)'


def _corpus(store: Store) -> None:
    arts = [
        article("tide-1", PIER, outlet="Tidewater Times", published="2031-04-02"),
        article("kes-2", PLUMS, outlet="Kestrel News", published="2031-03-28"),
        article("mar-3", TUNNEL, outlet="Marrow Post", published="2031-04-05"),
    ]
    store.write([item(arts[0], analysed=True), item(arts[1], analysed=True), item(arts[2])], V)


def test_store_migrations_are_applied_once(store_url: str) -> None:
    first = open_store(store_url)
    names = first.applied_migrations()
    first.close()
    again = open_store(store_url)
    assert again.applied_migrations() == names and len(names) >= 2
    again.close()


def test_store_write_rule_added_unchanged_updated_duplicate(store: Store) -> None:
    a = article("a", PIER, url="https://news.example/pier?utm_source=feed")
    result = store.write([item(a)], V)
    assert result.outcome == {"a": "added"}
    assert store.write([item(a)], V).outcome == {"a": "unchanged"}
    changed = article("a", PIER + " The vote was unanimous.", url=a.url or "")
    assert store.write([item(changed)], V).outcome == {"a": "updated"}
    stored = store.get_article("a")
    assert stored is not None and stored.text.endswith("unanimous.")  # last write wins
    # Same canonical URL under another id: the same page re-crawled, which replaces the stored one.
    moved = article("a-again", PIER + " Later edit.", url="https://NEWS.example:443/pier#top")
    assert store.write([item(moved)], V).outcome == {"a-again": "updated"}
    assert store.get_article("a") is None and store.get_article("a-again") is not None
    # Same content (text and metadata) under another id, no URL: a duplicate, not stored again.
    b = article("b", PLUMS)
    store.write([item(b)], V)
    assert store.write([item(article("b-copy", PLUMS))], V).outcome == {"b-copy": "duplicate"}
    assert store.stats()["articles"] == 2 and store.stats()["fingerprints"] == 2


def test_store_analysis_round_trip_and_rows(store: Store) -> None:
    a = article("tide-1", PIER, outlet="Tidewater Times", published="2031-04-02")
    original = analysis_of(a)
    store.write([item(a, analysed=True)], V)
    back = store.get_analysis("tide-1")
    assert back is not None and back == original
    [q] = store.quotes_by("ilse", since=None, until=None, limit=10)
    assert q.text == original.quotes[0].span.of(a.text) and q.cue == "said" and q.outlet == "Tidewater Times"
    stats = store.stats()
    assert (stats["analysed"], stats["quotes"], stats["flags"], stats["matches"]) == (1, 1, 1, 1)
    # An article stored without analysis gets one later without counting as a change.
    b = article("kes-2", PLUMS)
    store.write([item(b)], V)
    assert store.get_analysis("kes-2") is None
    assert store.write([item(b, analysed=True)], V).outcome == {"kes-2": "analysed"}


def test_store_quotes_by_speaker_and_dates(store: Store) -> None:
    _corpus(store)
    assert [q.article_id for q in service.quotes_by(store, "RASK")] == ["kes-2"]
    assert service.quotes_by(store, "rask", since=dt.date(2031, 4, 1)) == []
    assert service.quotes_by(store, "100%_") == []  # LIKE wildcards in a name are literal


def test_store_search_words_phrases_and_filters(store: Store) -> None:
    _corpus(store)

    def ids(**kw: object) -> list[str]:
        return [h.id for h in service.search(store, SearchQuery(**kw))]  # type: ignore[arg-type]

    assert ids(text="pier") == ["tide-1"]
    assert ids(text='"deep-water pier"') == ["tide-1"]
    assert ids(text='"pier deep-water"') == []  # a phrase keeps its order
    assert ids(text="sorrel tunnel") == ["mar-3"] and ids(text="sorrel plum") == []
    assert (
        ids(text="pier", outlet="tidewater times") == ["tide-1"]
        and ids(text="pier", outlet="Marrow Post") == []
    )
    assert ids(since=dt.date(2031, 4, 1)) == ["mar-3", "tide-1"]  # no text: newest first
    assert ids(until=dt.date(2031, 3, 31)) == ["kes-2"]
    assert ids(speaker="dorn") == ["tide-1"]
    assert sorted(ids(flag="spinning")) == ["kes-2", "tide-1"]
    assert ids(language="en", limit=1, offset=0) == ["mar-3"]
    hit = service.search(store, "vellmar")[0]
    assert "**Vellmar**" in hit.snippet and hit.outlet == "Tidewater Times"


def test_store_search_text_is_never_query_syntax(store: Store) -> None:
    _corpus(store)
    for text in (HOSTILE, '"', "AND", "*", "title:pier", "NEAR(pier monday)", "'; --", "pier OR plum"):
        service.search(store, text)  # no syntax error reaches the user
    assert [h.id for h in service.search(store, "pier OR plum")] == []  # OR is a word here, not an operator


def test_store_keeps_untrusted_text_verbatim(store: Store) -> None:
    a = article(HOSTILE, HOSTILE + " " + PIER, title=HOSTILE)
    store.write([item(a)], V)
    back = store.get_article(HOSTILE)
    assert back is not None and back.text == a.text and back.title == HOSTILE
    store.record_failures([Failure(id=HOSTILE, source=HOSTILE, error=HOSTILE, code="W010")])
    assert store.failures()[0].error == HOSTILE


def test_store_failures_are_recorded_once(store: Store) -> None:
    bad = Failure(id="r7", source="feed.jsonl:7", error="record has no text", code="W010")
    for _ in range(3):
        store.record_failures([bad])
    [f] = store.failures()
    assert (f.article_id, f.attempts, f.code) == ("r7", 3, "W010")
    assert store.stats()["failures"] == 1


def test_store_read_only_can_read_but_not_write(store_url: str) -> None:
    with open_store(store_url) as s:
        _corpus(s)
    ro = open_store(store_url, read_only=True)
    assert ro.stats()["articles"] == 3 and service.search(ro, "pier")[0].id == "tide-1"
    with pytest.raises(StoreError, match="read-only"):
        ro.write([item(article("new", "A brand new article about ferries."))], V)
    ro.close()
    with open_store(store_url) as s:
        assert s.stats()["articles"] == 3  # nothing partial


def test_store_index_sees_articles_added_by_another_connection(store_url: str) -> None:
    reader_store = open_store(store_url)
    idx = Index(reader_store)
    assert idx.postings.n_sentences == 0
    with open_store(store_url) as writer:  # another connection, as another process would be
        Index(writer).add(article("tide-1", PIER, outlet="Tidewater Times"))
    copy = article("copy", "Readers wrote in. " + PIER.split(". ")[0] + ".")
    assert [m.source_id for m in idx.trace(copy)] == ["tide-1"]
    reader_store.close()


def test_store_index_from_several_threads(store_url: str) -> None:
    with open_store(store_url) as s:
        idx = Index(s)
        idx.add_many([article("tide-1", PIER), article("kes-2", PLUMS), article("mar-3", TUNNEL)])
        copy = article("copy", "News in brief. " + TUNNEL)
        results: list[list[str]] = []
        errors: list[BaseException] = []

        def work() -> None:
            try:
                for _ in range(5):
                    results.append([m.source_id for m in idx.trace(copy)])
            except BaseException as exc:  # collected: the assertion below names it
                errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors and len(results) == 20 and all(r == ["mar-3"] for r in results)


def test_store_self_match_names_the_stored_article(store_url: str) -> None:
    with open_store(store_url) as s:
        idx = Index(s)
        idx.add_many([article("tide-1", PIER), article("kes-4", PIER.split(". ")[1] + " More to come.")])
        [a] = service.trace(s, [article("tide-1", PIER)])
        assert not isinstance(a, Failure)
        assert a.indexed_as == "tide-1" and {m.source_id for m in a.matches} == {"kes-4"}


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_store_export_tables(store: Store, tmp_path: Path, fmt: str) -> None:
    import pyarrow.parquet as pq

    _corpus(store)
    for table in TABLES:
        path = tmp_path / f"{table}.{fmt}"
        report = service.export(store, table, fmt, path)
        if fmt == "parquet":
            data = pq.read_table(path)
            assert data.column_names == column_names(table) and data.num_rows == report.rows
            rows = data.to_pylist()
        elif fmt == "csv":
            import csv

            with path.open(encoding="utf-8") as f:
                reader = csv.DictReader(f)
                rows = list(reader)
            assert reader.fieldnames == column_names(table)
        else:
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
            assert all(list(r) == column_names(table) for r in rows)
        assert len(rows) == report.rows
        if table == "articles":
            assert {r["id"] for r in rows} == {"tide-1", "kes-2", "mar-3"}
        if table == "quotes":
            assert {r["speaker"] for r in rows} == {"Ilse Dorn", "Bertil Rask"}
            assert any(r["text"] == "This is a turning point for our town," for r in rows)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_store_failed_export_leaves_the_old_file(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _corpus(store)
    path = tmp_path / "a.jsonl"
    path.write_text("earlier export\n", encoding="utf-8")

    def broken(table: str) -> object:
        yield ("tide-1",) + (None,) * (len(TABLES["articles"]) - 1)
        raise StoreError("connection lost")

    monkeypatch.setattr(store, "iter_rows", broken)
    with pytest.raises(StoreError):
        service.export(store, "articles", "jsonl", path)
    assert path.read_text(encoding="utf-8") == "earlier export\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_store_integrity_check_is_clean(store: Store) -> None:
    _corpus(store)
    assert store.check() == []
