"""The HTTP edge's protections: security headers, a body size limit, a per-client rate limit, the token.

Written as plain ASGI middleware (not ``BaseHTTPMiddleware``) so a request body is counted as it streams
in, before anything buffers it. The rate limiter is a small token bucket by hand because no installed
package provides one and the rule is a few lines; it lives in the process, which matches one server.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import HTTPException, Request

from wiretrace.settings import ApiSettings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Nothing inline, nothing from elsewhere: article text cannot run script even if a template slipped.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


async def _json_error(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers + list(SECURITY_HEADERS)})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Adds the CSP and friends to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyLimit:
    """Refuses bodies over ``max_bytes`` with 413, by Content-Length or while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0 or declared > self.max_bytes:
                    await _json_error(send, 413, "W080", f"request body over {self.max_bytes} bytes")
                    return
        seen = 0
        started = refused = False

        async def counted() -> Message:
            # Over the limit mid-stream: answer 413 now and tell the app the client went away, so
            # nothing buffers the rest (FastAPI would turn an exception here into a 400).
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes and not refused:
                    refused = True
                    if not started:
                        await _json_error(send, 413, "W080", f"request body over {self.max_bytes} bytes")
                    return {"type": "http.disconnect"}
            return message

        async def tracking(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the 413 already went out
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        await self.app(scope, counted, tracking)


class RateLimiter:
    """A token bucket per client address: ``per_minute`` requests, refilled continuously."""

    def __init__(self, per_minute: int, max_clients: int = 10_000) -> None:
        self.rate = per_minute / 60.0
        self.capacity = float(per_minute)
        self.max_clients = max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, client: str, now: float | None = None) -> bool:
        if self.capacity <= 0:
            return True
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.pop(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            allowed = tokens >= 1.0
            self._buckets[client] = (tokens - 1.0 if allowed else tokens, now)
            while len(self._buckets) > self.max_clients:  # forget the least recently seen
                self._buckets.popitem(last=False)
            return allowed


def client_host(request: Request) -> str:
    return request.client.host if request.client else ""


def is_loopback(host: str) -> bool:
    if host in ("testclient", "localhost"):  # Starlette's TestClient and httpx ASGITransport names
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _same_token(given: str, token: str | None) -> bool:
    return bool(token) and hmac.compare_digest(given.strip().encode(), str(token).encode())


def _token_ok(request: Request, token: str | None) -> bool:
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    return scheme.lower() == "bearer" and _same_token(given, token)


def check_write_token(request: Request, given: str | None = None) -> None:
    """A write needs the configured token: from the ``Authorization: Bearer`` header, or ``given`` (the
    web page's form field; a cross-site form cannot know it, so it also stands in for a CSRF token)."""
    settings: ApiSettings = request.app.state.api_settings
    if not settings.token:
        raise HTTPException(403, "[W081] writes are disabled: set api.token (WIRETRACE_API__TOKEN) first")
    if not (_token_ok(request, settings.token) or (given is not None and _same_token(given, settings.token))):
        raise HTTPException(401, "[W082] this write needs the API token", {"WWW-Authenticate": "Bearer"})


def writes_enabled(request: Request) -> bool:
    settings: ApiSettings = request.app.state.api_settings
    return bool(settings.token)


def require_write(request: Request) -> None:
    """Dependency of every write route: the configured token, always."""
    check_write_token(request)


def require_read(request: Request) -> None:
    """Dependency of every read route: open on loopback, else the token unless reads are public."""
    settings: ApiSettings = request.app.state.api_settings
    if settings.public_reads or is_loopback(client_host(request)) or _token_ok(request, settings.token):
        return
    raise HTTPException(
        401, "[W082] reads from beyond loopback need the API token", {"WWW-Authenticate": "Bearer"}
    )


def limit_analyse(request: Request) -> None:
    """Dependency of the analyse routes: the per-client rate limit."""
    limiter: RateLimiter = request.app.state.rate_limiter
    if not limiter.allow(client_host(request)):
        raise HTTPException(
            429, "[W083] too many analyse requests; try again in a minute", {"Retry-After": "60"}
        )
