"""Fetch pages over HTTP with httpx: guarded, capped, polite.

- Every URL and every redirect hop passes the SSRF guard (``guard.check_url``); redirects are followed
  here, not by httpx, so that each hop is checked and counted against ``max_redirects``.
- Bodies are streamed and cut off at ``max_bytes``; connect and read timeouts apply.
- robots.txt is fetched once per host (through the same guard) and read with ``urllib.robotparser``.
  Following RFC 9309: a 4xx robots.txt allows everything, a 5xx or unreachable one disallows the host.
- Requests to one host are spaced by ``per_host_delay`` seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from types import TracebackType
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from wiretrace.errors import IngestError
from wiretrace.ingest.guard import Resolver, check_url, system_resolver
from wiretrace.settings import FetchSettings

_REDIRECTS = {301, 302, 303, 307, 308}
_ROBOTS_MAX_BYTES = 500_000


@dataclass
class Response:
    url: str  # the final URL, after redirects
    status: int
    content: bytes
    content_type: str  # media type without parameters, lower case ("text/html")
    charset: str | None  # from the Content-Type header


def _content_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    msg = Message()
    msg["content-type"] = header
    charset = msg.get_param("charset")
    return msg.get_content_type().lower(), charset if isinstance(charset, str) else None


class Fetcher:
    """One HTTP client for a run; use as a context manager or call ``close``."""

    def __init__(
        self,
        settings: FetchSettings,
        *,
        resolver: Resolver = system_resolver,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.resolver = resolver
        self._clock, self._sleep = clock, sleep
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}
        self._client = httpx.Client(
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=False,
            headers={"User-Agent": settings.user_agent},
            transport=transport,
            trust_env=False,  # a proxy from the environment would bypass the address check
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object | TracebackType) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str) -> Response:
        """GET ``url``, following redirects hop by hop; raise ``IngestError`` on any refusal or failure."""
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            check_url(current, allow_private=self.settings.allow_private, resolver=self.resolver)
            if self.settings.robots and not self._robots_allow(current):
                raise IngestError(f"{current}: disallowed by the site's robots.txt")
            status, location, body, header = self._get(current, self.settings.max_bytes)
            if status in _REDIRECTS and location:
                current = urljoin(current, location)
                continue
            if status >= 400:
                raise IngestError(f"{current}: HTTP {status}")
            kind, charset = _content_type(header)
            return Response(current, status, body, kind, charset)
        raise IngestError(f"{url}: more than {self.settings.max_redirects} redirects")

    def _get(self, url: str, max_bytes: int) -> tuple[int, str | None, bytes, str | None]:
        self._wait_turn(urlsplit(url).netloc.lower())
        try:
            with self._client.stream("GET", url) as resp:
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise IngestError(f"{url}: {int(declared):,} bytes is over the {max_bytes:,}-byte limit")
                chunks: list[bytes] = []
                size = 0
                if resp.status_code not in _REDIRECTS:
                    for chunk in resp.iter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise IngestError(f"{url}: response over the {max_bytes:,}-byte limit")
                        chunks.append(chunk)
                return (
                    resp.status_code,
                    resp.headers.get("location"),
                    b"".join(chunks),
                    resp.headers.get("content-type"),
                )
        except httpx.TimeoutException:
            raise IngestError(f"{url}: timed out after {self.settings.timeout:g} s") from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise IngestError(f"{url}: {type(exc).__name__}: {exc}") from None

    def _wait_turn(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            wait = self.settings.per_host_delay - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = self._clock()

    def _robots_allow(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin + "/robots.txt")
        parser = self._robots[origin]
        return parser is None or parser.can_fetch(self.settings.user_agent, url)

    def _load_robots(self, robots_url: str) -> RobotFileParser | None:
        """The host's rules; None means "everything allowed" (no robots.txt)."""
        parser = RobotFileParser(robots_url)
        try:
            current = robots_url
            for _hop in range(self.settings.max_redirects + 1):
                check_url(current, allow_private=self.settings.allow_private, resolver=self.resolver)
                status, location, body, _ = self._get(current, _ROBOTS_MAX_BYTES)
                if status in _REDIRECTS and location:
                    current = urljoin(current, location)
                    continue
                break
            else:
                status = 500
        except IngestError:
            status, body = 500, b""
        if 400 <= status < 500:
            return None
        if status >= 500 or status < 200:
            parser.disallow_all = True  # type: ignore[attr-defined]  # set by read() on 401/403 too
            return parser
        parser.parse(body.decode("utf-8", errors="replace").splitlines())
        return parser
