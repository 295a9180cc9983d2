"""Extract: ``RawDocument`` to ``Article`` (title, outlet, url, published, body text, paragraph spans).

HTML goes through trafilatura (main text and metadata); plain text is taken as it is. The article
text is never rewritten after this point: every later offset points into it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import xxhash

from wiretrace.errors import ExtractError
from wiretrace.extract.html import (
    HEADINGS_KEY,
    LAYOUT_KEY,
    drop_empty_elements,
    dump_layout,
    layout_lines,
    leading_headings,
    page_blocks,
)
from wiretrace.extract.repair import repair_page
from wiretrace.ingest.raw import INGEST_WARNINGS_KEY, RawDocument
from wiretrace.model import Article, Failure, Span

if TYPE_CHECKING:
    from wiretrace.ingest import ReadContext

_PARA_BREAK = re.compile(r"\n[ \t]*\n")
_LINE = re.compile(r"[^\n]+")
_MAX_TITLE_CHARS = 200
_WIRE_DATE_FORMATS = ("%d-%b-%Y", "%Y/%m/%d")
_WORDS = re.compile(r"\w+")


def paragraph_spans(text: str) -> list[Span]:
    """Paragraphs are blocks between blank lines; a text with no blank line is split at line ends."""
    pattern = _PARA_BREAK if _PARA_BREAK.search(text) else re.compile(r"\n")
    spans: list[Span] = []
    pos = 0
    for m in [*pattern.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk.rstrip())
            spans.append(Span(start=pos + lead, end=pos + trail))
        pos = m.end() if m else len(text)
    return spans


def stable_id(text: str, url: str | None = None) -> str:
    """An id derived from the url when there is one, else from the content: same input, same id."""
    key = url if url else text
    return xxhash.xxh3_64_hexdigest(key.encode("utf-8"))


def parse_date(value: str | None) -> dt.date | None:
    """ISO dates and the common news formats ("26-FEB-1987 15:01:01", "March 18, 2021")."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    # Wire formats first: strptime is ~50x cheaper than dateutil, which dominated indexing time.
    head = value.split()[0] if value.split() else value
    for fmt in _WIRE_DATE_FORMATS:
        try:
            return dt.datetime.strptime(head, fmt).date()
        except ValueError:
            continue
    from dateutil import parser

    try:
        return parser.parse(value, fuzzy=False).date()
    except (ValueError, OverflowError):
        return None


def _first_line_title(text: str, paragraphs: list[Span]) -> str | None:
    """A short first line without final punctuation reads as a headline in plain-text input."""
    if len(paragraphs) < 2:
        return None
    first = _LINE.search(text)
    if first is None:
        return None
    line = first.group().strip()
    if 0 < len(line) <= _MAX_TITLE_CHARS and not line.endswith((".", '"', "\u201d", ":", ",")):
        return line
    return None


def article_from_text(
    text: str,
    *,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | dt.date | None = None,
) -> Article:
    paragraphs = paragraph_spans(text)
    date = published if isinstance(published, dt.date) else parse_date(published)
    return Article(
        id=id or stable_id(text, url),
        text=text,
        title=title or _first_line_title(text, paragraphs),
        url=url,
        outlet=outlet,
        published=date,
        paragraphs=paragraphs,
    )


def article_from_html(html: str, source: str, metadata: dict[str, str]) -> Article:
    """Main text by trafilatura (precision mode, with inline link text kept), and per-line markup
    evidence in ``metadata``. The headline is ``title``: a first line repeating it, and headings that
    open the text before any body line (headline, standfirst), are not body text; those headings are
    kept in ``metadata["headings"]``."""
    import trafilatura

    # trafilatura's own parser: a tree parsed otherwise extracts differently
    tree = trafilatura.load_html(html)
    if tree is None:
        raise ExtractError(f"{source}: the HTML cannot be parsed")
    repair_page(tree)
    drop_empty_elements(tree)
    blocks = page_blocks(tree)
    doc = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False, favor_precision=True)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise ExtractError(f"{source}: no article text found in the HTML")
    title = metadata.get("title") or getattr(doc, "title", None)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if title and len(lines) > 1 and _same_words(lines[0], title):
        lines = lines[1:]  # the headline is ``title``; the body starts after it
    heads = leading_headings(lines, blocks)
    standfirst, lines = lines[:heads], lines[heads:]
    # trafilatura separates paragraphs by single newlines; make them blank-line paragraphs.
    body = "\n\n".join(lines)
    article = article_from_text(
        body,
        id=metadata.get("id"),
        title=title,
        url=metadata.get("url") or getattr(doc, "url", None),
        outlet=metadata.get("outlet") or getattr(doc, "sitename", None),
        published=metadata.get("published") or getattr(doc, "date", None),
    )
    meta = {LAYOUT_KEY: dump_layout(layout_lines(body, blocks))}
    if standfirst:
        meta[HEADINGS_KEY] = "\n".join(standfirst)
    return article.model_copy(update={"metadata": meta})


def _same_words(a: str, b: str) -> bool:
    return _WORDS.findall(a.casefold()) == _WORDS.findall(b.casefold())


def article_from_raw(raw: RawDocument) -> Article:
    """Turn one read document into an Article; raises ``ExtractError`` when it holds no text."""
    meta = raw.metadata
    if raw.content_type == "text/html":
        return article_from_html(raw.content, raw.source, meta)
    if not raw.content.strip():
        raise ExtractError(f"{raw.source}: empty document")
    return article_from_text(
        raw.content,
        id=meta.get("id"),
        title=meta.get("title"),
        url=meta.get("url"),
        outlet=meta.get("outlet"),
        published=meta.get("published"),
    )


def iter_articles(
    sources: Iterable[str | Path],
    *,
    kind: str | None = None,
    context: ReadContext | None = None,
) -> Iterator[Article | Failure]:
    """Read every source (file, directory, URL, ``-``) and extract articles; bad documents become ``Failure``.

    ``kind`` forces a format (see ``wiretrace.ingest.KINDS``); ``context`` carries the ingest and fetch
    settings (CSV columns, size caps, the fetch guard). A source that cannot be opened at all (missing
    path, unknown format) raises ``IngestError`` before anything is yielded from it. Any other error on
    one document (extraction included) becomes that document's ``Failure`` and the batch goes on.
    """
    from wiretrace.ingest import ReadContext, read_source

    ctx = context or ReadContext()
    try:
        for source in sources:
            for item in read_source(source, kind=kind, context=ctx):
                if isinstance(item, Failure):
                    yield item
                    continue
                yield extract_document(item)
    finally:
        if context is None:
            ctx.close()


def extract_document(item: RawDocument) -> Article | Failure:
    """The article of one read document, with where it came from and what reading it had to guess."""
    try:
        article = article_from_raw(item)
    except ExtractError as exc:
        return Failure(id=item.metadata.get("id"), source=item.source, error=exc.message, code=exc.code)
    except RecursionError:  # markup nested past what the parser's recursion allows
        deep = ExtractError(f"{item.source}: the HTML is nested too deeply to extract")
        return Failure(id=item.metadata.get("id"), source=item.source, error=deep.message, code=deep.code)
    except Exception as exc:  # a bug in a third-party extractor must cost one document, not the batch
        err = ExtractError(f"{item.source}: extraction failed ({type(exc).__name__}: {exc})")
        return Failure(id=item.metadata.get("id"), source=item.source, error=err.message, code=err.code)
    update: dict[str, object] = {"source": item.source}
    if item.warnings:
        update["metadata"] = {**article.metadata, INGEST_WARNINGS_KEY: "\n".join(item.warnings)}
    language = item.metadata.get("language")
    if language and not article.language and len(language) <= 8:
        update["language"] = language
    return article.model_copy(update=update)
