"""XML sitemaps (``<urlset>``) and sitemap indexes (``<sitemapindex>``): lists of pages to fetch.

Parsed with lxml with entity resolution and network access off (no XXE, no billion laughs).
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from wiretrace.errors import IngestError
from wiretrace.ingest.raw import UrlRef

MAX_URLS = 1_000_000


def is_sitemap(head: bytes) -> bool:
    head = head[:2048].lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def parse_sitemap(data: bytes, source: str) -> tuple[list[str], list[UrlRef]]:
    """(child sitemaps, pages) listed by a sitemap or sitemap index."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise IngestError(f"{source}: not a readable sitemap ({exc})") from None
    if root is None:
        raise IngestError(f"{source}: not a readable sitemap")
    tag = etree.QName(root).localname
    children: list[str] = []
    pages: list[UrlRef] = []
    for entry in root:
        if not isinstance(entry.tag, str):
            continue
        fields = {
            etree.QName(el).localname: (el.text or "").strip() for el in entry if isinstance(el.tag, str)
        }
        loc = fields.get("loc")
        if not loc:
            continue
        if tag == "sitemapindex":
            children.append(loc)
        else:
            meta = {"url": loc}
            if fields.get("lastmod"):
                meta["published"] = fields["lastmod"]
            pages.append(UrlRef(loc, f"{source}#{len(pages) + 1}", meta))
        if len(children) + len(pages) >= MAX_URLS:
            break
    if tag not in ("urlset", "sitemapindex"):
        raise IngestError(f"{source}: root element <{tag}> is not a sitemap")
    return children, pages


def read_sitemap(data: bytes, source: str) -> Iterator[UrlRef | str]:
    """Pages as ``UrlRef``; child sitemaps of an index as plain URL strings, for the caller to fetch."""
    children, pages = parse_sitemap(data, source)
    yield from children
    yield from pages
