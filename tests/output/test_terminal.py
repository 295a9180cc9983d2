"""Terminal safety: nothing from a document reaches a terminal with its control sequences intact."""

from __future__ import annotations

import io
import json

import pytest

from wiretrace.model import Analysis, Article, Failure
from wiretrace.output import failure_line, write_results
from wiretrace.output.report import Report
from wiretrace.output.terminal import SafeText, clean, escape_json

HOSTILE = [
    "\x1b[2J\x1b[H",  # clear screen, cursor home
    "\x1b]0;owned\x07",  # window title
    "\x1b]52;c;ZWNobyBoaQ==\x1b\\",  # OSC 52: write the clipboard
    "\x1b[6n",  # device status report: the terminal answers on stdin
    "\x9b31m",  # 8-bit CSI
    "\x9d0;t\x9c",  # 8-bit OSC
    "\x1bP1$r\x1b\\",  # DCS
    "\u202egnp.exe\u202c",  # bidi override
    "\u2066iso\u2069",
    "bell\x07 back\x08 nul\x00 del\x7f",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_terminal_clean_removes_sequences_and_controls(payload: str) -> None:
    out = clean(f"before {payload} after")
    assert out.startswith("before ") and out.endswith(" after")
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or 0x202A <= ord(c) <= 0x202E for c in out)
    assert "52;" not in out and "owned" not in out


def test_terminal_clean_keeps_text_and_rtl_marks() -> None:
    text = "Ça marche — 港口 «ok» שלום\u200f"
    assert clean(text) == text
    assert clean("a\nb\tc") == "a b c" and clean("a\nb", keep_newlines=True) == "a\nb"


def test_terminal_safe_text_cleans_every_path_in() -> None:
    t = SafeText("x\x1b[2J") + "y\x1b]0;t\x07"
    t.append("z\x9b1m")
    assert t.plain == "xyz"


def test_terminal_escape_json_is_lossless() -> None:
    value = {"t": "a\x9bb\u202ec\x7f"}
    line = escape_json(json.dumps(value, ensure_ascii=False))
    assert "\x9b" not in line and "\u202e" not in line and json.loads(line) == value


@pytest.mark.parametrize("cp", [0x7F, 0x80, 0x9F, 0x202A, 0x202E, 0x2066, 0x2069])
def test_terminal_escape_json_escapes_each_unsafe_range(cp: int) -> None:
    value = {"t": f"x{chr(cp)}y"}
    line = escape_json(json.dumps(value, ensure_ascii=False))
    assert chr(cp) not in line and f"\\u{cp:04x}" in line and json.loads(line) == value


def test_terminal_escape_json_keeps_safe_text() -> None:
    line = json.dumps({"t": "Café \u200f naïve"}, ensure_ascii=False)  # RLM stays, as in clean()
    assert escape_json(line) == line


def _hostile_analysis() -> Analysis:
    evil = "".join(HOSTILE)
    text = f"Port Elm ferry fares rose {evil} on Monday, said Tova Lind."
    art = Article(id=f"id{evil}", text=text, title=f"Title {evil}", outlet=f"Outlet {evil}")
    return Analysis(article=art, stages=["quotes.v1"])


def test_terminal_text_report_and_failure_lines_carry_no_escapes() -> None:
    out, err = io.StringIO(), io.StringIO()
    fail = Failure(id="bad\x1b]52;c;eA==\x07", source="f.jsonl:3\x1b[2J", error="broken \x9b1m", code="W010")
    write_results([_hostile_analysis(), fail], "text", out, err)
    for stream in (out.getvalue(), err.getvalue()):
        assert (
            "\x1b" not in stream and "\x9b" not in stream and "\u202e" not in stream and "\x07" not in stream
        )
    assert "Title" in out.getvalue() and "Outlet" in out.getvalue()
    assert "\x1b" not in failure_line(fail)


def test_terminal_json_outputs_escape_c1_and_bidi() -> None:
    out = io.StringIO()
    write_results([_hostile_analysis()], "jsonl", out, io.StringIO())
    line = out.getvalue()
    assert "\x9b" not in line and "\u202e" not in line
    assert json.loads(line)["article"]["title"].startswith("Title \x1b[2J")  # data kept, only escaped


def test_terminal_report_renders_on_a_colour_terminal_without_document_escapes() -> None:
    out = io.StringIO()
    report = Report(out)
    report.console.force_terminal = True  # styles are the console's own SGR sequences; nothing else
    report.render(_hostile_analysis())
    stripped = out.getvalue()
    import re

    leftovers = re.sub(r"\x1b\[[0-9;]*m", "", stripped)
    assert "\x1b" not in leftovers and "\x9b" not in leftovers
