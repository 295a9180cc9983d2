"""XSS probes: hostile text, title, outlet and URL render as inert text (escaped), never as markup."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import quote

from fastapi.testclient import TestClient

from web.conftest import HANDLER, HOSTILE, JS_URL, SCRIPT, TEMPLATE

HTML = {"accept": "text/html"}


class _Elements(HTMLParser):
    """Every element a browser would build from the page, with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def _assert_inert(page: str) -> None:
    parser = _Elements()
    parser.feed(page)
    tags = [t for t, _ in parser.elements]
    scripts = [a.get("src") for t, a in parser.elements if t == "script"]
    assert scripts == ["/static/app.js"]  # only our own file, never an inline or injected one
    assert "img" not in tags and "style" not in tags
    for tag, attrs in parser.elements:
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        for key in ("href", "src", "action"):
            value = (attrs.get(key) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)
    assert "loop" * 3 not in page and ">49 " not in page  # template syntax was not evaluated
    assert "&lt;script&gt;" in page


def test_xss_stored_article_renders_inert(hostile_client: TestClient) -> None:
    r = hostile_client.get(f"/articles/{HOSTILE['id']}", headers=HTML)
    assert r.status_code == 200
    _assert_inert(r.text)
    assert "{{ 7*7 }}" in r.text
    assert "javascript:window.__xss=" in r.text  # shown as text, not linked


def test_xss_pasted_article_renders_inert(client: TestClient) -> None:
    text = f'Title {SCRIPT}\n\nThe mayor said "{HANDLER}" and {TEMPLATE}.\n\n<a href="{JS_URL}">x</a>'
    r = client.post("/analyze", data={"text": text, "title": SCRIPT, "outlet": HANDLER})
    assert r.status_code == 200
    _assert_inert(r.text)


def test_xss_search_and_speaker_pages_render_inert(hostile_client: TestClient) -> None:
    r = hostile_client.get("/search", params={"q": "Harbour", "outlet": SCRIPT})
    assert SCRIPT not in r.text
    r = hostile_client.get("/search", params={"q": "Harbour"})
    assert r.status_code == 200 and SCRIPT not in r.text and "<img src=x" not in r.text
    r = hostile_client.get(f"/speakers/{quote(SCRIPT, safe='')}")
    assert r.status_code == 200 and SCRIPT not in r.text


def test_xss_json_api_is_never_html(hostile_client: TestClient) -> None:
    r = hostile_client.get(f"/api/v1/articles/{HOSTILE['id']}")
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["title"] == HOSTILE["title"]  # stored as given; escaping is the renderer's job
