"""Postings on disk: written once, memory-mapped by the next process, refreshed by what others add."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from wiretrace.extract import article_from_text
from wiretrace.reuse.index import Index
from wiretrace.settings import ReuseSettings

from .conftest import source_articles


def _copy_of(i: int) -> str:
    return "A line of our own comes first. " + source_articles()[i].text


def test_snapshot_is_written_and_memory_mapped_by_the_next_index(index_path: Path) -> None:
    settings = ReuseSettings(postings_delta=0)
    with Index.open(index_path, settings) as idx:
        idx.add_many(source_articles())
        before = [m.source_id for m in idx.trace(article_from_text(_copy_of(1)))]
    snaps = [p for p in Path(f"{index_path}.postings").iterdir() if not p.name.startswith(".")]
    assert len(snaps) == 1
    with Index.open(index_path, settings) as again:
        p = again.postings
        post = p.segments[0].post  # a plain ndarray view (cheap to slice) of the memory map
        assert type(post) is np.ndarray and isinstance(post.base, np.memmap) and p.delta_docs == 0
        assert [m.source_id for m in again.trace(article_from_text(_copy_of(1)))] == before


def test_snapshot_open_index_sees_articles_another_index_adds(index_path: Path) -> None:
    articles = source_articles()
    with Index.open(index_path) as writer:
        writer.add_many(articles[:2])
        with Index.open(index_path) as reader:
            assert reader.postings.n_docs == 2
            writer.add_many(articles[2:])
            assert reader.postings.n_docs == 4 and reader.postings.delta_docs == 2
            assert articles[3].id in {m.source_id for m in reader.trace(article_from_text(_copy_of(3)))}


def test_snapshot_of_a_replaced_article_is_not_used(index_path: Path) -> None:
    settings = ReuseSettings(postings_delta=0)
    with Index.open(index_path, settings) as idx:
        idx.add_many(source_articles())
        _ = idx.postings
    with Index.open(index_path, settings) as idx:
        idx.add(article_from_text("The Sorrel tunnel reopened after a year of repairs.", id="marrow-003"))
    with Index.open(index_path, settings) as idx:
        old = article_from_text(_copy_of(2))
        assert all(m.source_id != "marrow-003" for m in idx.trace(old))


def test_snapshot_off_keeps_postings_in_memory(index_path: Path) -> None:
    with Index.open(index_path, ReuseSettings(postings_on_disk=False)) as idx:
        idx.add_many(source_articles())
        assert idx.postings.n_docs == 4
    assert not Path(f"{index_path}.postings").exists()
