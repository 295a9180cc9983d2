"""The keys an article is stored under: content hash, text hash and canonical URL.

``content_hash`` covers the text and the metadata a reader gives (title, date, url, outlet): two records
with the same hash are the same record. ``text_hash`` covers the text alone (an article read back from a
plain file is still recognised as the stored one). ``canonical_url`` folds the spellings of one address
that web servers treat as the same page, so a re-crawl under a tracking parameter is not a new article.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import xxhash

from wiretrace.corpus.types import StoredArticle
from wiretrace.model import Article

# Query parameters that only track a click and never change the page (utm_* is matched by prefix).
_TRACKING = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ref_src"})
_DEFAULT_PORTS = {"http": "80", "https": "443"}


def content_hash(article: Article) -> str:
    published = article.published.isoformat() if article.published else ""
    key = "\x00".join((article.text, article.title or "", published, article.url or "", article.outlet or ""))
    return xxhash.xxh3_128_hexdigest(key.encode("utf-8"))


def text_hash(text: str) -> str:
    return xxhash.xxh3_128_hexdigest(text.encode("utf-8"))


def canonical_url(url: str | None) -> str | None:
    """Lower-case scheme and host, no default port, fragment or tracking parameters, sorted query.

    Written by hand (a dozen lines of ``urllib.parse``) because the rule set is this small and must
    never change silently: it is part of the store's key. The path keeps its case and trailing slash,
    which servers may treat as different pages.
    """
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: keep the address as written
        return url.strip()
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == str(port) else f"{host}:{port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in _TRACKING
    )
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def to_stored(article: Article) -> StoredArticle:
    """The article as the store keeps it, with its keys computed (raises ``UnicodeEncodeError`` on text
    or an id that is not valid Unicode, e.g. a lone surrogate from a JSON escape)."""
    article.id.encode("utf-8")
    extra = {"paragraphs": [[p.start, p.end] for p in article.paragraphs], "metadata": article.metadata}
    return StoredArticle(
        id=article.id,
        text=article.text,
        content_hash=content_hash(article),
        text_hash=text_hash(article.text),
        title=article.title,
        url=article.url,
        canonical_url=canonical_url(article.url),
        outlet=article.outlet,
        published=article.published,
        language=article.language,
        source=article.source,
        extra=json.dumps(extra),
    )
