"""CSV, WARC (CC-NEWS layout), feeds, sitemaps, .gz, directories and the kind override."""

from __future__ import annotations

import gzip
import json
import uuid
from pathlib import Path

import pytest

from wiretrace.errors import IngestError
from wiretrace.extract import iter_articles
from wiretrace.ingest import RawDocument, ReadContext, UrlRef, read_source, sniff_kind
from wiretrace.model import Article, Failure
from wiretrace.settings import IngestSettings

from .warcfile import warc_records, write_warc

BODY = "Ferry fares rose on Monday, said operator Tova Lind, who blamed fuel costs in Port Elm."
PAGE = (
    f"<html><head><title>Ferry fares</title></head>"
    f"<body><article><p>{BODY}</p><p>{BODY}</p></article></body></html>"
)


def test_formats_warc_gz_reads_responses_with_http_charset(tmp_path: Path) -> None:
    latin = PAGE.replace("Ferry fares", "Fähre teurer").encode("cp1252")
    p = tmp_path / "CC-NEWS-20260101000000-00000.warc.gz"
    write_warc(
        p,
        [
            ("https://gull-post.example/a", PAGE.encode(), "text/html; charset=utf-8"),
            ("https://gull-post.example/b", latin, "text/html; charset=windows-1252"),
            ("https://gull-post.example/logo.png", b"\x89PNG....", "image/png"),
        ],
    )
    docs = list(read_source(p))
    assert [type(d).__name__ for d in docs] == ["RawDocument", "RawDocument"]
    a, b = docs
    assert isinstance(a, RawDocument) and a.metadata["url"] == "https://gull-post.example/a"
    assert isinstance(b, RawDocument) and "Fähre" in b.content and not b.warnings
    arts = [x for x in iter_articles([p]) if isinstance(x, Article)]
    assert arts[0].url == "https://gull-post.example/a" and arts[0].source and "#1" in arts[0].source


def test_formats_plain_warc(tmp_path: Path) -> None:
    p = tmp_path / "crawl.warc"
    write_warc(p, [("https://x.example/a", PAGE.encode(), "text/html")], gz=False)
    assert len([d for d in read_source(p) if isinstance(d, RawDocument)]) == 1


@pytest.mark.parametrize("gz", [True, False])
@pytest.mark.parametrize("record", [7, 8])  # the last request record, the last response record
@pytest.mark.parametrize("kept", [0.1, 0.25, 0.5, 0.75, 0.9])
def test_formats_warc_cut_off_inside_a_record_is_a_failure(
    tmp_path: Path, gz: bool, record: int, kept: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    """warcio stops quietly at the end of a cut-off file; the reader says so, and keeps no partial page."""
    # Fixed record ids, so each cut lands on the same byte every run (random ids move gzip's output).
    ids = iter(uuid.UUID(int=i) for i in range(1, 100))
    monkeypatch.setattr(uuid, "uuid4", lambda: next(ids))  # warcfile calls uuid.uuid4()
    pages = [("https://x.example/a", PAGE.encode(), "text/html")] * 3
    members = [gzip.compress(r, mtime=0) if gz else r for r in warc_records(pages)]
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(b"".join(members[:record]) + members[record][: int(len(members[record]) * kept)])
    items = list(read_source(cut))
    assert [type(i).__name__ for i in items] == ["RawDocument", "RawDocument", "Failure"]
    assert all(i.content == PAGE for i in items if isinstance(i, RawDocument))  # no partial page kept


def test_formats_csv_with_column_mapping(tmp_path: Path) -> None:
    p = tmp_path / "export.csv"
    p.write_text(
        'story_id,body,headline\nc1,"' + BODY + '",Fares up\nc2,,Empty\nc3,"Second, with a comma.",Two\n',
        encoding="utf-8",
    )
    ctx = ReadContext(
        ingest=IngestSettings(csv_columns={"id": "story_id", "text": "body", "title": "headline"})
    )
    items = list(read_source(p, context=ctx))
    assert [type(i).__name__ for i in items] == ["RawDocument", "Failure", "RawDocument"]
    first = items[0]
    assert isinstance(first, RawDocument) and first.metadata == {"id": "c1", "title": "Fares up"}
    assert items[1].id == "c2"  # type: ignore[union-attr]
    with pytest.raises(IngestError, match="no text column"):
        list(read_source(p))


def test_formats_feed_entries_with_content_and_links(tmp_path: Path) -> None:
    feed = f"""<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
    <channel><title>Gull Post</title>
    <item><title>Full</title><link>https://gull-post.example/full</link>
      <pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate>
      <content:encoded><![CDATA[{PAGE * 3}]]></content:encoded></item>
    <item><title>Teaser</title><link>https://gull-post.example/teaser</link><description>Short.</description></item>
    </channel></rss>"""
    p = tmp_path / "news.rss"
    p.write_text(feed, encoding="utf-8")
    offline = ReadContext(offline=True)
    items = list(read_source(p, context=offline))
    full, teaser = items
    assert isinstance(full, RawDocument) and full.metadata["published"] == "2026-03-03"
    assert full.metadata["outlet"] == "Gull Post"
    assert isinstance(teaser, Failure) and "fetching is off" in teaser.error


def test_formats_sitemap_lists_pages_to_fetch(tmp_path: Path) -> None:
    from wiretrace.ingest.sitemaps import parse_sitemap

    xml = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url><loc>https://x.example/a</loc><lastmod>2026-01-02</lastmod></url><url><loc>https://x.example/b</loc></url>
    </urlset>"""
    children, pages = parse_sitemap(xml, "map.xml")
    assert children == [] and [p.url for p in pages] == ["https://x.example/a", "https://x.example/b"]
    assert isinstance(pages[0], UrlRef) and pages[0].metadata["published"] == "2026-01-02"
    assert sniff_kind(xml, at_eof=True) == "sitemap"


def test_formats_gz_and_directory_sources_and_ids(tmp_path: Path) -> None:
    d = tmp_path / "corpus"
    (d / "sub").mkdir(parents=True)
    (d / "sub" / "page.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (d / "note.txt").write_text(BODY, encoding="utf-8")
    (d / "recs.jsonl.gz").write_bytes(gzip.compress(json.dumps({"id": "own", "text": BODY}).encode()))
    (d / ".hidden.txt").write_text("skip me", encoding="utf-8")
    arts = [a for a in iter_articles([d]) if isinstance(a, Article)]
    by_source = {Path(a.source or "").name: a for a in arts}
    assert set(by_source) == {"note.txt", "recs.jsonl.gz:1", "page.html.gz"}
    assert by_source["note.txt"].id == str(d / "note.txt")  # a file's path is its default id
    assert by_source["recs.jsonl.gz:1"].id == "own"


def test_formats_empty_directory_is_reported(tmp_path: Path) -> None:
    [item] = list(read_source(tmp_path))
    assert isinstance(item, Failure) and "no files" in item.error


def test_formats_kind_override(tmp_path: Path) -> None:
    p = tmp_path / "export.dat"
    p.write_text(json.dumps({"id": "k", "text": BODY}) + "\n", encoding="utf-8")
    with pytest.raises(IngestError, match="unknown format"):
        list(read_source(p))
    [doc] = list(read_source(p, kind="jsonl"))
    assert isinstance(doc, RawDocument) and doc.metadata["id"] == "k"
    with pytest.raises(IngestError, match="unknown source kind"):
        list(read_source(p, kind="pdf"))
