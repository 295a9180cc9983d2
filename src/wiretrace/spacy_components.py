"""wiretrace's quote stages as spaCy pipeline components: ``nlp.add_pipe("wiretrace_quotes")``.

The component runs the same stage functions as ``wiretrace analyze`` over the Doc and writes the
quote contents to ``doc.spans["wiretrace_quotes"]``; each span's label is the speaker name (or
``UNATTRIBUTED``). The full ``Quote`` objects are on ``doc._.wiretrace_quotes``.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from wiretrace.settings import Settings

SPAN_KEY = "wiretrace_quotes"

if not Doc.has_extension("wiretrace_quotes"):
    Doc.set_extension("wiretrace_quotes", default=None)


class QuotesComponent:
    def __init__(self, nlp: Language, name: str, *, span_key: str = SPAN_KEY) -> None:
        from wiretrace.analyze.pipeline import Pipeline

        self.name = name
        self.span_key = span_key
        self._pipeline = Pipeline(Settings(), stages=("entities", "quotes", "speakers"), nlp=nlp)

    def __call__(self, doc: Doc) -> Doc:
        from wiretrace.extract import article_from_text

        analysis = self._pipeline.run_stages(article_from_text(doc.text), doc)
        spans = []
        for q in analysis.quotes:
            span = doc.char_span(q.span.start, q.span.end, alignment_mode="expand")
            if span is None:
                continue
            span.label_ = q.speaker.name if q.speaker else "UNATTRIBUTED"
            spans.append(span)
        doc.spans[self.span_key] = spans
        doc._.wiretrace_quotes = analysis.quotes
        return doc


@Language.factory("wiretrace_quotes", default_config={"span_key": SPAN_KEY})
def make_quotes_component(nlp: Language, name: str, span_key: str) -> Any:
    return QuotesComponent(nlp, name, span_key=span_key)
