"""Library hygiene: loading models leaves the application's logging configuration alone."""

from __future__ import annotations

import subprocess
import sys


def test_nlp_logging_embedder_leaves_root_logger_alone() -> None:
    # a fresh interpreter: wordllama configures the root logger on first import only
    code = (
        "import logging\n"
        "from wiretrace.nlp import load_embedder\n"
        "load_embedder()\n"
        "root = logging.getLogger()\n"
        "print(len(root.handlers), root.level)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", str(30)]
    assert "INFO" not in out.stderr
