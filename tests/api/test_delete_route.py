"""``DELETE /api/v1/articles/{id}``: the write token, 404 for an unknown id, the article gone after."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from wiretrace import service
from wiretrace.model import Article
from wiretrace.settings import Settings

from .conftest import TOKEN, make_client

if TYPE_CHECKING:
    from wiretrace.analyze.pipeline import Pipeline

AUTH = {"authorization": f"Bearer {TOKEN}"}


@pytest.fixture()
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'd.db'}"
    articles = [
        Article(id="vard-1", text="The Vardby pier opened on Friday, officials said.", outlet="Test Wire"),
        Article(id="vard/2", text="Ferry crews in Vardby voted to strike next week.", outlet="Test Wire"),
    ]
    with service.open_corpus(url) as store:
        service.ingest_items(store, articles, Settings(), analyse=False)
    return url


def test_delete_route_needs_the_token(pipeline: Pipeline, url: str) -> None:
    with make_client(pipeline, url) as c:
        assert c.delete("/api/v1/articles/vard-1").status_code == 401
        wrong = {"authorization": "Bearer not-it"}
        assert c.delete("/api/v1/articles/vard-1", headers=wrong).status_code == 401
        assert c.get("/api/v1/articles/vard-1").status_code == 200
    with make_client(pipeline, url, token=None) as c:
        assert c.delete("/api/v1/articles/vard-1", headers=AUTH).status_code == 403


def test_delete_route_removes_the_article(pipeline: Pipeline, url: str) -> None:
    with make_client(pipeline, url) as c:
        r = c.delete("/api/v1/articles/vard/2", headers=AUTH)
        assert r.status_code == 200, r.text
        assert r.json() == {"deleted": ["vard/2"], "stories_removed": []}
        assert c.get("/api/v1/articles/vard/2").status_code == 404
        hits = c.get("/api/v1/search", params={"q": "Vardby"}).json()["items"]
        assert [h["id"] for h in hits] == ["vard-1"]


def test_delete_route_unknown_id_is_404(pipeline: Pipeline, url: str) -> None:
    with make_client(pipeline, url) as c:
        r = c.delete("/api/v1/articles/ghost", headers=AUTH)
        assert r.status_code == 404 and r.json()["error"]["code"] == "W085"
    with service.open_corpus(url) as store:
        assert store.stats()["articles"] == 2
