from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wiretrace.analyze.pipeline import Pipeline
from wiretrace.cli.app import app

from .helpers import BRIDGE, ORCHARD


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    from wiretrace import service

    folder = tmp_path_factory.mktemp("stories")
    src = folder / "articles.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for a in [*BRIDGE, ORCHARD]:
            art = a.article
            record = {"id": art.id, "title": art.title, "outlet": art.outlet, "text": art.text}
            record["published"] = art.published.isoformat() if art.published else None
            f.write(json.dumps(record) + "\n")
    db = folder / "news.db"
    with service.open_corpus(str(db)) as store:
        service.ingest(store, [src], pipeline=pipeline)
    return db


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.slow
def test_stories_cli_jsonl_has_a_line_per_article(store_path: Path) -> None:
    lines = [
        json.loads(x) for x in _run("stories", "--db", str(store_path), "--format", "jsonl").splitlines()
    ]
    got = {x["id"]: x["story"] for x in lines}
    assert set(got) == {a.article.id for a in [*BRIDGE, ORCHARD]}
    assert len({got[a.article.id] for a in BRIDGE}) == 1
    assert got[ORCHARD.article.id] != got[BRIDGE[0].article.id]


@pytest.mark.slow
def test_stories_cli_rerun_gives_the_same_stories(store_path: Path) -> None:
    first = _run("stories", "--db", str(store_path), "--format", "jsonl")
    assert _run("stories", "--db", str(store_path), "--format", "jsonl") == first
    rebuilt = _run("stories", "--db", str(store_path), "--format", "jsonl", "--rebuild")
    assert sorted(rebuilt.splitlines()) == sorted(first.splitlines())


@pytest.mark.slow
def test_stories_cli_quote_groups_spans_point_into_the_stored_text(store_path: Path) -> None:
    out = _run("quote-groups", "--db", str(store_path), "--format", "jsonl")
    groups = [json.loads(x) for x in out.splitlines()]
    texts = {a.article.id: a.article.text for a in BRIDGE}
    bridge = [g for g in groups if len(g["members"]) >= 2]
    assert bridge
    for m in bridge[0]["members"]:
        assert "rebuild the Velmora bridge" in texts[m["article_id"]][m["start"] : m["end"]]


@pytest.mark.slow
def test_stories_cli_story_and_quote_show_one_in_full(store_path: Path) -> None:
    lines = [
        json.loads(x)
        for x in _run("stories", "--db", str(store_path), "-f", "jsonl", "--records").splitlines()
    ]
    story = next(x for x in lines if x.get("type") == "story" and len(x["articles"]) == len(BRIDGE))
    shown = _run("story", story["id"], "--db", str(store_path))
    assert story["label"] in shown and "harbourgazette.example" in shown
    if story["quotes"]:
        assert "Velmora bridge" in _run("quote", story["quotes"][0], "--db", str(store_path))


@pytest.mark.slow
def test_stories_cli_unknown_story_is_one_line_and_exit_2(store_path: Path) -> None:
    result = CliRunner().invoke(app, ["story", "story-nope", "--db", str(store_path)])
    assert result.exit_code == 2
