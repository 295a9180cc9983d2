"""``wiretrace serve``: the HTTP API and web UI over the service layer, served by uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from wiretrace.cli.options import build_settings, fail


def serve_command(
    db: Annotated[
        str | None,
        typer.Option("--db", help="Corpus store URL or path (sqlite:///corpus.db, postgresql://...)."),
    ] = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on (setting api.host).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (setting api.port).")] = None,
) -> None:
    """Serve the JSON API (/api/v1, schema at /openapi.json) and the web UI.

    Reads are open on loopback; writes need the token in setting api.token. Without --db only the
    analyse page and POST /api/v1/analyze work.

    Example:

    \b
        wiretrace serve --db sqlite:///corpus.db
        WIRETRACE_API__TOKEN=secret wiretrace serve --host 0.0.0.0 --port 8080
    """
    import uvicorn

    from wiretrace.api.app import create_app

    settings = build_settings()
    if host:
        settings.api.host = host
    if port is not None:
        settings.api.port = port
    if host and host not in ("127.0.0.1", "::1", "localhost") and not settings.api.token:
        typer.echo("wiretrace: listening beyond loopback without api.token: writes are refused", err=True)
    try:
        app = create_app(settings, db)
    except ValueError as exc:
        fail(str(exc))
    uvicorn.run(app, host=settings.api.host, port=settings.api.port, log_level="info", access_log=False)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
