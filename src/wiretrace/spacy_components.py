"""wiretrace's quote stages as spaCy pipeline components: ``nlp.add_pipe("wiretrace_quotes")``.

The component runs the same stage functions as ``wiretrace analyze`` over the Doc the pipeline has
already made (no second parse) and writes the quote contents to ``doc.spans["wiretrace_quotes"]``;
each span's label is the speaker name (or ``UNATTRIBUTED``). The full ``Quote`` objects, with cue,
kind, pieces, source chain, confidence and evidence, are on ``doc._.wiretrace_quotes``.

Add it after the parser and NER (the default, appended last). Speaker resolution is part of the same
component: it needs the quotes and the entities, so a separate speakers component would only add a
hand-off; ``speakers: false`` keeps the source mentions as written instead::

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("wiretrace_quotes", config={"speakers": True})
    doc = nlp(text)
    for span in doc.spans["wiretrace_quotes"]:
        print(span.label_, "|", span.text)
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from wiretrace.settings import Settings

SPAN_KEY = "wiretrace_quotes"
UNATTRIBUTED = "UNATTRIBUTED"

if not Doc.has_extension("wiretrace_quotes"):
    Doc.set_extension("wiretrace_quotes", default=None)


class QuotesComponent:
    """Quotes and speakers of a Doc, as spans and as ``Quote`` objects."""

    def __init__(self, nlp: Language, name: str, *, span_key: str = SPAN_KEY, speakers: bool = True) -> None:
        from wiretrace.analyze.pipeline import Pipeline

        self.name = name
        self.span_key = span_key
        stages = ("entities", "quotes", "speakers") if speakers else ("quotes",)
        self._pipeline = Pipeline(Settings(), stages=stages, nlp=nlp)

    def __call__(self, doc: Doc) -> Doc:
        from wiretrace.extract import article_from_text

        analysis = self._pipeline.run_stages(article_from_text(doc.text), doc)
        spans = []
        for q in analysis.quotes:
            # Quote edges are character offsets; widen to whole tokens for the spaCy span.
            span = doc.char_span(q.span.start, q.span.end, alignment_mode="expand")
            if span is None:
                continue
            span.label_ = q.speaker.name if q.speaker else UNATTRIBUTED
            spans.append(span)
        doc.spans[self.span_key] = spans
        doc._.wiretrace_quotes = analysis.quotes
        return doc


@Language.factory("wiretrace_quotes", default_config={"span_key": SPAN_KEY, "speakers": True})
def make_quotes_component(nlp: Language, name: str, span_key: str, speakers: bool) -> Any:
    return QuotesComponent(nlp, name, span_key=span_key, speakers=speakers)
