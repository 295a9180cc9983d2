"""Regenerate the README screenshots (docs/img/article.png, docs/img/provenance.png).

The bundled sources go into a temporary corpus, the app is served on a loopback port, and Debian's
Chromium pastes the bundled stitched example into the analyse page, as a user would.
Run: ./scripts/screenshots
"""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from wiretrace import service
from wiretrace.api.app import create_app
from wiretrace.settings import Settings

ROOT = Path(__file__).parents[1]
OUT = ROOT / "docs" / "img"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/corpus.db"
        store = service.open_corpus(url)
        try:
            service.ingest(store, [ROOT / "examples" / "sources.jsonl"], Settings())
            service.update_stories(store)
        finally:
            store.close()
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(create_app(Settings(), url), port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        try:
            shoot(f"http://127.0.0.1:{port}")
        finally:
            server.should_exit = True
            thread.join(timeout=10)


def shoot(base: str) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 1000})
        page.set_default_timeout(120_000)
        page.goto(base + "/")
        text = (ROOT / "examples" / "stitched-harbour-deal.txt").read_text(encoding="utf-8")
        page.get_by_label("Article text").fill(text)
        page.get_by_label("Outlet").fill("Gull Coast Times")
        page.get_by_role("button", name="Analyse").click()
        page.wait_for_url("**/analyze")
        page.locator(".text a.q").nth(2).focus()  # show one quote's tooltip
        page.screenshot(path=OUT / "article.png")
        # The provenance section down to its third passage, in page coordinates.
        top, bottom = page.evaluate(
            """() => {
                const head = document.getElementById("sources-h");
                const pairs = document.querySelectorAll(".pair");
                const last = pairs[Math.min(2, pairs.length - 1)];
                const top = head.getBoundingClientRect().top + scrollY - 10;
                return [top, last.getBoundingClientRect().bottom + scrollY];
            }"""
        )
        clip = {"x": 0, "y": top, "width": 1200, "height": bottom - top}
        page.screenshot(path=OUT / "provenance.png", clip=clip, full_page=True)
        browser.close()
    print(f"wrote {OUT / 'article.png'} and {OUT / 'provenance.png'}")


if __name__ == "__main__":
    main()
