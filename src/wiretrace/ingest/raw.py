"""The unit every reader produces: decoded text or HTML plus what is known about it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wiretrace.ingest.charset import decode_document

# Article.metadata key for what reading a document had to guess; the analysis turns it into notices.
INGEST_WARNINGS_KEY = "ingest_warnings"
# Lone surrogates (JSON "\ud800") cannot be encoded to UTF-8 anywhere downstream; NUL breaks PostgreSQL.
_UNENCODABLE = re.compile("[\ud800-\udfff\x00]")


@dataclass
class RawDocument:
    """One document as read: ``content`` is text (decoded) or HTML; ``metadata`` holds record fields."""

    content: str
    content_type: str  # "text/plain" or "text/html"
    source: str  # where it came from, for error messages: "path", "path:line", "<stdin>", a URL
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # what needed guessing (a mis-declared charset)


@dataclass
class UrlRef:
    """A page a feed, sitemap or URL list points to; ``read_source`` fetches it when fetching is on."""

    url: str
    source: str
    metadata: dict[str, str] = field(default_factory=dict)


def scrub(text: str) -> str:
    """``text`` with lone surrogates and NUL characters replaced by U+FFFD (lengths are kept)."""
    return _UNENCODABLE.sub("\ufffd", text) if _UNENCODABLE.search(text) else text


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode bytes (BOM, declared charset, UTF-8, detection); refuse binary data with a clear error."""
    return decode_document(data, source, declared)[0]


def sniff_type(text: str) -> str:
    """HTML when the text starts like markup, else plain text."""
    head = text.lstrip()[:1024].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head or "<p>" in head):
        return "text/html"
    return "text/plain"
