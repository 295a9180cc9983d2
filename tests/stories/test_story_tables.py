from __future__ import annotations

from pathlib import Path

from wiretrace.corpus.store import open_store
from wiretrace.model import QuoteGroup, QuoteMember, Span, Story


def test_story_tables_round_trip_on_sqlite(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
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


def test_story_tables_iter_analyses_covers_articles_without_an_analysis(tmp_path: Path) -> None:
    from wiretrace import service

    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": "n-1", "text": "The Salden orchard festival opened on Saturday."}\n', encoding="utf-8"
    )
    with open_store(tmp_path / "s.db") as store:
        service.ingest(store, [src], analyse=False)
        got = list(store.iter_analyses())
    assert [a.article.id for a in got] == ["n-1"]
    assert got[0].quotes == []
