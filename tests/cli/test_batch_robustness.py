"""A large mixed batch through the real CLI: bad documents are reported one by one and nothing is lost."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wiretrace.cli.app import app

GOOD = [
    'Ferry fares rise in Port Elm. "We had no choice," said operator Tova Lind on Monday.',
    "Считается, что переговоры продолжатся в пятницу, сообщил представитель министерства.",
    "港口谈判周一恢复。发言人说，双方“非常接近”达成协议。",
    "Le maire a déclaré que le port « restera ouvert » malgré la grève, selon l'agence Gull Presse.",
    '"Unbalanced quote marks never close, the envoy said.\n\nAnother paragraph begins "here.',
]


@pytest.mark.slow
def test_cli_batch_of_mixed_records_reports_each_failure(tmp_path: Path) -> None:
    rng = random.Random(7)
    lines: list[str] = []
    expected_ok: list[str] = []
    for i in range(200):
        kind = rng.choice(["good", "good", "good", "empty", "broken", "no_text", "huge"])
        rid = f"r{i}"
        if kind == "good":
            lines.append(json.dumps({"id": rid, "text": rng.choice(GOOD)}))
            expected_ok.append(rid)
        elif kind == "empty":
            lines.append(json.dumps({"id": rid, "text": " \n "}))
        elif kind == "broken":
            lines.append('{"id": "' + rid + '", "text": ')
        elif kind == "no_text":
            lines.append(json.dumps({"id": rid, "title": "Only a title"}))
        else:
            lines.append(json.dumps({"id": rid, "text": "word " * 300_000}))
    src = tmp_path / "batch.jsonl"
    src.write_text("\n".join(lines), encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(src), "-f", "jsonl"])
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 200  # one line per input record, failures included
    ok_ids = [o["article"]["id"] for o in out if "article" in o]
    assert ok_ids == expected_ok
    errors = [o for o in out if "error" in o]
    assert len(errors) == 200 - len(expected_ok)
    assert all(e["error"]["code"].startswith("W0") for e in errors)


def test_cli_output_naming_an_input_is_refused_and_the_input_kept(tmp_path: Path) -> None:
    src = tmp_path / "X.jsonl"
    original = json.dumps({"id": "a", "text": GOOD[0]}) + "\n"
    src.write_text(original, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(src), "-f", "jsonl", "-o", str(src)])
    assert result.exit_code == 2 and "also an input" in result.stderr
    assert src.read_text(encoding="utf-8") == original


def test_cli_trace_output_naming_the_index_is_refused_and_the_index_kept(tmp_path: Path) -> None:
    src = tmp_path / "wire.jsonl"
    src.write_text(json.dumps({"id": "w1", "text": GOOD[0]}) + "\n", encoding="utf-8")
    db = tmp_path / "refs.db"
    runner = CliRunner()
    assert runner.invoke(app, ["index", "add", str(src), "--index", str(db)]).exit_code == 0
    before = db.read_bytes()
    result = runner.invoke(app, ["trace", str(src), "--index", str(db), "-o", str(db)])
    assert result.exit_code == 2 and "W070" in result.stderr
    assert db.read_bytes() == before
