"""The FastAPI application: JSON API under ``/api/v1``, the web UI at ``/``, one error shape, the guards.

``create_app`` takes the settings and an optional store URL; without a store the analyse page and
``POST /api/v1/analyze`` work, and corpus routes answer 404 with code W084.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from wiretrace import __version__
from wiretrace.api.deps import Backend, NoCorpus
from wiretrace.api.routes import NotFound
from wiretrace.api.routes import router as api_router
from wiretrace.api.security import BodyLimit, RateLimiter, SecurityHeaders
from wiretrace.errors import IngestError, StoreError, WiretraceError
from wiretrace.settings import Settings

if TYPE_CHECKING:
    from wiretrace.analyze.pipeline import Pipeline


def create_app(
    settings: Settings | None = None, db_url: str | None = None, *, pipeline: Pipeline | None = None
) -> FastAPI:
    """The app; ``pipeline`` lets a caller that already holds one (tests, a benchmark) share it."""
    settings = settings or Settings.from_env()
    backend = Backend(settings, db_url, pipeline=pipeline)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        backend.close()

    app = FastAPI(
        title="wiretrace",
        version=__version__,
        summary="Who said what in a news article, where each passage came from, and what does not belong.",
        openapi_url="/openapi.json",
        docs_url=None,  # the bundled docs pages load script from a CDN, which the CSP forbids
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.backend = backend
    app.state.api_settings = settings.api
    app.state.rate_limiter = RateLimiter(settings.api.rate_limit)
    app.include_router(api_router)

    from wiretrace.web.routes import mount_web

    mount_web(app)
    _error_handlers(app)
    # Outermost last: headers wrap everything, the body limit runs before any route reads.
    if settings.api.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.api.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["authorization", "content-type"],
        )
    app.add_middleware(BodyLimit, max_bytes=settings.api.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _status_of(exc: WiretraceError) -> int:
    if isinstance(exc, NoCorpus | NotFound):
        return 404
    if isinstance(exc, StoreError):
        return 503
    if isinstance(exc, IngestError):
        return 400
    return 422  # the document itself: no text, unparsable, too long


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def error_response(request: Request, status: int, code: str, message: str, detail: Any = None) -> Response:
    if _wants_html(request):
        from wiretrace.web.routes import render_error

        return render_error(request, status, code, message)
    body: dict[str, Any] = {"code": code, "message": message}
    if detail is not None:
        body["detail"] = detail
    return JSONResponse({"error": body}, status_code=status)


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(WiretraceError)
    async def wiretrace_error(request: Request, exc: WiretraceError) -> Response:
        return error_response(request, _status_of(exc), exc.code, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail)
        code = message[1:5] if message.startswith("[W") else f"HTTP{exc.status_code}"
        message = message[7:] if message.startswith("[W") else message
        response = error_response(request, exc.status_code, code, message)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        detail = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in exc.errors()]
        return error_response(request, 422, "W086", "invalid request", detail)
