"""The language of an article's text, and notices about text a user should not trust blindly.

Detection uses py3langid, whose model ships inside the package (nothing is downloaded). Short texts
give unreliable guesses, so below ``_MIN_CHARS`` of letters the language stays unknown and every stage
runs, as before.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from wiretrace.model import Article, Notice

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

_MIN_CHARS = 40
# Enough text to decide; the classifier's cost grows with the input.
_SAMPLE_CHARS = 5000
# A normalised probability under this is no decision.
_MIN_PROB = 0.6

THIN_TEXT_CHARS = 300


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    # One classifier per process; it holds no per-document state, so reuse is safe in servers and workers.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when the text is too short to tell."""
    sample = text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < _MIN_CHARS:
        return None
    lang, prob = _identifier().classify(sample)
    return str(lang) if prob >= _MIN_PROB else None


def with_language(article: Article) -> Article:
    """The article with ``language`` set, detected from its text when the source did not give it."""
    if article.language:
        return article
    lang = detect_language(article.text)
    return article.model_copy(update={"language": lang}) if lang else article


def article_warnings(article: Article) -> list[Notice]:
    """Notices about the extracted text itself: too little of it to trust an analysis."""
    notices: list[Notice] = []
    size = len(article.text.strip())
    if size < THIN_TEXT_CHARS:
        notices.append(
            Notice(
                code="W021",
                message=f"only {size} characters of article text were found; the page may not be an "
                "article, or extraction missed its body",
            )
        )
    from wiretrace.ingest.raw import INGEST_WARNINGS_KEY

    for message in article.metadata.get(INGEST_WARNINGS_KEY, "").splitlines():
        notices.append(Notice(code="W012", message=message))  # e.g. a charset declared wrongly
    return notices
