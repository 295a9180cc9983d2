"""The JSON routes, called in-process: analysis in, Analysis JSON out, one error shape everywhere."""

from __future__ import annotations

from fastapi.testclient import TestClient

from wiretrace.model import SCHEMA_VERSION, Analysis

TEXT = (
    "Harbour board approves new ferry pier\n\n"
    '"We will open the pier before the summer," said Ines Marlow, the board\'s chair.\n\n'
    "The pier will cost 4 million crowns, the board said on Friday."
)


def test_routes_analyze_text_returns_the_analysis(client: TestClient) -> None:
    r = client.post(
        "/api/v1/analyze", json={"text": TEXT, "outlet": "Fjord Daily", "published": "2026-04-03"}
    )
    assert r.status_code == 200
    a = Analysis.model_validate(r.json())
    assert a.schema_version == SCHEMA_VERSION
    assert a.article.outlet == "Fjord Daily"
    assert a.article.published is not None and a.article.published.isoformat() == "2026-04-03"
    speakers = {q.speaker.name for q in a.quotes if q.speaker}
    assert any("Marlow" in s for s in speakers)
    assert all(0 <= q.span.start <= q.span.end <= len(a.article.text) for q in a.quotes)


def test_routes_analyze_html_extracts_the_text(client: TestClient) -> None:
    paras = "".join(f"<p>{p}</p>" for p in TEXT.split("\n\n")[1:])
    html = (
        "<html><head><title>Pier</title></head><body><nav>Home | News</nav>"
        f"<article><h1>Pier</h1>{paras}</article></body></html>"
    )
    r = client.post("/api/v1/analyze", json={"html": html})
    assert r.status_code == 200, r.text
    assert "Ines Marlow" in r.json()["article"]["text"]
    assert "<p>" not in r.json()["article"]["text"]


def test_routes_analyze_needs_exactly_one_source(client: TestClient) -> None:
    for body in ({}, {"text": "a", "html": "<p>b</p>"}, {"text": "   "}, {"text": "x", "colour": "red"}):
        r = client.post("/api/v1/analyze", json=body)
        assert r.status_code == 422, body
        assert set(r.json()) == {"error"}
        assert r.json()["error"]["code"] == "W086"


def test_routes_analyze_url_must_be_http(client: TestClient) -> None:
    for url in ("file:///etc/passwd", "javascript:alert(1)", "/etc/passwd", "ftp://example.org/a"):
        r = client.post("/api/v1/analyze", json={"url": url})
        assert r.status_code == 422, url


def test_routes_analyze_url_to_a_private_address_is_refused(client: TestClient) -> None:
    r = client.post("/api/v1/analyze", json={"url": "http://127.0.0.1:9/admin"})
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "W010"


def test_routes_corpus_routes_without_a_corpus_say_so(client: TestClient) -> None:
    for path in (
        "/api/v1/search?q=pier",
        "/api/v1/articles",
        "/api/v1/articles/x",
        "/api/v1/quotes?speaker=a",
    ):
        r = client.get(path)
        assert r.status_code == 404, path
        assert r.json()["error"]["code"] == "W084"


def test_routes_unknown_path_has_the_error_shape(client: TestClient) -> None:
    r = client.get("/api/v1/nothing-here")
    assert r.status_code == 404
    assert set(r.json()["error"]) >= {"code", "message"}


def test_routes_health_reports_no_corpus(client: TestClient) -> None:
    assert client.get("/api/v1/health").json()["corpus"] is False


def test_routes_pagination_bounds_are_validated(client: TestClient) -> None:
    assert client.get("/api/v1/search?limit=0").status_code == 422
    assert client.get("/api/v1/search?limit=100000").status_code == 422
    assert client.get("/api/v1/search?offset=-1").status_code == 422
