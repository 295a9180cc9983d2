"""Server-rendered pages through the ASGI app: what each page shows, without any JS."""

from __future__ import annotations

import re
from urllib.parse import quote

from fastapi.testclient import TestClient

HTML = {"accept": "text/html"}


def test_pages_analyse_form_has_every_input(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    for name in ("text", "upload", "url", "title", "outlet", "published"):
        assert f'name="{name}"' in r.text
        assert f'<label for="{name}"' in r.text
    assert 'enctype="multipart/form-data"' in r.text


def test_pages_analyse_renders_the_article_view(client: TestClient) -> None:
    text = (
        'Pier vote delayed\n\n"The vote moves to June," said Ines Marlow, the harbour chair.'
        "\n\nRelated Articles"
    )
    r = client.post("/analyze", data={"text": text, "outlet": "Fjord Daily"})
    assert r.status_code == 200
    assert "Verdict" in r.text and "Fjord Daily" in r.text
    assert re.search(r'<a class="q s\d"[^>]*data-tip="[^"]*Marlow[^"]*confidence \d+%"', r.text)
    assert "The vote moves to June," in r.text
    assert 'id="qd-0"' in r.text  # the quote card that the highlighted text links to


def test_pages_analyse_upload_of_an_html_file(client: TestClient) -> None:
    page = (
        b"<html><body><article><h1>Pier</h1><p>The pier opened, officials said on Friday in Vardby.</p>"
        + (
            b"<p>Boats queued at dawn to use the new pier, which cost four million crowns.</p>"
            b"</article></body></html>"
        )
    )
    r = client.post("/analyze", files={"upload": ("pier.html", page, "text/html")})
    assert r.status_code == 200
    assert "Vardby" in r.text and "&lt;p&gt;" not in r.text


def test_pages_analyse_without_input_explains(client: TestClient) -> None:
    r = client.post("/analyze", data={"text": "  "})
    assert r.status_code == 422
    assert 'role="alert"' in r.text


def test_pages_stored_article_shows_provenance_side_by_side(corpus_client: TestClient) -> None:
    hits = corpus_client.get("/api/v1/search", params={"q": "Okafor Offers Leblanc"}).json()["items"]
    stitched = next(h for h in hits if h["title"].startswith("Okafor Offers"))
    r = corpus_client.get(f"/articles/{quote(stitched['id'])}", headers=HTML)
    assert r.status_code == 200
    assert r.text.count('class="pair"') >= 2
    assert "<ins>" in r.text and "<del>" in r.text  # changed words marked on both sides
    assert re.search(r'href="/articles/northwind-2026-05-12-cod"', r.text)
    assert re.search(r'href="/speakers/[^"]+"', r.text)


def test_pages_search_with_filters(corpus_client: TestClient) -> None:
    r = corpus_client.get("/search", params={"q": "cod", "outlet": "Northwind Wire"})
    assert r.status_code == 200
    assert "U.S. envoy proposes live-streamed cod talks" in r.text
    assert "Lakeside bakery" not in r.text
    assert "<mark>" in r.text


def test_pages_speaker_lists_quotes_earliest_first(corpus_client: TestClient) -> None:
    r = corpus_client.get("/speakers/Leblanc")
    assert r.status_code == 200
    dates = re.findall(r", (\d{4}-\d\d-\d\d)</p>", r.text)
    assert dates and dates == sorted(dates)


def test_pages_missing_article_is_an_html_404(corpus_client: TestClient) -> None:
    r = corpus_client.get("/articles/nothing-here", headers=HTML)
    assert r.status_code == 404 and "<h1>404" in r.text


def test_pages_story_and_quote_group(corpus_client: TestClient) -> None:
    stories = corpus_client.get("/api/v1/stories").json()["items"]
    story = next(s for s in stories if len(s["outlets"]) > 1)
    r = corpus_client.get(f"/stories/{quote(story['id'])}")
    assert r.status_code == 200
    assert all(o in r.text for o in story["outlets"])
    groups = corpus_client.get("/api/v1/quote-groups?limit=200").json()["items"]
    group = next(g for g in groups if g["story"] == story["id"])
    page = corpus_client.get(f"/quotes/{quote(group['id'])}")
    assert page.status_code == 200
    assert page.text.count('class="quote-card"') == len(group["members"])
    first = corpus_client.get(f"/articles/{quote(story['first_article'])}", headers=HTML)
    assert f'href="/stories/{quote(story["id"])}"' in first.text
