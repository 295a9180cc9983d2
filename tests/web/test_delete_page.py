"""The article page's delete button: shown only when writes are on, the token typed in, article gone after."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from api.conftest import TOKEN, make_client
from wiretrace import service
from wiretrace.model import Article
from wiretrace.settings import Settings

if TYPE_CHECKING:
    from wiretrace.analyze.pipeline import Pipeline

HTML = {"accept": "text/html"}


@pytest.fixture()
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'd.db'}"
    articles = [
        Article(id="vard/2", text="Ferry crews in Vardby voted to strike next week.", outlet="Test Wire"),
        Article(
            id="vard-3",
            text="The Vardby pier reopened on Friday, the harbour office said.",
            outlet="Test Wire",
        ),
    ]
    with service.open_corpus(url) as store:
        service.ingest_items(store, articles, Settings(), analyse=False)
    return url


def test_delete_page_button_deletes_with_the_token(pipeline: Pipeline, url: str) -> None:
    with make_client(pipeline, url) as c:
        page = c.get("/articles/vard%2F2", headers=HTML)
        assert page.status_code == 200
        assert 'action="/articles/vard%2F2/delete"' in page.text and 'type="password"' in page.text
        r = c.post("/articles/vard%2F2/delete", data={"token": TOKEN}, headers=HTML)
        assert r.status_code == 200 and "Article vard/2 deleted" in r.text
        assert c.get("/articles/vard%2F2", headers=HTML).status_code == 404
        assert c.get("/articles/vard-3", headers=HTML).status_code == 200  # only that one


def test_delete_page_wrong_or_missing_token_keeps_the_article(pipeline: Pipeline, url: str) -> None:
    with make_client(pipeline, url) as c:
        for data in ({"token": "guess"}, {}):
            r = c.post("/articles/vard-3/delete", data=data, headers=HTML)
            assert r.status_code == 401 and "W082" in r.text
        assert c.get("/articles/vard-3", headers=HTML).status_code == 200


def test_delete_page_without_a_configured_token_has_no_button(pipeline: Pipeline, url: str) -> None:
    with make_client(pipeline, url, token=None) as c:
        page = c.get("/articles/vard-3", headers=HTML)
        assert page.status_code == 200 and "/delete" not in page.text
        r = c.post("/articles/vard-3/delete", data={"token": ""}, headers=HTML)
        assert r.status_code == 403 and "W081" in r.text
        assert c.get("/articles/vard-3", headers=HTML).status_code == 200


def test_delete_page_unknown_id_is_404(pipeline: Pipeline, url: str) -> None:
    with make_client(pipeline, url) as c:
        r = c.post("/articles/ghost/delete", data={"token": TOKEN}, headers=HTML)
        assert r.status_code == 404
