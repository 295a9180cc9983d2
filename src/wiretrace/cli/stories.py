"""``wiretrace stories``, ``quote-groups``, ``story ID``, ``quote ID``: one event and one statement
across outlets. The first two bring the store's stories up to date (new articles only) before listing."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, NoReturn

import typer

from wiretrace.cli.corpus_options import DbOpt, opened, plain
from wiretrace.errors import WiretraceError


class ListFormat(StrEnum):
    text = "text"
    jsonl = "jsonl"


ListFormatOpt = Annotated[
    ListFormat,
    typer.Option("--format", "-f", help="text for people, jsonl for programs (one line a record)."),
]


def _echo_text(line: str) -> None:
    from wiretrace.output.terminal import clean

    typer.echo(clean(line))


def _echo_json(record: dict[str, object]) -> None:
    typer.echo(json.dumps(plain(record), ensure_ascii=False))


def stories_command(
    db: DbOpt = None,
    fmt: ListFormatOpt = ListFormat.text,
    records: Annotated[
        bool,
        typer.Option("--records", help="jsonl: after the article lines, one line per story (type=story)."),
    ] = False,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Forget stored assignments and place every article again.")
    ] = False,
) -> None:
    """The story of every stored article: articles that report one event, across outlets and days.

    New articles join a story or found one; stored assignments never move (unless --rebuild). JSONL
    lines are {"id": <article id>, "story": <story id>}, then with --records one story record a line.

    Example:

    \b
        wiretrace stories --db news.db --format jsonl
    """
    from wiretrace import service

    with opened(db) as store:
        service.update_stories(store, rebuild=rebuild)
        assignments = service.story_assignments(store)
        stories = service.list_stories(store)
    if fmt is ListFormat.jsonl:
        for article_id, story in assignments:
            _echo_json({"id": article_id, "story": story})
        if records:
            for s in stories:
                _echo_json({"type": "story", **s.model_dump(mode="json")})
        return
    for s in stories:
        outlets = ", ".join(s.outlets[:4]) + (f" +{len(s.outlets) - 4}" if len(s.outlets) > 4 else "")
        _echo_text(f"{s.id}  {len(s.articles)} article(s)  {outlets or '-'}  {s.label}")


def quote_groups_command(db: DbOpt = None, fmt: ListFormatOpt = ListFormat.text) -> None:
    """The same statement by the same speaker across articles of one story, with every member's span.

    JSONL lines are {"group_id", "speaker", "members": [{"article_id", "start", "end"}], ...}; offsets
    point into the stored article text.

    Example:

    \b
        wiretrace quote-groups --db news.db --format jsonl
    """
    from wiretrace import service

    with opened(db) as store:
        service.update_stories(store)
        groups = service.list_quote_groups(store)
    for g in groups:
        if fmt is ListFormat.jsonl:
            _echo_json(
                {
                    "group_id": g.id,
                    "speaker": g.speaker,
                    "members": [
                        {
                            "article_id": m.article_id,
                            "start": m.span.start,
                            "end": m.span.end,
                            "variant": m.variant,
                        }
                        for m in g.members
                    ],
                    "story": g.story,
                    "earliest": g.earliest,
                    "outlets": g.outlets,
                    "variants": g.variants,
                    "speaker_disagreement": g.speaker_disagreement,
                }
            )
        else:
            flag = "  [speakers disagree]" if g.speaker_disagreement else ""
            _echo_text(f"{g.id}  {g.speaker or '(unattributed)'}  {len(g.members)} member(s){flag}")


def story_command(story_id: Annotated[str, typer.Argument(help="A story id.")], db: DbOpt = None) -> None:
    """One story in full: label, first article, timeline, outlets and quote groups.

    Example:

    \b
        wiretrace story story-harbour-gazette-001 --db news.db
    """
    from wiretrace import service

    with opened(db, read_only=True) as store:
        story = service.get_story(store, story_id)
        if story is None:
            raise_missing("story", story_id)
        groups = [service.get_quote_group(store, q) for q in story.quotes]
    _echo_text(f"{story.id}: {story.label}")
    _echo_text(f"first: {story.first_article}   outlets: {', '.join(story.outlets) or '-'}")
    for e in story.timeline:
        _echo_text(f"  {e.published or '----------'}  {e.outlet or '-'}  {e.article_id}  {e.title or ''}")
    for g in groups:
        if g is not None:
            _echo_text(f"  quote {g.id}: {g.speaker or '(unattributed)'}, {len(g.members)} member(s)")


def quote_command(
    group_id: Annotated[str, typer.Argument(help="A quote group id.")], db: DbOpt = None
) -> None:
    """One quote group in full: speaker, each member's words, outlet, date and how it differs.

    Example:

    \b
        wiretrace quote quote-harbour-gazette-001-120 --db news.db
    """
    from wiretrace import service

    with opened(db, read_only=True) as store:
        group = service.get_quote_group(store, group_id)
        if group is None:
            raise_missing("quote group", group_id)
        texts = {m.article_id: service.get_article(store, m.article_id) for m in group.members}
    flag = "  [outlets give these words to different speakers]" if group.speaker_disagreement else ""
    _echo_text(f"{group.id}: {group.speaker or '(unattributed)'} in story {group.story}{flag}")
    _echo_text(f"earliest: {group.earliest}   outlets: {', '.join(group.outlets) or '-'}")
    for m in group.members:
        art = texts.get(m.article_id)
        words = m.span.of(art.text) if art else ""
        how = f"{m.variant}{': ' + m.difference if m.difference else ''}"
        _echo_text(f"  {m.published or '----------'}  {m.outlet or '-'}  {m.article_id} [{how}]")
        _echo_text(f"      \u201c{words}\u201d  ({m.speaker or 'unattributed'})")


def raise_missing(what: str, ident: str) -> NoReturn:
    from wiretrace.cli.options import fail_on

    fail_on(WiretraceError(f"no {what} {ident!r} in the store (run `wiretrace stories` first)"))


def register(app: typer.Typer) -> None:
    app.command("stories")(stories_command)
    app.command("quote-groups")(quote_groups_command)
    app.command("story")(story_command)
    app.command("quote")(quote_command)
