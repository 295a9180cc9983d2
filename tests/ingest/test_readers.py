"""Readers: each format, and bad input reported per document without stopping the batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wiretrace.errors import IngestError
from wiretrace.extract import iter_articles
from wiretrace.ingest import RawDocument, ReadContext, read_source
from wiretrace.model import Article, Failure
from wiretrace.settings import IngestSettings


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def test_readers_plain_text(tmp_path: Path) -> None:
    p = _write(tmp_path, "a.txt", "Harbour talks resume.\n\nThe envoy arrived.")
    [doc] = list(read_source(p))
    assert isinstance(doc, RawDocument)
    assert doc.content_type == "text/plain"


def test_readers_jsonl_keeps_ids_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "r1", "text": "First story text.", "outlet": "Gull Post"}),
        "{not json",
        json.dumps({"id": "r3"}),
        json.dumps(
            {
                "id": "r4",
                "html": "<html><body><article><p>"
                + "Envoy Mara Quill said talks went well. " * 5
                + "</p></article></body></html>",
            }
        ),
    ]
    p = _write(tmp_path, "recs.jsonl", "\n".join(lines))
    items = list(iter_articles([p]))
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Failure", "Article"]
    first, bad_json, no_text, html = items
    assert isinstance(first, Article) and first.id == "r1" and first.outlet == "Gull Post"
    assert (
        isinstance(bad_json, Failure) and "invalid JSON" in bad_json.error and bad_json.source.endswith(":2")
    )
    assert isinstance(no_text, Failure) and no_text.id == "r3"
    assert isinstance(html, Article) and html.id == "r4" and "Mara Quill" in html.text


def test_readers_json_array_of_records(tmp_path: Path) -> None:
    p = _write(tmp_path, "recs.json", json.dumps([{"id": "a", "text": "One."}, {"id": "b", "text": "Two."}]))
    assert [a.id for a in iter_articles([p]) if isinstance(a, Article)] == ["a", "b"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00binary", "binary"),
    ],
)
def test_readers_bad_bytes_become_failures(tmp_path: Path, data: bytes, message: str) -> None:
    p = _write(tmp_path, "bad.txt", data)
    [item] = list(read_source(p))
    assert isinstance(item, Failure)
    assert message in item.error


def test_readers_decode_legacy_encoding(tmp_path: Path) -> None:
    text = "Le ministre a déclaré que l'accord était « très proche » de la signature, selon l'agence."
    p = _write(tmp_path, "latin.txt", text.encode("cp1252"))
    [doc] = list(read_source(p))
    assert isinstance(doc, RawDocument)
    assert "déclaré" in doc.content


def test_readers_missing_path_and_unknown_format_raise(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        list(read_source(tmp_path / "absent.txt"))
    p = _write(tmp_path, "doc.pdf", b"%PDF-1.4")
    with pytest.raises(IngestError, match="unknown format"):
        list(read_source(p))


def test_readers_directory_reads_known_formats_in_order(tmp_path: Path) -> None:
    _write(tmp_path, "b.txt", "Second article body.")
    _write(tmp_path, "a.txt", "First article body.")
    _write(tmp_path, "skip.pdf", b"%PDF")
    docs = [d for d in read_source(tmp_path) if isinstance(d, RawDocument)]
    assert [Path(d.source).name for d in docs] == ["a.txt", "b.txt"]


def test_readers_jsonl_streams_past_the_one_file_limit(tmp_path: Path) -> None:
    ctx = ReadContext(ingest=IngestSettings(max_bytes=40))
    lines = [json.dumps({"id": f"r{i}", "text": "A record long enough to pass the limit."}) for i in range(3)]
    big = _write(tmp_path, "big.jsonl", "\n".join(lines))
    ids = [d.metadata["id"] for d in read_source(big, context=ctx) if isinstance(d, RawDocument)]
    assert ids == ["r0", "r1", "r2"]
    txt = _write(tmp_path, "big.txt", "x" * 100)
    [item] = list(read_source(txt, context=ctx))
    assert isinstance(item, Failure) and "limit" in item.error
