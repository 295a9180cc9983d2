"""wiretrace: who said what, where each passage came from, and what does not belong."""

from wiretrace.analyze import Pipeline, analyze, analyze_many
from wiretrace.errors import WiretraceError
from wiretrace.extract import article_from_text
from wiretrace.model import Analysis, Article, Quote, Span
from wiretrace.settings import Settings

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    # The reuse index pulls in numpy and rapidfuzz: import it only when asked for.
    if name == "Index":
        from wiretrace.reuse.index import Index

        return Index
    if name == "open_store":
        from wiretrace.corpus.store import open_store

        return open_store
    raise AttributeError(f"module 'wiretrace' has no attribute {name!r}")


__all__ = [
    "Analysis",
    "Article",
    "Index",
    "Pipeline",
    "Quote",
    "Settings",
    "Span",
    "WiretraceError",
    "analyze",
    "analyze_many",
    "article_from_text",
    "open_store",
]
