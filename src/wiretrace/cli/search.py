"""``wiretrace search``: full-text search over the stored articles, with filters."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from wiretrace.cli.corpus_options import DbOpt, FormatOpt, QueryFormat, opened, print_rows
from wiretrace.cli.options import fail


def _date(value: str | None, flag: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{flag} wants an ISO date (YYYY-MM-DD), got {value!r}")


def search_command(
    query: Annotated[
        str, typer.Argument(help='Words that must all occur; "quoted phrases" must occur as written.')
    ] = "",
    db: DbOpt = None,
    outlet: Annotated[str | None, typer.Option(help="Only articles of this outlet.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after this ISO date.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before this ISO date.")] = None,
    speaker: Annotated[
        str | None, typer.Option(help="Only articles quoting this speaker (name contains).")
    ] = None,
    flag: Annotated[
        str | None, typer.Option(help="Only articles with this flag label (e.g. spinning).")
    ] = None,
    language: Annotated[str | None, typer.Option(help="Only articles in this language (ISO 639-1).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Most hits to show.")] = 20,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many hits (paging).")] = 0,
    fmt: FormatOpt = QueryFormat.text,
) -> None:
    """Search the stored articles: best matches first, each with a snippet around the words found.

    With no QUERY, lists the articles that pass the filters, newest first.

    Example:

    \b
        wiretrace search '"deep-water pier"' --outlet "Tidewater Times" --since 2031-04-01 --db news.db
        wiretrace search ferry --flag spinning --db news.db --format jsonl
    """
    from wiretrace import service
    from wiretrace.corpus.types import SearchQuery

    q = SearchQuery(
        text=query,
        outlet=outlet,
        since=_date(since, "--since"),
        until=_date(until, "--until"),
        speaker=speaker,
        flag=flag,
        language=language,
        limit=limit,
        offset=offset,
    )
    with opened(db, read_only=True) as store:
        hits = service.search(store, q)
    print_rows(
        hits,
        fmt,
        lambda h: f"{h.id}  {h.published or '-'}  {h.outlet or '-'}  {h.title or ''}\n    {h.snippet}",
    )


def register(app: typer.Typer) -> None:
    app.command("search")(search_command)
