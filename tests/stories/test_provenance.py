from __future__ import annotations

from wiretrace.model import Match, Span
from wiretrace.stories.provenance import attribute_through_sources

from .helpers import analysis

WORDS = "The tunnel will open in May and the fares will stay as they are"


def test_provenance_recovers_a_speaker_from_the_source() -> None:
    source = analysis(
        "wire-001", f'Transport minister Jura Kell said: "{WORDS}."', quotes=((WORDS, "Jura Kell"),)
    )
    copy_text = f'"{WORDS}." Commuters welcomed the news.'
    copy = analysis("spun-009", copy_text, quotes=((WORDS, None),))
    s0 = source.article.text.index(WORDS)
    copy = copy.model_copy(
        update={
            "matches": [
                Match(
                    span=Span(start=0, end=len(WORDS) + 3),
                    source_id="wire-001",
                    source_span=Span(start=s0 - 1, end=s0 + len(WORDS) + 2),
                    similarity=0.97,
                )
            ]
        }
    )
    got = attribute_through_sources(copy, {"wire-001": source}.get)
    q = got.quotes[0]
    assert q.speaker is None
    assert q.source_attribution is not None
    assert q.source_attribution.name == "Jura Kell"
    assert q.source_attribution.source_id == "wire-001"
    assert "wire-001" in q.source_attribution.evidence


def test_provenance_without_a_match_changes_nothing() -> None:
    copy = analysis("spun-010", f'"{WORDS}."', quotes=((WORDS, None),))
    assert attribute_through_sources(copy, lambda _: None).quotes[0].source_attribution is None
