"""Hostile records (issue 13): each bad record is exactly one clear failure and the batch goes on."""

from __future__ import annotations

import codecs
import io
import json
import sys
from pathlib import Path

import pytest

from wiretrace.extract import iter_articles
from wiretrace.ingest import RawDocument, ReadContext, read_source
from wiretrace.model import Article, Failure
from wiretrace.settings import IngestSettings

GOOD = json.dumps({"id": "good", "text": "The harbour board met on Tuesday, said clerk Ilse Marrow."})


def _jsonl(tmp_path: Path, bad: str, name: str = "batch.jsonl") -> list[RawDocument | Failure]:
    p = tmp_path / name
    p.write_text("\n".join([GOOD, bad, GOOD.replace("good", "after")]), encoding="utf-8")
    return list(read_source(p))


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ('{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ('{"id": "n", "text": ' + "9" * 5000 + "}", "must be a string"),
        ('{"id": ["x"], "text": "Body."}', "field 'id' must be a string"),
        ('{"id": "t", "text": {"a": 1}}', "field 'text' must be a string"),
        ('["not", "an", "object"]', "must be a JSON object"),
        ('{"id": "ctl\\u001b[2J", "text": "Body."}', "control characters"),
        ('{"id": "broken", "text": ', "invalid JSON"),
    ],
)
def test_robustness_one_bad_record_is_one_failure(tmp_path: Path, bad: str, message: str) -> None:
    items = _jsonl(tmp_path, bad)
    assert [type(i).__name__ for i in items] == ["RawDocument", "Failure", "RawDocument"]
    assert isinstance(items[1], Failure) and message in items[1].error


def test_robustness_lone_surrogate_and_huge_number_elsewhere_are_kept(tmp_path: Path) -> None:
    bad = '{"id": "s\\ud800", "text": "Lone \\udc00 surrogate.", "outlet": ' + "7" * 5000 + "}"
    items = _jsonl(tmp_path, bad)
    doc = items[1]
    assert isinstance(doc, RawDocument)
    doc.content.encode("utf-8")  # would raise on a surrogate
    assert doc.metadata["id"] == "s\ufffd" and "\ufffd" in doc.content


@pytest.mark.parametrize(("ids", "expect"), [("1; DROP TABLE articles;--", True), ("../../etc/passwd", True)])
def test_robustness_sql_and_path_ids_are_kept_verbatim(tmp_path: Path, ids: str, expect: bool) -> None:
    items = _jsonl(tmp_path, json.dumps({"id": ids, "text": "Some text."}))
    assert isinstance(items[1], RawDocument) and (items[1].metadata["id"] == ids) is expect


def test_robustness_jsonl_without_extension_loses_only_a_broken_first_line(tmp_path: Path) -> None:
    p = tmp_path / "records"
    p.write_text('{"id": "broken", "te\n' + GOOD + "\n" + GOOD.replace("good", "g2") + "\n", encoding="utf-8")
    items = list(read_source(p))
    assert [type(i).__name__ for i in items] == ["Failure", "RawDocument", "RawDocument"]


def test_robustness_jsonl_on_stdin_loses_only_a_broken_first_line(monkeypatch: pytest.MonkeyPatch) -> None:
    data = ('{"id": "broken", "te\n' + GOOD + "\n" + GOOD.replace("good", "g2") + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    items = list(read_source("-"))
    assert [type(i).__name__ for i in items] == ["Failure", "RawDocument", "RawDocument"]
    assert items[0].source == "<stdin>:1"


def test_robustness_huge_line_is_one_failure(tmp_path: Path) -> None:
    ctx = ReadContext(ingest=IngestSettings(max_line_bytes=1000))
    p = tmp_path / "big.jsonl"
    p.write_text("\n".join([GOOD, json.dumps({"id": "big", "text": "w " * 5000}), GOOD]), encoding="utf-8")
    items = list(read_source(p, context=ctx))
    assert [type(i).__name__ for i in items] == ["RawDocument", "Failure", "RawDocument"]
    assert "longer than" in items[1].error  # type: ignore[union-attr]


TEXT = "Die Hafenbehörde sagte am Dienstag, die Fähre fahre wieder: « Ça marche », sagte Jörg Weiß."


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_robustness_utf16_and_utf32_with_and_without_bom(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / "doc.txt"
    p.write_bytes(TEXT.encode(encoding))  # "utf-16"/"utf-32" write a BOM, the -le/-be forms do not
    [doc] = list(read_source(p))
    assert isinstance(doc, RawDocument) and doc.content == TEXT


def test_robustness_utf8_bom_is_dropped(tmp_path: Path) -> None:
    p = tmp_path / "doc.txt"
    p.write_bytes(codecs.BOM_UTF8 + TEXT.encode())
    [doc] = list(read_source(p))
    assert isinstance(doc, RawDocument) and doc.content == TEXT


def test_robustness_latin1_html_declaring_utf8_is_decoded_with_a_warning(tmp_path: Path) -> None:
    html = f'<html><head><meta charset="utf-8"><title>Fähre</title></head><body><p>{TEXT}</p></body></html>'
    p = tmp_path / "page.html"
    p.write_bytes(html.encode("cp1252"))
    [doc] = list(read_source(p))
    assert isinstance(doc, RawDocument) and TEXT in doc.content
    assert doc.warnings and "declares UTF-8" in doc.warnings[0]


def test_robustness_declared_charset_that_matches_gives_no_warning(tmp_path: Path) -> None:
    html = f'<html><head><meta charset="iso-8859-1"></head><body><p>{TEXT}</p></body></html>'
    p = tmp_path / "page.html"
    p.write_bytes(html.encode("latin-1"))
    [doc] = list(read_source(p))
    assert isinstance(doc, RawDocument) and TEXT in doc.content and not doc.warnings


@pytest.mark.parametrize(
    "data", [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", b"\x89PNG\r\n\x1a\n\x00\x00", bytes(range(256)) * 4]
)
def test_robustness_binary_is_refused(tmp_path: Path, data: bytes) -> None:
    p = tmp_path / "blob.txt"
    p.write_bytes(data)
    [item] = list(read_source(p))
    assert isinstance(item, Failure) and "binary" in item.error


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><div>" * 20_000 + "<p>Deep text that goes on for a while, said Ona Brisk.</p>",
        "<html><body><article><p>Truncated mid-tag, said the clerk <b",
    ],
)
def test_robustness_deep_or_truncated_html_is_one_result(tmp_path: Path, html: str) -> None:
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    items = list(iter_articles([p]))
    assert len(items) == 1 and isinstance(items[0], Article | Failure)


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", "Le maire a déclaré que le port « restera ouvert » malgré la grève. Élan, été, où."),
        ("cp1252", "O prefeito disse que o porto continuará aberto, segundo a agência. Não há razão."),
        ("cp1252", "Borgmästaren sade att hamnen förblir öppen, enligt byrån. Åsa såg älgen på ön."),
        ("cp1252", "Il sindaco ha detto che il porto resterà aperto, perché la città è pronta. Però più."),
        ("cp1252", "The mayor said the café would stay open — “no matter what” — and cited a 5€ fee."),
        ("cp1250", "Burmistrz powiedział, że port pozostanie otwarty. Może władza zdąży, łódź płynie."),
        ("cp1251", "Мэр заявил, что порт останется открытым, сообщает агентство. Паром уйдёт в пятницу."),
    ],
)
def test_robustness_misdeclared_utf8_pages_decode_in_their_real_charset(
    tmp_path: Path, encoding: str, text: str
) -> None:
    html = f'<html><head><meta charset="utf-8"></head><body><p>{text}</p></body></html>'
    p = tmp_path / "page.html"
    p.write_bytes(html.encode(encoding))
    [doc] = list(read_source(p))
    assert isinstance(doc, RawDocument) and text in doc.content and doc.warnings
