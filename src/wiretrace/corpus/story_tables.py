"""Story assignments, story records and quote groups in the store (both backends; SQL stays here).

Three tables, created by the ``stories_*`` migrations of each backend:

* ``story_assignments``: article id -> story id, with the order the article was placed in (``seq``)
  and the job version that placed it; replaying in ``seq`` order rebuilds the clusterer's state;
* ``stories`` and ``quote_groups``: the derived records as JSON, replaced whole by each run.

``StoryTables`` is mixed into ``SqlStore``; it uses only the backend hooks ``_query`` and
``_transaction`` and ``?`` placeholders (the PostgreSQL backend rewrites them).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from wiretrace.model import Analysis, Article, QuoteGroup, Story

# Articles per page when streaming every analysis (``common`` imports this module: no import back).
PAGE = 2000

STORY_TABLES = frozenset({"story_assignments", "stories", "quote_groups"})

# Portable DDL: each backend's ``stories_001_tables`` migration runs these statements.
CREATE_STATEMENTS = (
    """CREATE TABLE story_assignments (
        article_id TEXT PRIMARY KEY, story TEXT NOT NULL, seq INTEGER NOT NULL, job TEXT NOT NULL
    )""",
    "CREATE INDEX story_assignments_story ON story_assignments(story)",
    "CREATE TABLE stories (id TEXT PRIMARY KEY, n INTEGER NOT NULL, json TEXT NOT NULL)",
    """CREATE TABLE quote_groups (
        id TEXT PRIMARY KEY, story TEXT NOT NULL, n INTEGER NOT NULL, speaker TEXT, json TEXT NOT NULL
    )""",
    "CREATE INDEX quote_groups_story ON quote_groups(story)",
)


class StoryStore(Protocol):
    """What the stories service needs from a store."""

    def iter_analyses(self) -> Iterator[Analysis]:
        """Every stored article in store order, as its stored analysis (an empty one if it has none)."""
        ...

    def story_assignments(self) -> list[tuple[str, str, int]]:
        """(article id, story id, seq) of every placed article, in seq order."""
        ...

    def put_story_assignments(self, rows: Sequence[tuple[str, str, int]], job: str) -> None: ...

    def put_source_attributions(self, analyses: Sequence[Analysis]) -> None:
        """Store the analyses whose quotes gained a ``source_attribution``."""
        ...

    def replace_story_records(self, stories: Sequence[Story], groups: Sequence[QuoteGroup]) -> None:
        """Replace every story and quote-group record in one transaction."""
        ...

    def story_records(self) -> list[Story]: ...

    def get_story(self, story_id: str) -> Story | None: ...

    def quote_group_records(self) -> list[QuoteGroup]: ...

    def get_quote_group(self, group_id: str) -> QuoteGroup | None: ...


def _parts(values: Sequence[str], size: int = 500) -> Iterator[list[str]]:
    for i in range(0, len(values), size):
        yield list(values[i : i + size])


def _without(story: Story, gone: set[str], groups: set[str]) -> Story:
    """The story without the deleted articles and the quote groups they emptied."""
    timeline = [e for e in story.timeline if e.article_id not in gone]
    articles = [a for a in story.articles if a not in gone]
    first = story.first_article
    if first in gone:
        first = timeline[0].article_id if timeline else (articles[0] if articles else "")
    return story.model_copy(
        update={
            "articles": articles,
            "timeline": timeline,
            "first_article": first,
            "outlets": list(dict.fromkeys(e.outlet for e in timeline if e.outlet)),
            "quotes": [q for q in story.quotes if q not in groups],
        }
    )


class StoryTables:
    """The ``StoryStore`` methods over the backend hooks of ``SqlStore``."""

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _transaction(self) -> Any:
        raise NotImplementedError

    def _writable(self) -> None:
        raise NotImplementedError

    def _article(self, r: tuple[Any, ...]) -> Article:
        raise NotImplementedError

    def iter_analyses(self) -> Iterator[Analysis]:
        from wiretrace.corpus.common import ARTICLE_COLUMNS

        columns = ", ".join(f"a.{c.strip()}" for c in ARTICLE_COLUMNS.split(","))
        last = 0
        while True:
            rows = self._query(
                f"SELECT a.doc, an.json, {columns} FROM articles a LEFT JOIN analyses an ON an.doc = a.doc"
                " WHERE a.doc > ? ORDER BY a.doc LIMIT ?",
                (last, PAGE),
            )
            for row in rows:
                article = self._article(row[2:])
                if row[1] is None:
                    yield Analysis(article=article)
                    continue
                data = json.loads(row[1])
                data["article"]["text"] = article.text
                yield Analysis.model_validate(data)
            if len(rows) < PAGE:
                return
            last = rows[-1][0]

    def story_assignments(self) -> list[tuple[str, str, int]]:
        rows = self._query("SELECT article_id, story, seq FROM story_assignments ORDER BY seq")
        return [(str(a), str(s), int(n)) for a, s, n in rows]

    def put_story_assignments(self, rows: Sequence[tuple[str, str, int]], job: str) -> None:
        if not rows:
            return
        self._writable()
        with self._transaction() as tx:
            tx.many(
                "INSERT INTO story_assignments (article_id, story, seq, job) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (article_id) DO UPDATE SET story = excluded.story, seq = excluded.seq,"
                " job = excluded.job",
                [(a, s, n, job) for a, s, n in rows],
            )

    def put_source_attributions(self, analyses: Sequence[Analysis]) -> None:
        """Write back the stored analyses whose quotes gained a ``source_attribution`` (the rest of the
        analysis is unchanged), so ``show`` and export carry it."""
        from wiretrace.corpus.rows import analysis_json

        if not analyses:
            return
        self._writable()
        with self._transaction() as tx:
            tx.many(
                "UPDATE analyses SET json = ? WHERE doc = (SELECT doc FROM articles WHERE id = ?)",
                [(analysis_json(a), a.article.id) for a in analyses],
            )

    def replace_story_records(self, stories: Sequence[Story], groups: Sequence[QuoteGroup]) -> None:
        self._writable()
        with self._transaction() as tx:
            tx.run("DELETE FROM stories")
            tx.run("DELETE FROM quote_groups")
            if stories:
                tx.many(
                    "INSERT INTO stories (id, n, json) VALUES (?, ?, ?)",
                    [(s.id, i, s.model_dump_json()) for i, s in enumerate(stories)],
                )
            if groups:
                tx.many(
                    "INSERT INTO quote_groups (id, story, n, speaker, json) VALUES (?, ?, ?, ?, ?)",
                    [(g.id, g.story, i, g.speaker, g.model_dump_json()) for i, g in enumerate(groups)],
                )

    def _drop_members(self, tx: Any, article_ids: Sequence[str]) -> list[str]:
        """Take deleted articles out of their stories and quote groups, inside the delete's transaction.

        A story or quote group left without members is removed (and a removed group leaves its story's
        list); the others keep their remaining members, with outlets, earliest article and variants
        recomputed from those. Labels stay as they were until ``update_stories`` runs again, which it does
        in full because the assignments changed. Returns the ids of the stories removed.
        """
        gone = set(article_ids)
        if not gone:
            return []
        stories: set[str] = set()
        for part in _parts(sorted(gone)):
            marks = ",".join("?" * len(part))
            rows = tx.run(f"SELECT DISTINCT story FROM story_assignments WHERE article_id IN ({marks})", part)
            stories.update(str(r[0]) for r in rows)
            tx.run(f"DELETE FROM story_assignments WHERE article_id IN ({marks})", part)
        removed: list[str] = []
        for story_id in sorted(stories):
            rows = tx.run("SELECT json FROM stories WHERE id = ?", (story_id,))
            dropped_groups = self._drop_group_members(tx, story_id, gone)
            if not rows:
                continue
            story = Story.model_validate_json(rows[0][0])
            story = _without(story, gone, dropped_groups)
            if not story.articles:
                tx.run("DELETE FROM stories WHERE id = ?", (story_id,))
                tx.run("DELETE FROM quote_groups WHERE story = ?", (story_id,))
                removed.append(story_id)
            else:
                tx.run("UPDATE stories SET json = ? WHERE id = ?", (story.model_dump_json(), story_id))
        return removed

    def _drop_group_members(self, tx: Any, story_id: str, gone: set[str]) -> set[str]:
        """Remove the deleted articles from the story's quote groups; returns the groups left empty."""
        emptied: set[str] = set()
        for gid, raw in tx.run("SELECT id, json FROM quote_groups WHERE story = ?", (story_id,)):
            group = QuoteGroup.model_validate_json(raw)
            members = [m for m in group.members if m.article_id not in gone]
            if len(members) == len(group.members):
                continue
            if not members:
                tx.run("DELETE FROM quote_groups WHERE id = ?", (gid,))
                emptied.add(str(gid))
                continue
            speakers = sorted({m.speaker for m in members if m.speaker})
            group = group.model_copy(
                update={  # as stories/records.py builds them; members are kept earliest first
                    "members": members,
                    "earliest": group.earliest if group.earliest not in gone else members[0].article_id,
                    "outlets": list(dict.fromkeys(m.outlet for m in members if m.outlet)),
                    "variants": sorted({m.variant for m in members if m.variant != "earliest"}),
                    "speakers": speakers,
                    "speaker_disagreement": group.speaker_disagreement and len(speakers) > 1,
                }
            )
            tx.run("UPDATE quote_groups SET json = ? WHERE id = ?", (group.model_dump_json(), gid))
        return emptied

    def story_records(self) -> list[Story]:
        return [Story.model_validate_json(r[0]) for r in self._query("SELECT json FROM stories ORDER BY n")]

    def get_story(self, story_id: str) -> Story | None:
        rows = self._query("SELECT json FROM stories WHERE id = ?", (story_id,))
        return Story.model_validate_json(rows[0][0]) if rows else None

    def quote_group_records(self) -> list[QuoteGroup]:
        rows = self._query("SELECT json FROM quote_groups ORDER BY n")
        return [QuoteGroup.model_validate_json(r[0]) for r in rows]

    def get_quote_group(self, group_id: str) -> QuoteGroup | None:
        rows = self._query("SELECT json FROM quote_groups WHERE id = ?", (group_id,))
        return QuoteGroup.model_validate_json(rows[0][0]) if rows else None
