"""The text of a spaCy Doc, read once: ``Doc.text`` re-joins every token on each access, which made
per-mention lookups the largest cost of a batch (a third of the run in a profile of 60 articles).
The pipeline seeds it with the text it parsed (``seed_doc_text``), so not even the first read joins
tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_KEY = "wiretrace_text"


def doc_text(doc: Doc) -> str:
    cached: str | None = doc.user_data.get(_KEY)
    if cached is None:
        cached = doc.user_data[_KEY] = doc.text
    return cached


def seed_doc_text(doc: Doc, text: str) -> None:
    """Record ``text`` as ``doc``'s text when it is the text the Doc was made from (same length, same
    last token), as the pipeline knows; otherwise leave ``doc_text`` to build it."""
    if not len(doc):
        return
    last = doc[-1]
    if last.idx + len(last.text_with_ws) == len(text) and text.startswith(last.text_with_ws, last.idx):
        doc.user_data[_KEY] = text
