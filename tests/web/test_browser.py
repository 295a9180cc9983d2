"""The web UI in a real browser (Debian's Chromium through Playwright): click through, keyboard,
320 px, accessibility (axe-core), and XSS probes that must not run. Screenshots go to tmp/artefacts/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from web.conftest import AXE, HOSTILE, SCRIPT, TEMPLATE
from wiretrace.api.security import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.slow
EXAMPLE = Path(__file__).parents[2] / "examples" / "stitched-harbour-deal.txt"


def _page(browser: Browser, **context: object) -> Page:
    page = browser.new_context(**context).new_page()  # type: ignore[arg-type]
    page.set_default_timeout(60_000)  # the first analysis loads the model
    return page


def _analyse_example(page: Page, server: str) -> None:
    page.goto(server + "/")
    page.get_by_label("Article text").fill(EXAMPLE.read_text(encoding="utf-8"))
    page.get_by_label("Outlet").fill("Gull Coast Times")
    page.get_by_role("button", name="Analyse").click()
    page.wait_for_url("**/analyze")


def test_browser_analyse_article_speaker_source(browser: Browser, live_server: str, artefacts: Path) -> None:
    page = _page(browser, viewport={"width": 1280, "height": 900})
    _analyse_example(page, live_server)
    expect(page.get_by_role("heading", name="Verdict")).to_be_visible()
    expect(page.locator(".verdict-text")).to_contain_text("stitched")
    quotes = page.locator(".text a.q")
    assert quotes.count() > 5
    first = quotes.first
    first.focus()
    tip = first.evaluate("el => getComputedStyle(el, '::after').content")
    assert "confidence" in tip and "cue" in tip
    assert page.locator(".pair").count() >= 2 and page.locator(".pair ins").count() >= 1
    page.screenshot(path=artefacts / "article.png", full_page=True)
    page.locator("#sources-h").scroll_into_view_if_needed()
    page.locator(".provenance").screenshot(path=artefacts / "provenance.png")

    speaker = page.locator(".legend a").first
    name = speaker.inner_text()
    speaker.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    assert page.locator(".quote-card").count() >= 1
    page.screenshot(path=artefacts / "speaker.png", full_page=True)

    page.go_back()
    source = page.locator(".pair h3 a[href^='/articles/']").first
    title = source.inner_text()
    source.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.screenshot(path=artefacts / "source.png", full_page=True)


def test_browser_search_filters(browser: Browser, live_server: str, artefacts: Path) -> None:
    page = _page(browser)
    page.goto(live_server + "/search")
    page.get_by_label('Words or "a phrase"').fill("cod")
    page.get_by_label("Outlet").fill("Northwind Wire")
    page.get_by_role("button", name="Search").click()
    hits = page.locator(".hits li")
    expect(hits.first).to_contain_text("Northwind Wire")
    assert all("Northwind Wire" in t for t in hits.all_inner_texts())
    page.screenshot(path=artefacts / "search.png", full_page=True)


def test_browser_keyboard_reaches_quotes_and_skip_link(browser: Browser, live_server: str) -> None:
    page = _page(browser)
    _analyse_example(page, live_server)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.text a.q')"):
            break
    else:
        pytest.fail("Tab never reached a highlighted quote")
    page.keyboard.press("Enter")  # follows to the quote's card
    assert page.evaluate("location.hash").startswith("#qd-")


def test_browser_readable_at_320px(browser: Browser, live_server: str, artefacts: Path) -> None:
    page = _page(browser, viewport={"width": 320, "height": 640})
    _analyse_example(page, live_server)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.goto(live_server + "/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.screenshot(path=artefacts / "analyse-320.png", full_page=True)


def test_browser_axe_finds_no_violations(browser: Browser, live_server: str, artefacts: Path) -> None:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: scripts/setup installs axe-core")
    # CSP forbids injected script, as it should; this context bypasses it only to run axe.
    page = _page(browser, bypass_csp=True)
    report: dict[str, list[str]] = {}

    def check(name: str) -> None:
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa']})")
        report[name] = [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in result["violations"]]

    page.goto(live_server + "/")
    check("analyse")
    _analyse_example(page, live_server)
    check("article")
    page.goto(live_server + "/search?q=cod")
    check("search")
    page.goto(live_server + "/speakers/Leblanc")
    check("speaker")
    (artefacts / "axe.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    assert not any(report.values()), report


def test_browser_xss_probes_stay_inert(browser: Browser, hostile_server: str, artefacts: Path) -> None:
    page = _page(browser)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    response = page.goto(f"{hostile_server}/articles/{HOSTILE['id']}")
    assert response is not None and response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    expect(page.get_by_role("heading", level=1)).to_contain_text("<script>")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("img").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    expect(page.locator(".text")).to_contain_text(TEMPLATE)
    page.screenshot(path=artefacts / "xss.png", full_page=True)

    page.goto(hostile_server + "/")
    page.get_by_label("Article text").fill(str(HOSTILE["text"]))
    page.get_by_label("Title").fill(SCRIPT)
    page.get_by_role("button", name="Analyse").click()
    page.wait_for_url("**/analyze")
    expect(page.get_by_role("heading", level=1)).to_have_text(SCRIPT)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert not dialogs
