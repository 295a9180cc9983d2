"""RSS and Atom feeds (feedparser): an entry with full content is an article; otherwise its link is.

feedparser sanitises entry HTML and never fetches anything itself (we hand it bytes). Entries that carry
only a summary are fetched from their link when ``follow_links`` is on; the summary is used otherwise.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from typing import Any

import feedparser

from wiretrace.errors import IngestError
from wiretrace.ingest.raw import RawDocument, UrlRef, scrub
from wiretrace.ingest.records import Item, failure

# Content shorter than this is a teaser, not the article; the linked page is read instead.
_FULL_CONTENT_CHARS = 500


def is_feed(head: bytes) -> bool:
    head = head[:2048].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def _date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.UTC).date().isoformat()


def read_feed(
    data: bytes, source: str, *, follow_links: bool, base_outlet: str | None = None
) -> Iterator[Item]:
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        reason = parsed.get("bozo_exception")
        raise IngestError(f"{source}: no feed entries found" + (f" ({reason})" if reason else ""))
    outlet = base_outlet or parsed.get("feed", {}).get("title")
    for n, entry in enumerate(entries, 1):
        where = f"{source}#{n}"
        meta = {
            k: scrub(str(v))
            for k, v in (
                ("title", entry.get("title")),
                ("url", entry.get("link")),
                ("outlet", outlet),
                ("published", _date(entry)),
            )
            if v
        }
        content = "".join(c.get("value", "") for c in entry.get("content") or [])
        summary = entry.get("summary") or ""
        link = entry.get("link")
        if len(content) >= _FULL_CONTENT_CHARS or (content and not (follow_links and link)):
            yield RawDocument(scrub(content), "text/html", where, meta)
        elif follow_links and link:
            yield UrlRef(str(link), where, meta)
        elif summary.strip():
            yield RawDocument(scrub(summary), "text/html", where, meta)
        else:
            yield failure(where, IngestError(f"{where}: feed entry has no content and no link"))
