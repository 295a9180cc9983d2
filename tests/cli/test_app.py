"""The ``wiretrace`` entry point itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

WIRETRACE = Path(sys.executable).with_name("wiretrace")


def test_app_library_warnings_do_not_reach_stderr(tmp_path: Path) -> None:
    # A library WARNING logged while a command runs must not be printed by Python's last-resort handler.
    script = (
        "import logging, sys\n"
        "from wiretrace.cli import app as cli\n"
        "cli.app.command('warn-probe')(lambda: logging.getLogger('trafilatura.core').warning('probe-line'))\n"
        "sys.argv = ['wiretrace', 'warn-probe']\n"
        "cli.main()\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert "probe-line" not in run.stderr


def test_app_help_lists_the_commands() -> None:
    run = subprocess.run([str(WIRETRACE), "--help"], capture_output=True, text=True, check=False)
    assert run.returncode == 0
    assert "analyze" in run.stdout and "ingest" in run.stdout
