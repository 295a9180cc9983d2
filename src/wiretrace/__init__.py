"""wiretrace: who said what, where each passage came from, and what does not belong."""

from wiretrace.analyze import Pipeline, analyze, analyze_many
from wiretrace.errors import WiretraceError
from wiretrace.extract import article_from_text
from wiretrace.model import Analysis, Article, Quote, Span
from wiretrace.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Article",
    "Pipeline",
    "Quote",
    "Settings",
    "Span",
    "WiretraceError",
    "analyze",
    "analyze_many",
    "article_from_text",
]
