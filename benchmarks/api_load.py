"""Loopback load test of ``wiretrace serve``: analyse and search throughput, latency, errors, memory;
page weight and render time of the article view for the bundled example.

    .venv/bin/python benchmarks/api_load.py [--analyse N] [--search N] [--concurrency C] [--max-seconds S]

The bundled sources (examples/sources.jsonl) and the stitched example are ingested into a temporary
SQLite corpus; ``wiretrace serve`` runs in its own process on a loopback port (rate limit off), and an
httpx async client sends a bounded number of requests (locust and wrk are not installed; this is a small
closed-loop generator: C workers, each sending its next request when the last one answered). The server's
RSS is sampled every 0.25 s. Absolute numbers depend on a shared 2-core machine; the analyse figure is
bounded by spaCy on one analysis thread.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "stitched-harbour-deal.txt"
SEARCH_TERMS = ["cod", "Okafor", "quotas", '"lasting rupture"', "bakery", "Leblanc envoy", "Halifax", "talks"]


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def build_corpus(folder: Path) -> str:
    from wiretrace import service
    from wiretrace.settings import Settings

    url = f"sqlite:///{folder / 'corpus.db'}"
    store = service.open_corpus(url)
    try:
        service.ingest(store, [ROOT / "examples" / "sources.jsonl"], Settings())
        service.ingest(store, [EXAMPLE], Settings(), trace=True)
        service.update_stories(store)
    finally:
        store.close()
    return url


def start_server(url: str) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "WIRETRACE_API__RATE_LIMIT": "0"}
    exe = Path(sys.executable).with_name("wiretrace")
    proc = subprocess.Popen(
        [str(exe), "serve", "--db", url, "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/v1/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("api_load.py: the server did not start")


async def phase(
    name: str,
    client: httpx.AsyncClient,
    make: Callable[[int], tuple[str, str, dict[str, Any]]],
    total: int,
    concurrency: int,
    max_seconds: float,
    pid: int,
) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    counter = iter(range(total))
    rss: list[int] = [rss_kib(pid)]
    started = time.perf_counter()
    stop = started + max_seconds

    async def worker() -> None:
        nonlocal errors
        for i in counter:
            if time.perf_counter() > stop:
                return
            method, path, kwargs = make(i)
            t0 = time.perf_counter()
            try:
                r = await client.request(method, path, **kwargs)
                ok = r.status_code == 200
            except httpx.HTTPError:
                ok = False
            latencies.append(time.perf_counter() - t0)
            errors += not ok

    async def sampler() -> None:
        while True:
            await asyncio.sleep(0.25)
            rss.append(rss_kib(pid))

    sampling = asyncio.create_task(sampler())
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    sampling.cancel()
    elapsed = time.perf_counter() - started
    rss.append(rss_kib(pid))
    lat = sorted(latencies)
    return {
        "phase": name,
        "requests": len(lat),
        "errors": errors,
        "seconds": round(elapsed, 2),
        "rps": round(len(lat) / elapsed, 2),
        "p50_ms": round(1000 * statistics.median(lat), 1),
        "p99_ms": round(1000 * lat[min(len(lat) - 1, int(0.99 * len(lat)))], 1),
        "rss_start_mib": round(rss[0] / 1024, 1),
        "rss_end_mib": round(rss[-1] / 1024, 1),
        "rss_max_mib": round(max(rss) / 1024, 1),
    }


async def article_view(client: httpx.AsyncClient, repeat: int) -> dict[str, Any]:
    """Server time and bytes of the stored example's article view, plus its CSS and JS."""
    hits = (await client.get("/api/v1/search", params={"q": '"Okafor Offers Leblanc"'})).json()["items"]
    article_id = next(h["id"] for h in hits if (h["title"] or "").startswith("Okafor Offers"))
    times = []
    html = b""
    for _ in range(repeat):
        t0 = time.perf_counter()
        r = await client.get(f"/articles/{article_id}", headers={"accept": "text/html"})
        times.append(time.perf_counter() - t0)
        html = r.content
    css = len((await client.get("/static/style.css")).content)
    js = len((await client.get("/static/app.js")).content)
    return {
        "html_bytes": len(html),
        "css_bytes": css,
        "js_bytes": js,
        "page_weight_bytes": len(html) + css + js,
        "server_render_p50_ms": round(1000 * statistics.median(times), 1),
        "article_id": article_id,
    }


def browser_render(base: str, article_id: str) -> dict[str, Any]:
    """Chromium's navigation timing for the article view (when Debian's chromium is installed)."""
    if not Path("/usr/bin/chromium").exists():
        return {"browser": "chromium not installed"}
    from playwright.sync_api import sync_playwright

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    runs = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = browser.new_page()
        for _ in range(5):
            page.goto(f"{base}/articles/{article_id}", wait_until="load")
            runs.append(
                page.evaluate(
                    "() => { const n = performance.getEntriesByType('navigation')[0];"
                    " return [n.domContentLoadedEventEnd, n.loadEventEnd, n.transferSize]; }"
                )
            )
        browser.close()
    return {
        "dom_content_loaded_ms": round(statistics.median(r[0] for r in runs), 1),
        "load_ms": round(statistics.median(r[1] for r in runs), 1),
    }


async def run(args: argparse.Namespace, base: str, pid: int) -> list[dict[str, Any]]:
    text = EXAMPLE.read_text(encoding="utf-8")
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        await client.post("/api/v1/analyze", json={"text": text})  # warm-up: the model loads
        results = [
            await phase(
                "analyse (bundled example, 4.6 kB)",
                client,
                lambda i: ("POST", "/api/v1/analyze", {"json": {"text": text, "title": f"run {i}"}}),
                args.analyse,
                args.concurrency,
                args.max_seconds,
                pid,
            ),
            await phase(
                "search",
                client,
                lambda i: ("GET", "/api/v1/search", {"params": {"q": SEARCH_TERMS[i % len(SEARCH_TERMS)]}}),
                args.search,
                args.concurrency,
                args.max_seconds,
                pid,
            ),
        ]
        results.append(await article_view(client, 20))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--analyse", type=int, default=40, help="analyse requests (default 40)")
    parser.add_argument("--search", type=int, default=1000, help="search requests (default 1000)")
    parser.add_argument("--concurrency", type=int, default=4, help="concurrent clients (default 4)")
    parser.add_argument("--max-seconds", type=float, default=120, help="time bound per phase (default 120)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = build_corpus(Path(tmp))
        proc, base = start_server(url)
        try:
            results = asyncio.run(run(args, base, proc.pid))
            results[-1].update(browser_render(base, results[-1]["article_id"]))
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    for r in results:
        print(json.dumps(r))


if __name__ == "__main__":
    main()
