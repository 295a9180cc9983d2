"""Fetching: the SSRF guard (loopback server refused by default, allowed when told; redirects to private
addresses refused), robots.txt, redirect and size limits, the per-host delay. Nothing leaves this machine:
a real server on 127.0.0.1, and httpx's MockTransport with a resolver hook for "public" hosts."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from wiretrace.errors import IngestError
from wiretrace.extract import iter_articles
from wiretrace.ingest import RawDocument, ReadContext, read_source
from wiretrace.ingest.fetch import Fetcher
from wiretrace.ingest.guard import check_url
from wiretrace.model import Article, Failure
from wiretrace.settings import FetchSettings

BODY = "Harbour pilots walked out on Friday, said union steward Ansel Brook, citing unpaid overtime."
PAGE = (
    f"<html><head><title>Pilots strike</title></head>"
    f"<body><article><p>{BODY}</p><p>{BODY}</p></article></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            body, ctype = b"User-agent: *\nDisallow: /private\n", "text/plain"
        elif self.path == "/hop":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        else:
            body, ctype = PAGE.encode(), "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def local_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_fetch_loopback_server_refused_by_default(local_server: str) -> None:
    [item] = list(read_source(f"{local_server}/article"))
    assert isinstance(item, Failure) and "non-public address (127.0.0.1)" in item.error


def test_fetch_loopback_server_allowed_when_told(local_server: str) -> None:
    ctx = ReadContext(fetch=FetchSettings(allow_private=True, per_host_delay=0))
    [art] = list(iter_articles([f"{local_server}/hop"], context=ctx))
    assert isinstance(art, Article) and "Ansel Brook" in art.text
    assert art.url == f"{local_server}/article" and art.source == f"{local_server}/article"
    [blocked] = list(read_source(f"{local_server}/private/x", context=ctx))
    assert isinstance(blocked, Failure) and "robots.txt" in blocked.error


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "192.168.0.1",
        "169.254.169.254",
        "::1",
        "fe80::1",
        "::ffff:127.0.0.1",
        "0.0.0.0",
    ],
)
def test_fetch_guard_refuses_non_global_addresses_after_resolution(address: str) -> None:
    with pytest.raises(IngestError, match="non-public"):
        check_url("http://looks-public.example/", allow_private=False, resolver=lambda h, p: [address])
    check_url("http://looks-public.example/", allow_private=True, resolver=lambda h, p: [address])


def test_fetch_guard_refuses_other_schemes_and_credentials() -> None:
    for url in ("file:///etc/passwd", "ftp://x.example/", "http://user:pw@x.example/"):
        with pytest.raises(IngestError):
            check_url(url, allow_private=False, resolver=lambda h, p: ["93.184.216.34"])


def _public(host: str, port: int) -> list[str]:
    return {"news.example": ["93.184.216.34"], "intranet.example": ["192.168.1.10"]}.get(host, ["10.0.0.1"])


def _fetcher(handler: object, **settings: object) -> tuple[Fetcher, list[str]]:
    seen: list[str] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return handler(request)  # type: ignore[operator, no-any-return]

    cfg = FetchSettings(per_host_delay=0, robots=False, **settings)  # type: ignore[arg-type]
    return Fetcher(cfg, resolver=_public, transport=httpx.MockTransport(record)), seen


@pytest.mark.parametrize(
    "target",
    ["http://169.254.169.254/latest/meta-data/", "http://intranet.example/admin", "http://[::1]:8080/"],
)
def test_fetch_redirect_to_a_private_address_is_refused_before_any_request(target: str) -> None:
    fetcher, seen = _fetcher(lambda r: httpx.Response(302, headers={"Location": target}))
    with fetcher, pytest.raises(IngestError, match="non-public"):
        fetcher.fetch("http://news.example/story")
    assert seen == ["http://news.example/story"]


def test_fetch_redirect_limit_and_size_cap() -> None:
    loop, _ = _fetcher(lambda r: httpx.Response(301, headers={"Location": "/again"}), max_redirects=3)
    with loop, pytest.raises(IngestError, match="more than 3 redirects"):
        loop.fetch("http://news.example/a")
    big, _ = _fetcher(lambda r: httpx.Response(200, content=b"x" * 5000), max_bytes=1000)
    with big, pytest.raises(IngestError, match="byte limit"):
        big.fetch("http://news.example/big")


def test_fetch_timeout_is_one_clear_error() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    fetcher, _ = _fetcher(slow)
    with fetcher, pytest.raises(IngestError, match="timed out"):
        fetcher.fetch("http://news.example/slow")


def test_fetch_robots_unreachable_disallows_and_missing_allows() -> None:
    def site(status: int) -> object:
        def handler(r: httpx.Request) -> httpx.Response:
            if r.url.path == "/robots.txt":
                return httpx.Response(status)
            return httpx.Response(200, html=PAGE)

        return handler

    cfg = FetchSettings(per_host_delay=0)
    down = Fetcher(cfg, resolver=_public, transport=httpx.MockTransport(site(503)))  # type: ignore[arg-type]
    with down, pytest.raises(IngestError, match="robots"):
        down.fetch("http://news.example/a")
    missing = Fetcher(cfg, resolver=_public, transport=httpx.MockTransport(site(404)))  # type: ignore[arg-type]
    with missing:
        assert missing.fetch("http://news.example/a").content_type == "text/html"


def test_fetch_waits_between_requests_to_one_host() -> None:
    now = [0.0]
    waits: list[float] = []
    cfg = FetchSettings(per_host_delay=2.0, robots=False)
    fetcher = Fetcher(
        cfg,
        resolver=_public,
        transport=httpx.MockTransport(lambda r: httpx.Response(200, html=PAGE)),
        clock=lambda: now[0],
        sleep=lambda s: (waits.append(s), now.__setitem__(0, now[0] + s)),  # type: ignore[func-returns-value]
    )
    with fetcher:
        for _ in range(3):
            fetcher.fetch("http://news.example/a")
    assert waits == [2.0, 2.0]


def test_fetch_url_list_and_http_charset(tmp_path: object) -> None:
    latin = PAGE.replace("Pilots", "Lotsen für").encode("cp1252")
    fetcher, _ = _fetcher(
        lambda r: httpx.Response(
            200, content=latin, headers={"Content-Type": "text/html; charset=windows-1252"}
        )
    )
    from pathlib import Path

    p = Path(str(tmp_path)) / "list.urls"
    p.write_text("# pages\nhttp://news.example/1\nhttp://intranet.example/2\n", encoding="utf-8")
    with fetcher:
        items = list(read_source(p, context=ReadContext(fetcher=fetcher)))
    ok, refused = items
    assert isinstance(ok, RawDocument) and "Lotsen für" in ok.content and not ok.warnings
    assert isinstance(refused, Failure) and "non-public" in refused.error
