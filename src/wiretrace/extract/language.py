"""The language of an article's text, and notices about text a user should not trust blindly.

Detection uses py3langid, whose model ships inside the package (nothing is downloaded). Short texts
give unreliable guesses, so below ``_MIN_CHARS`` of letters the language stays unknown and every stage
runs, as before.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from wiretrace.extract.html import LAYOUT_KEY, register_layout
from wiretrace.model import Article, Notice

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

_MIN_CHARS = 40
# Enough text to decide; the classifier's cost grows with the input.
_SAMPLE_CHARS = 5000
# A normalised probability under this is no decision.
_MIN_PROB = 0.6

THIN_TEXT_CHARS = 300

_WORD = re.compile(r"[^\W\d_]+")
_ADDRESS = re.compile(r"^(?:https?://|www\.)|\.(?:html?|php|aspx?|jsp|cms)\b|^\S+\.\w{2,4}$", re.I)
_IDENTIFIER = re.compile(r"[\w-]*_[\w-]*|[a-z]{2,}(?:[A-Z][a-z]+)+")


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _shown(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    # One classifier per process; it holds no per-document state, so reuse is safe in servers and workers.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when the text is too short to tell."""
    return _detect_sample(text[:_SAMPLE_CHARS])


# The pipeline detects each article's language and the boilerplate and caption detectors ask again
# of the same text: the classifier is deterministic, so recent answers are kept (keyed by the
# bounded sample, so the cache holds at most _SAMPLE_CHARS characters per entry).
@lru_cache(maxsize=256)
def _detect_sample(sample: str) -> str | None:
    if sum(ch.isalpha() for ch in sample) < _MIN_CHARS:
        return None
    lang, prob = _identifier().classify(sample)
    return str(lang) if prob >= _MIN_PROB else None


def with_language(article: Article) -> Article:
    """The article with ``language`` set, detected from its text when the source did not give it.

    Also hands the article's markup evidence to the integrity detectors (see ``extract.html``).
    """
    register_layout(article.text, article.metadata.get(LAYOUT_KEY))
    if article.language:
        return article
    lang = detect_language(article.text)
    return article.model_copy(update={"language": lang}) if lang else article


def junk_title_reason(title: str | None, outlet: str | None = None) -> str | None:
    """Why ``title`` does not read as a headline, or None when it does (or there is none).

    Shape rules, not a list of names: a CMS or template name is one lower-case word or an identifier
    ("escenic", "article_page"); a file or web address is not a headline; the site's own name is not
    the article's.
    """
    if not title or not title.strip():
        return None
    t = title.strip()
    words = _WORD.findall(t)
    if not words:
        return "it has no words"
    if _ADDRESS.search(t):
        return "it is a web address or file name"
    if outlet and _letters(t) == _letters(outlet):
        return "it is the site's name"
    if len(t.split()) == 1 and (t.islower() or _IDENTIFIER.fullmatch(t)):
        return "it is a single lower-case word or identifier, the shape of a software or template name"
    return None


def article_warnings(article: Article) -> list[Notice]:
    """Notices about the extracted text itself: too little of it, a title that is not a headline, a
    language the English wording rules do not cover."""
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
    why = junk_title_reason(article.title, article.outlet)
    if why:
        notices.append(
            Notice(
                code="W022",
                message=f"the title {_shown(article.title or '')!r} does not read as a headline ({why}); "
                "the page's metadata may be a template's, so check that the text is the article",
            )
        )
    if article.language and article.language != "en":
        notices.append(
            Notice(
                code="W023",
                message=f"the text is in language {article.language!r}, not English: quotes, dates and the "
                "wording cues of the integrity flags are written for English; boilerplate and captions "
                "are found only from the page's markup, and reuse matching works as usual",
            )
        )
    from wiretrace.ingest.raw import INGEST_WARNINGS_KEY

    for message in article.metadata.get(INGEST_WARNINGS_KEY, "").splitlines():
        notices.append(Notice(code="W012", message=message))  # e.g. a charset declared wrongly
    return notices
