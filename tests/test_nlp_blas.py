"""Analysis processes keep numpy's BLAS to one thread (#13): small matrix products only spin more."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
from wiretrace.nlp import one_blas_thread
one_blas_thread()  # before anything imported numpy: it must load numpy's BLAS itself to limit it
from threadpoolctl import threadpool_info
print(sorted({p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"}))
"""


def test_one_blas_thread_limits_numpy_blas() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[1]"
