"""Adding to the index: idempotent, resumable after an interruption, bad records reported per document."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from wiretrace.errors import StoreError
from wiretrace.extract import article_from_text
from wiretrace.model import Article, Failure
from wiretrace.reuse.index import Index
from wiretrace.settings import ReuseSettings

from .conftest import source_articles


def test_add_same_articles_twice_changes_nothing(index_path: Path) -> None:
    with Index.open(index_path) as idx:
        first = idx.add_many(source_articles())
        stats = idx.stats()
        second = idx.add_many(source_articles())
        assert (first.added, second.added, second.unchanged) == (4, 0, 4)
        assert idx.stats() == stats


def test_changed_article_is_updated_and_traced_by_new_text(index_path: Path) -> None:
    with Index.open(index_path) as idx:
        idx.add_many(source_articles())
        new = article_from_text(
            "The Sorrel tunnel reopened after the lining was rebuilt in record time.", id="marrow-003"
        )
        assert idx.add(new).updated == 1
        copy = article_from_text(
            "Commuters cheered at the station. "
            "The Sorrel tunnel reopened after the lining was rebuilt in record time."
        )
        [m] = idx.trace(copy)
        assert m.source_id == "marrow-003"
        # The same text traced on its own is the stored article itself: no match, named once instead.
        assert idx.trace(new) == [] and idx.same_article(new) == "marrow-003"
        assert idx.stats()["articles"] == 4


def test_interrupted_add_keeps_committed_batches_and_rerun_finishes(index_path: Path) -> None:
    arts = source_articles()

    def interrupted() -> Iterator[Article]:
        yield from arts[:3]
        raise KeyboardInterrupt

    settings = ReuseSettings(batch_size=2)
    with Index.open(index_path, settings) as idx, pytest.raises(KeyboardInterrupt):
        idx.add_many(interrupted())
    with Index.open(index_path, settings) as idx:
        assert idx.stats()["articles"] == 3  # two batches written: one full, one flushed on the way out
        report = idx.add_many(arts)
        assert (report.added, report.unchanged) == (1, 3)
        assert idx.trace(arts[3])[0].source_id in {"kestrel-004", "tidewater-001"}


def test_bad_records_are_reported_and_the_batch_goes_on(index_path: Path) -> None:
    items: list[Article | Failure] = [
        Failure(id="bad-1", source="feed.jsonl:2", error="record has no text", code="W010"),
        Article(id="empty", text="   "),
        *source_articles(),
    ]
    with Index.open(index_path) as idx:
        report = idx.add_many(items)
        assert report.added == 4
        assert [f.id for f in report.failures] == ["bad-1", "empty"]
        assert idx.stats()["failures"] == 2


def test_index_refuses_an_index_from_another_fingerprint_version(index_path: Path) -> None:
    with Index.open(index_path) as idx:
        idx.add_many(source_articles())
        idx.store.set_meta("fingerprint_version", "something-older")
    with Index.open(index_path) as idx, pytest.raises(StoreError, match="rebuild"):
        idx.trace(source_articles()[0])


def test_index_readding_the_corpus_rebuilds_an_index_of_another_version(index_path: Path) -> None:
    with Index.open(index_path) as idx:
        idx.add_many(source_articles())
        idx.store.set_meta("fingerprint_version", "something-older")
    with Index.open(index_path) as idx:
        report = idx.add_many(source_articles())
        assert (report.added, report.unchanged) == (0, 4)
        copy = article_from_text("Intro line here. " + source_articles()[1].text)
        assert {m.source_id for m in idx.trace(copy)} == {source_articles()[1].id}


def test_query_scores_rare_word_overlap(index: Index) -> None:
    feats = index.normalizer.features("Bertil Rask warned that late frosts could halve the next crop.")
    [(best, share), *_] = index.query(feats)
    p = index.postings
    assert p.ids[int(p.sent_doc[best])] == "kestrel-002" and share > 0.9


def test_text_with_a_lone_surrogate_is_a_failure_not_a_crash(index_path: Path) -> None:
    bad = Article(id="broken-unicode", text="The ferry \ud800 to Ostrand was cancelled.")
    with Index.open(index_path) as idx:
        report = idx.add_many([bad, *source_articles()])
        assert report.added == 4
        assert [f.id for f in report.failures] == ["broken-unicode"]
        assert "not valid Unicode" in report.failures[0].error


def test_id_with_a_lone_surrogate_is_recorded_as_a_failure(index_path: Path) -> None:
    with Index.open(index_path) as idx:
        report = idx.add_many([Article(id="bad\udc80id", text="The ferry to Ostrand was cancelled.")])
        assert report.added == 0 and len(report.failures) == 1
        assert idx.stats()["failures"] == 1


def test_same_text_with_metadata_of_its_own_is_the_stored_article(index: Index) -> None:
    stored = source_articles()[2]
    pasted = article_from_text(stored.text, id="pasted-1", title="Tunnel shut", published="2031-04-06")
    assert index.same_article(pasted) == stored.id
    assert index.trace(pasted) == []  # not traced to itself as its own source
    same_place = article_from_text(stored.text, id="pasted-2", outlet=" marrow valley post ")
    assert index.same_article(same_place) == stored.id


def test_same_text_from_another_outlet_or_address_is_a_reprint_traced_to_the_stored_copy(
    index_path: Path,
) -> None:
    original = article_from_text(
        source_articles()[1].text,
        id="kes-2",
        outlet="Kestrel News Agency",
        url="https://kestrel.example/plums",
    )
    with Index.open(index_path) as idx:
        idx.add(original)
        reprint = article_from_text(original.text, id="farm-7", outlet="Daily Orchard Digest")
        assert idx.same_article(reprint) is None
        assert {m.source_id for m in idx.trace(reprint)} == {"kes-2"}
        elsewhere = article_from_text(original.text, id="farm-8", url="https://orchard.example/plums")
        assert idx.same_article(elsewhere) is None
        assert {m.source_id for m in idx.trace(elsewhere)} == {"kes-2"}
        # The stored address (spelt differently) with the same text is the stored article.
        again = article_from_text(original.text, id="kes-2b", url="HTTPS://kestrel.example/plums#top")
        assert idx.same_article(again) == "kes-2"
