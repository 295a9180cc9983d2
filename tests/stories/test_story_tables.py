from __future__ import annotations

import json
from pathlib import Path

import pytest

from wiretrace.analyze.pipeline import Pipeline
from wiretrace.corpus.store import open_store
from wiretrace.model import QuoteGroup, QuoteMember, Span, Story

from .helpers import BRIDGE


def test_story_tables_round_trip(store_url: str) -> None:
    with open_store(store_url) as store:
        assert "stories_001_tables" in store.applied_migrations()
        store.put_story_assignments([("a-1", "story-a-1", 1), ("a-2", "story-a-1", 2)], "stories.v1")
        store.put_story_assignments([("a-2", "story-a-2", 2)], "stories.v1")
        assert store.story_assignments() == [("a-1", "story-a-1", 1), ("a-2", "story-a-2", 2)]
        story = Story(id="story-a-1", label="Bridge collapses", first_article="a-1", articles=["a-1"])
        group = QuoteGroup(
            id="quote-a-1-5",
            story="story-a-1",
            speaker="Ilse Dorn",
            earliest="a-1",
            members=[QuoteMember(article_id="a-1", span=Span(start=5, end=20))],
        )
        store.replace_story_records([story], [group])
        store.replace_story_records([story], [group])
        assert store.story_records() == [story]
        assert store.get_quote_group("quote-a-1-5") == group
        assert store.get_story("missing") is None


def test_story_tables_iter_analyses_covers_articles_without_an_analysis(
    tmp_path: Path, store_url: str
) -> None:
    from wiretrace import service

    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": "n-1", "text": "The Salden orchard festival opened on Saturday."}\n', encoding="utf-8"
    )
    with open_store(store_url) as store:
        service.ingest(store, [src], analyse=False)
        got = list(store.iter_analyses())
    assert [a.article.id for a in got] == ["n-1"]
    assert got[0].quotes == []


@pytest.mark.slow
def test_story_tables_update_stories_runs_on_every_backend(
    tmp_path: Path, store_url: str, pipeline: Pipeline
) -> None:
    from wiretrace import service

    src = tmp_path / "in.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for a in BRIDGE:
            art = a.article
            published = art.published.isoformat() if art.published else None
            f.write(json.dumps({"id": art.id, "text": art.text, "published": published}) + "\n")
    with open_store(store_url) as store:
        service.ingest(store, [src], pipeline=pipeline)
        first = service.update_stories(store, embed=False)
        again = service.update_stories(store, embed=False)
        assert first.articles == len(BRIDGE) and first.placed == len(BRIDGE)
        assert again.placed == 0
        stories = {s for _, s in service.story_assignments(store)}
        assert len(stories) == 1
        groups = service.list_quote_groups(store)
        assert groups and service.get_quote_group(store, groups[0].id) == groups[0]
        assert service.get_story(store, stories.pop()) is not None


@pytest.mark.slow
def test_story_tables_source_attribution_is_written_back(
    tmp_path: Path, store_url: str, pipeline: Pipeline
) -> None:
    from wiretrace import service
    from wiretrace.model import SourceAttribution

    art = BRIDGE[0].article
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": art.id, "text": art.text}) + "\n", encoding="utf-8")
    with open_store(store_url) as store:
        service.ingest(store, [src], pipeline=pipeline)
        stored = store.get_analysis(art.id)
        assert stored is not None and stored.quotes
        found = SourceAttribution(
            source_id="river-wire-900", name="Ilse Dorn", source_span=Span(start=0, end=5), evidence="test"
        )
        quotes = [stored.quotes[0].model_copy(update={"source_attribution": found}), *stored.quotes[1:]]
        store.put_source_attributions([stored.model_copy(update={"quotes": quotes})])
        again = store.get_analysis(art.id)
    assert again is not None
    assert again.quotes[0].source_attribution == found
    assert again.article.text == art.text
