"""``wiretrace serve`` starts uvicorn over the app, with the host and port it is given."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_serve_answers_on_the_given_port(tmp_path: Path) -> None:
    port = _free_port()
    exe = Path(sys.executable).with_name("wiretrace")
    db = f"sqlite:///{tmp_path / 'c.db'}"
    from wiretrace import service

    service.open_corpus(db).close()
    proc = subprocess.Popen(
        [str(exe), "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
                break
            except httpx.HTTPError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else b""
                assert time.monotonic() < deadline, "serve did not start"
                time.sleep(0.2)
        assert r.json()["corpus"] is True
        assert httpx.get(f"http://127.0.0.1:{port}/api/v1/stats").json()["articles"] == 0
    finally:
        proc.terminate()
        proc.communicate(timeout=20)  # also closes the stderr pipe
