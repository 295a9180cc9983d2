"""``wiretrace delete``: remove stored articles and everything derived from them."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from wiretrace.cli.corpus_options import DbOpt, opened
from wiretrace.cli.options import fail


def _interactive() -> bool:
    return sys.stdin.isatty()


def delete_command(
    article_ids: Annotated[
        list[str], typer.Argument(help="Ids of the articles to delete.", show_default=False)
    ],
    db: DbOpt = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Delete without asking (needed when stdin is not a terminal).")
    ] = False,
) -> None:
    """Delete stored articles: each with its analysis, quotes, search entry, reuse fingerprints, story
    memberships and recorded failures, all in one transaction. A story left without articles goes too.

    Asks first on a terminal; elsewhere it needs --yes. Ids that are not stored are reported, and the
    exit code is then 1 (the others are still deleted).

    Example:

    \b
        wiretrace delete tidewater-001 kestrel-017 --db news.db --yes
    """
    from wiretrace import service
    from wiretrace.output.terminal import clean

    ids = list(dict.fromkeys(i for i in article_ids if i))
    if not ids:
        fail("give at least one non-empty article id")
    if not yes:
        if not _interactive():
            fail("refusing to delete without confirmation: add --yes (stdin is not a terminal)")
        shown = ", ".join(clean(i) for i in ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
        if not typer.confirm(f"Delete {len(ids)} article(s) ({shown})?", err=True):
            fail("nothing deleted", code=1)
    with opened(db) as store:
        result = service.delete_articles(store, ids)
        url = store.url
    for ident in result.unknown:
        typer.echo(f"wiretrace: no article with id {clean(ident)!r}", err=True)
    stories = f", {len(result.stories_removed)} emptied stories removed" if result.stories_removed else ""
    typer.echo(
        f"{clean(url)}: {len(result.deleted)} deleted, {len(result.unknown)} not found{stories}", err=True
    )
    if result.unknown:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("delete")(delete_command)
