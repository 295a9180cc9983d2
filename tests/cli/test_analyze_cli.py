"""The real ``wiretrace`` command on files, stdin and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wiretrace.cli.app import app

runner = CliRunner()
EXAMPLE = Path(__file__).parents[2] / "examples" / "stitched-harbour-deal.txt"


def test_cli_help_is_instant_and_lists_commands() -> None:
    # --help must not import spaCy: run it in a fresh interpreter and check the module table.
    code = "import sys; from wiretrace.cli.app import app; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "analyze" in result.output


def test_cli_analyze_json_on_example() -> None:
    result = runner.invoke(app, ["analyze", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema_version"]
    assert data["article"]["text"] == EXAMPLE.read_text(encoding="utf-8")
    assert data["quotes"], "the example has quotes"


def test_cli_analyze_text_report_on_stdin() -> None:
    text = 'Ferry fares rise.\n\n"We had no choice," said Tova Lind, the operator\'s director.'
    result = runner.invoke(app, ["analyze", "-"], input=text)
    assert result.exit_code == 0, result.output
    assert "Who said what" in result.stdout


def test_cli_report_does_not_interpret_markup_in_article_text() -> None:
    text = 'Markup test.\n\n"[bold red]alarm[/bold red] is fine," said Tova Lind.'
    result = runner.invoke(app, ["analyze", "-"], input=text)
    assert result.exit_code == 0
    assert "[bold red]alarm[/bold red]" in result.stdout


def test_cli_jsonl_batch_keeps_ids_and_reports_bad_records(tmp_path: Path) -> None:
    recs = tmp_path / "in.jsonl"
    recs.write_text(
        "\n".join(
            [
                json.dumps({"id": "ok-1", "text": 'Dock strike ends. "It is over," said Tova Lind.'}),
                json.dumps({"id": "empty-2", "text": "   "}),
                "{broken",
                json.dumps({"id": "ok-4", "text": "Gulls return to Port Elm for the summer."}),
            ]
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["analyze", str(recs), "-f", "jsonl"])
    assert result.exit_code == 1  # some documents failed, the rest came out
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    ids = [line.get("id") or line.get("article", {}).get("id") for line in lines]
    assert ids == ["ok-1", "empty-2", None, "ok-4"]
    assert "error" in lines[1] and "error" in lines[2]
    assert "W010" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["analyze", "/no/such/file.txt"], "no such file"),
        (["analyze", "x.docx"], "no such file"),
    ],
)
def test_cli_unreadable_sources_exit_2_with_one_line(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_unknown_format_and_binary(tmp_path: Path) -> None:
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    result = runner.invoke(app, ["analyze", str(pdf)])
    assert result.exit_code == 2 and "unknown format" in result.stderr
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    result = runner.invoke(app, ["analyze", str(binary)])
    assert result.exit_code == 1 and "binary" in result.stderr


def test_cli_real_command_runs_installed_entry_point(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "wiretrace"
    out = subprocess.run(
        [str(exe), "analyze", str(EXAMPLE), "-f", "json", "-o", str(tmp_path / "o.json")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads((tmp_path / "o.json").read_text())["article"]["id"]
