"""Corpus routes over a real SQLite store: articles, analyses, search, quotes, speakers, ingest."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.conftest import TOKEN, make_client
from wiretrace.analyze.pipeline import Pipeline
from wiretrace.model import Analysis


def test_corpus_routes_list_and_page_articles(corpus_client: TestClient) -> None:
    ids: list[str] = []
    offset: int | None = 0
    while offset is not None:
        page = corpus_client.get("/api/v1/articles", params={"limit": 2, "offset": offset}).json()
        assert len(page["items"]) <= 2
        ids += [h["id"] for h in page["items"]]
        offset = page["next_offset"]
    assert len(ids) == len(set(ids)) == 5


def test_corpus_routes_search_with_filters(corpus_client: TestClient) -> None:
    hits = corpus_client.get("/api/v1/search", params={"q": "cod"}).json()["items"]
    assert hits and all("cod" in (h["snippet"] + (h["title"] or "")).lower() for h in hits)
    outlet = hits[0]["outlet"]
    only = corpus_client.get("/api/v1/search", params={"q": "cod", "outlet": outlet}).json()["items"]
    assert only and {h["outlet"] for h in only} == {outlet}
    assert corpus_client.get("/api/v1/search", params={"q": "zebra-unicorn"}).json()["items"] == []


def test_corpus_routes_article_and_analysis(corpus_client: TestClient) -> None:
    hit = corpus_client.get("/api/v1/search", params={"q": "bakery"}).json()["items"][0]
    art = corpus_client.get(f"/api/v1/articles/{hit['id']}").json()
    assert art["id"] == hit["id"] and "bakery" in art["text"].lower()
    analysis = Analysis.model_validate(corpus_client.get(f"/api/v1/articles/{hit['id']}/analysis").json())
    assert analysis.article.id == hit["id"]
    assert corpus_client.get("/api/v1/articles/no-such-id").status_code == 404


def test_corpus_routes_speaker_quotes_earliest_first(corpus_client: TestClient) -> None:
    page = corpus_client.get("/api/v1/speakers/Okafor/quotes").json()
    assert page["items"] and all("okafor" in q["speaker"].lower() for q in page["items"])
    dates = [q["published"] for q in page["items"] if q["published"]]
    assert dates == sorted(dates)
    same = corpus_client.get("/api/v1/quotes", params={"speaker": "Okafor"}).json()
    assert same["items"] == page["items"]


def test_corpus_routes_analyze_traces_against_the_corpus(
    corpus_client: TestClient, example_text: str
) -> None:
    a = Analysis.model_validate(corpus_client.post("/api/v1/analyze", json={"text": example_text}).json())
    assert a.matches
    known = {h["id"] for h in corpus_client.get("/api/v1/articles?limit=50").json()["items"]}
    assert {m.source_id for m in a.matches} <= known


def test_corpus_routes_ingest_needs_the_token(pipeline: Pipeline, corpus_url: str) -> None:
    body = {"articles": [{"text": "A short note about the harbour.\n\nNothing else.", "outlet": "Test Wire"}]}
    with make_client(pipeline, corpus_url) as c:
        assert c.post("/api/v1/ingest", json=body).status_code == 401
        assert (
            c.post("/api/v1/ingest", json=body, headers={"authorization": "Bearer wrong"}).status_code == 401
        )
    with make_client(pipeline, corpus_url, token=None) as c:
        r = c.post("/api/v1/ingest", json=body, headers={"authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 403  # no token configured: writes are off


def test_corpus_routes_ingest_with_the_token_stores(pipeline: Pipeline, tmp_path: object) -> None:
    from wiretrace import service

    url = f"sqlite:///{tmp_path}/w.db"
    service.open_corpus(url).close()
    body = {
        "articles": [
            {
                "text": "Pier opens in Vardby\n\nThe pier opened on Friday, officials said.",
                "outlet": "Test Wire",
            },
            {"url": "http://127.0.0.1:9/private"},
        ],
        "analyse": False,
    }
    with make_client(pipeline, url) as c:
        r = c.post("/api/v1/ingest", json=body, headers={"authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200, r.text
        assert r.json()["added"] == 1 and len(r.json()["failures"]) == 1
        hits = c.get("/api/v1/search", params={"q": "Vardby"}).json()["items"]
        assert [h["outlet"] for h in hits] == ["Test Wire"]
