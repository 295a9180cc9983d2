"""The guards at the HTTP edge: headers, body size, rate limit, token for writes, reads off loopback, CORS."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi.testclient import TestClient

from api.conftest import TOKEN, make_client
from wiretrace.analyze.pipeline import Pipeline
from wiretrace.api.security import CONTENT_SECURITY_POLICY, RateLimiter, is_loopback


def test_security_every_response_has_the_csp(client: TestClient) -> None:
    for path in ("/", "/api/v1/health", "/openapi.json", "/static/style.css", "/nope"):
        r = client.get(path)
        assert r.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert r.headers["x-content-type-options"] == "nosniff"
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY


def test_security_body_over_the_limit_is_refused(pipeline: Pipeline) -> None:
    with make_client(pipeline, max_body_bytes=1000) as c:
        r = c.post("/api/v1/analyze", json={"text": "x" * 2000})
        assert r.status_code == 413
        assert r.json()["error"]["code"] == "W080"

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
            yield b'{"text": "'
            for _ in range(50):
                yield b"y" * 100
            yield b'"}'

        r = c.post("/api/v1/analyze", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413


def test_security_analyse_is_rate_limited_per_client(pipeline: Pipeline) -> None:
    with make_client(pipeline, rate_limit=2) as c:
        codes = [c.post("/api/v1/analyze", json={}).status_code for _ in range(3)]
        assert codes == [422, 422, 429]
        assert c.get("/api/v1/health").status_code == 200  # reads are not limited


def test_security_rate_limiter_refills_over_time() -> None:
    limiter = RateLimiter(per_minute=60)
    assert all(limiter.allow("a", now=0.0) for _ in range(60))
    assert not limiter.allow("a", now=0.0)
    assert limiter.allow("b", now=0.0)  # per client
    assert limiter.allow("a", now=1.5)  # one token a second


def test_security_reads_beyond_loopback_need_the_token(pipeline: Pipeline) -> None:
    from wiretrace.api.app import create_app
    from wiretrace.settings import Settings

    app = create_app(Settings(api={"token": TOKEN}), None, pipeline=pipeline)
    with TestClient(app, client=("203.0.113.7", 4000)) as c:
        assert c.get("/api/v1/search?q=a").status_code == 401
        assert c.post("/api/v1/analyze", json={"text": "x"}).status_code == 401  # analysis is a read
        r = c.get("/api/v1/search?q=a", headers={"authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 404  # past the guard: this app has no corpus
    with TestClient(app, client=("127.0.0.1", 4000)) as c:
        assert c.get("/api/v1/search?q=a").status_code == 404


def test_security_loopback_addresses() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1")
    assert not is_loopback("10.0.0.1") and not is_loopback("203.0.113.7") and not is_loopback("")


def test_security_cors_is_off_by_default(client: TestClient, pipeline: Pipeline) -> None:
    preflight = {"origin": "https://tools.example.org", "access-control-request-method": "POST"}
    r = client.options("/api/v1/analyze", headers=preflight)
    assert "access-control-allow-origin" not in r.headers
    with make_client(pipeline, cors_origins=["https://tools.example.org"]) as c:
        r = c.options("/api/v1/analyze", headers=preflight)
        assert r.headers["access-control-allow-origin"] == "https://tools.example.org"
