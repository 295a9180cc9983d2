"""The text of a spaCy Doc, read once: ``Doc.text`` re-joins every token on each access, which made
per-mention lookups the largest cost of a batch (a third of the run in a profile of 60 articles)."""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "wiretrace_text"


def doc_text(doc: Doc) -> str:
    cached: str | None = doc.user_data.get(_KEY)
    if cached is None:
        cached = doc.user_data[_KEY] = doc.text
    return cached
