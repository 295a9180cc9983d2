"""Plain-text ``--help`` of every command, for the generated command reference (docs/cli.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import typer.main

from wiretrace.cli.app import app


def _help(path: list[str]) -> str:
    # A child process with Typer's rich output off gives stable plain text at a fixed width.
    env = {**os.environ, "TYPER_USE_RICH": "0", "COLUMNS": "100", "TERMINAL_WIDTH": "100"}
    out = subprocess.run(
        [sys.executable, "-m", "wiretrace", *path, "--help"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.rstrip()


def command_paths() -> list[list[str]]:
    paths: list[list[str]] = []

    def walk(cmd: Any, path: list[str]) -> None:
        paths.append(path)
        # Typer vendors its own click, so test for sub-commands by duck typing.
        if hasattr(cmd, "commands"):
            for name in sorted(cmd.commands):
                walk(cmd.commands[name], [*path, name])

    walk(typer.main.get_command(app), [])
    return paths


def all_help() -> list[tuple[str, str]]:
    return [(" ".join(["wiretrace", *p]), _help(p)) for p in command_paths()]
