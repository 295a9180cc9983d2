"""Web fixtures: a hostile corpus for XSS probes, and a real uvicorn server for the browser tests."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from api.conftest import (  # noqa: F401  (fixtures shared with the API tests)
    EXAMPLES,
    client,
    corpus_client,
    corpus_url,
    example_text,
    make_client,
    settings,
)
from wiretrace.settings import Settings

if TYPE_CHECKING:
    from fastapi.testclient import TestClient
    from playwright.sync_api import Browser

    from wiretrace.analyze.pipeline import Pipeline

ARTEFACTS = Path(__file__).parents[2] / "tmp" / "artefacts"

# Each probe sets a global if it ever runs; the pages must show them as text.
SCRIPT = "<script>window.__xss='script'</script>"
HANDLER = "<img src=x onerror=\"window.__xss='handler'\">"
TEMPLATE = "{{ 7*7 }} {% for x in range(3) %}loop{% endfor %}"
JS_URL = "javascript:window.__xss='link'"
HOSTILE = {
    "id": "hostile-1",
    "title": f"Harbour {SCRIPT} row",
    "outlet": f"Wire {HANDLER}",
    "url": JS_URL,
    "published": "2026-05-13",
    "text": (
        f"Harbour {SCRIPT} row deepens\n\n"
        f'Dock chief Tove Brann said "the pier {HANDLER} is safe" on Wednesday, {TEMPLATE}.\n\n'
        f'"We will not close it," Brann told the Vardby Post. <a href="{JS_URL}">click</a>\n\n'
        "</p></div><style>body{display:none}</style> ]]> --> <!-- end"
    ),
}


@pytest.fixture(scope="session")
def hostile_corpus_url(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> str:
    from wiretrace import service

    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.jsonl").write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    url = f"sqlite:///{folder / 'corpus.db'}"
    store = service.open_corpus(url)
    try:
        report = service.ingest(store, [folder / "hostile.jsonl"], Settings(), pipeline=pipeline)
        assert not report.failures, report.failures
    finally:
        store.close()
    return url


@pytest.fixture()
def hostile_client(pipeline: Pipeline, hostile_corpus_url: str) -> Iterator[TestClient]:
    with make_client(pipeline, hostile_corpus_url) as c:
        yield c


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _serve(db_url: str) -> Iterator[str]:
    """The app over ``db_url``, served by uvicorn on a loopback port in a thread."""
    import uvicorn

    from wiretrace.api.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(settings(), db_url), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(corpus_url: str) -> Iterator[str]:  # noqa: F811
    yield from _serve(corpus_url)


@pytest.fixture(scope="session")
def hostile_server(hostile_corpus_url: str) -> Iterator[str]:
    yield from _serve(hostile_corpus_url)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(__file__).parents[2] / "tmp" / "node" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright (no browser download: the executable path is given)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (scripts/setup does)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def artefacts() -> Path:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    return ARTEFACTS
