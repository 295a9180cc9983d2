"""``Store.delete`` on both backends: the article and everything derived from it go, in one transaction."""

from __future__ import annotations

import datetime as dt

import pytest

from wiretrace import service
from wiretrace.corpus.store import Store, open_store
from wiretrace.corpus.types import SearchQuery, TableName
from wiretrace.errors import StoreError
from wiretrace.model import Failure, QuoteGroup, QuoteMember, Span, Story, StoryEntry
from wiretrace.reuse.index import FINGERPRINT_VERSION

from .helpers import PIER, PLUMS, TUNNEL, article, item

V = FINGERPRINT_VERSION


def _corpus(store: Store) -> None:
    arts = [
        article("tide-1", PIER, outlet="Tidewater Times", published="2031-04-02"),
        article("kes-2", PIER + " Kestrel adds a line.", outlet="Kestrel News", published="2031-04-03"),
        article("mar-3", TUNNEL, outlet="Marrow Post", published="2031-04-05"),
        article("plum-4", PLUMS, outlet="Kestrel News", published="2031-03-28"),
    ]
    store.write([item(a, analysed=True) for a in arts], V)
    store.record_failures(
        [
            Failure(id="tide-1", source="wires.jsonl:1", error="flags stage failed", code="W030"),
            Failure(id="other", source="wires.jsonl:9", error="no text", code="W010"),
        ]
    )
    member = {"span": Span(start=0, end=10), "speaker": "Ilse Dorn"}
    group = QuoteGroup(
        id="quote-tide-1-0",
        story="story-pier",
        speaker="Ilse Dorn",
        members=[
            QuoteMember(article_id="tide-1", outlet="Tidewater Times", variant="earliest", **member),
            QuoteMember(article_id="kes-2", outlet="Kestrel News", variant="trimmed", **member),
        ],
        earliest="tide-1",
        outlets=["Tidewater Times", "Kestrel News"],
        variants=["trimmed"],
    )
    pier = Story(
        id="story-pier",
        label="Pier approved",
        first_article="tide-1",
        articles=["tide-1", "kes-2"],
        outlets=["Tidewater Times", "Kestrel News"],
        timeline=[
            StoryEntry(article_id="tide-1", outlet="Tidewater Times", published=dt.date(2031, 4, 2)),
            StoryEntry(article_id="kes-2", outlet="Kestrel News", published=dt.date(2031, 4, 3)),
        ],
        quotes=[group.id],
    )
    tunnel = Story(
        id="story-tunnel",
        label="Tunnel closed",
        first_article="mar-3",
        articles=["mar-3"],
        timeline=[StoryEntry(article_id="mar-3", outlet="Marrow Post")],
    )
    store.put_story_assignments(
        [("tide-1", "story-pier", 1), ("kes-2", "story-pier", 2), ("mar-3", "story-tunnel", 3)], "job"
    )
    store.replace_story_records([pier, tunnel], [group])


def test_store_delete_removes_the_article_and_all_it_left(store: Store) -> None:
    _corpus(store)
    assert store.search(SearchQuery(text="tunnel"))
    result = store.delete(["mar-3", "nope", "mar-3"])
    assert result.deleted == ("mar-3",) and result.unknown == ("nope",)
    assert result.stories_removed == ("story-tunnel",)
    assert store.get_article("mar-3") is None and store.get_analysis("mar-3") is None
    assert store.search(SearchQuery(text="tunnel")) == []  # the full-text entry went too
    stats = store.stats()
    assert (stats["articles"], stats["analysed"], stats["fingerprints"]) == (3, 3, 3)
    tables: tuple[TableName, ...] = ("quotes", "flags", "matches", "entities")
    assert all(row[0] != "mar-3" for t in tables for row in store.iter_rows(t))
    assert store.get_story("story-tunnel") is None
    assert "mar-3" not in [a for a, _s, _n in store.story_assignments()]
    assert store.check() == []


def test_store_delete_keeps_a_story_consistent(store: Store) -> None:
    _corpus(store)
    result = store.delete(["tide-1"])
    assert result.stories_removed == ()
    story = store.get_story("story-pier")
    assert story is not None
    assert story.articles == ["kes-2"] and story.first_article == "kes-2"
    assert [e.article_id for e in story.timeline] == ["kes-2"] and story.outlets == ["Kestrel News"]
    group = store.get_quote_group("quote-tide-1-0")
    assert group is not None and [m.article_id for m in group.members] == ["kes-2"]
    assert group.earliest == "kes-2" and group.outlets == ["Kestrel News"]
    assert [a for a, _s, _n in store.story_assignments()] == ["kes-2", "mar-3"]
    # Its last member gone, the story and its quote group go too.
    assert store.delete(["kes-2"]).stories_removed == ("story-pier",)
    assert store.get_story("story-pier") is None and store.get_quote_group("quote-tide-1-0") is None


def test_store_delete_removes_the_failures_of_that_id_only(store: Store) -> None:
    _corpus(store)
    store.delete(["tide-1"])
    assert [f.article_id for f in store.failures()] == ["other"]


def test_store_delete_tells_the_reuse_index(store: Store) -> None:
    _corpus(store)
    before = store.index_state(V)
    token = store.changed()
    store.delete(["plum-4"])
    assert store.index_state(V).removed == before.removed + 1
    assert store.changed() != token
    assert [r.id for r in store.iter_fingerprints(V)] == ["tide-1", "kes-2", "mar-3"]


def test_store_delete_of_nothing_changes_nothing(store: Store) -> None:
    _corpus(store)
    token = store.index_state(V)
    result = store.delete(["unknown-id"])
    assert result.deleted == () and result.unknown == ("unknown-id",)
    assert store.stats()["articles"] == 4 and store.index_state(V) == token


def test_store_delete_read_only_refused(store_url: str) -> None:
    with open_store(store_url) as s:
        _corpus(s)
    with open_store(store_url, read_only=True) as ro, pytest.raises(StoreError):
        ro.delete(["tide-1"])
    with open_store(store_url) as s:
        assert s.get_article("tide-1") is not None


def test_service_delete_articles_many_ids(store: Store) -> None:
    _corpus(store)
    ids = [f"tide-1-{n}" for n in range(1200)] + ["kes-2", ""]  # more ids than one IN list holds
    result = service.delete_articles(store, ids)
    assert result.deleted == ("kes-2",) and len(result.unknown) == 1200
    assert store.stats()["articles"] == 3
