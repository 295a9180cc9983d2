"""Off-topic inserts: single-article coherence, and stronger evidence from provenance matches."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from wiretrace.analyze.integrity.detect import detect_flags
from wiretrace.extract import article_from_text
from wiretrace.model import Flag, Match, Span
from wiretrace.settings import FlagSettings

if TYPE_CHECKING:
    from spacy.language import Language

HEAD = "Kessler Bridge to Close for Six Months of Repairs"
ON_TOPIC = [
    "The Kessler Bridge over the Amber River will close to traffic from May 1 for six months while "
    "crews replace its corroded steel deck, the Dunmore transport department said on Monday.",
    "Transport director Yusuf Brandt said inspectors found cracks in 14 of the bridge's 40 deck "
    "panels during a routine check in February.",
    "Drivers will be sent over the Harlow Bridge, about three miles upstream, adding up to 20 minutes "
    "to commutes at rush hour, Brandt said.",
    "The repairs will cost 38 million dollars, paid from the state's infrastructure fund, and the "
    "contract went to Dunmore Steelworks after a public tender.",
    "Shop owners near the bridge said they feared losing customers during the closure and asked the "
    "city for help with parking.",
    "Brandt said pedestrians and cyclists could still cross on a temporary walkway along the bridge's "
    "north side.",
]
INSERT_HEAD = "Veteran Goalkeeper Signs Two-Year Deal with Coastal Rovers"
INSERT = (
    "The 34-year-old goalkeeper kept 11 clean sheets last season and will compete for the starting "
    "place with the club's academy graduate, the coach told supporters at the training ground."
)


def _article(with_insert: bool) -> str:
    paras = list(ON_TOPIC)
    if with_insert:
        paras.insert(3, f"{INSERT_HEAD}\n{INSERT}")
    return HEAD + "\n\n" + "\n\n".join(paras)


def _off_topic(nlp: Language, text: str, matches: list[Match] | None = None, **cfg: object) -> list[Flag]:
    art = article_from_text(text, id="t")
    flags = detect_flags(art, nlp(text), FlagSettings.model_validate(cfg), matches=matches or [])
    return [f for f in flags if f.label == "off_topic"]


@pytest.mark.parametrize("embeddings", [True, False])
def test_flags_off_topic_insert_with_its_headline(nlp: Language, embeddings: bool) -> None:
    text = _article(with_insert=True)
    got = [f.span.of(text) for f in _off_topic(nlp, text, embeddings=embeddings)]
    assert got == [INSERT_HEAD, INSERT]


def test_flags_off_topic_none_on_a_coherent_article(nlp: Language) -> None:
    assert _off_topic(nlp, _article(with_insert=False)) == []


def test_flags_off_topic_reason_is_checkable(nlp: Language) -> None:
    text = _article(with_insert=True)
    flag = _off_topic(nlp, text)[-1]
    assert "different story" in flag.reason and 0.5 <= flag.score <= 1.0


def _traced(text: str, passages: list[str]) -> list[Match]:
    out = []
    for k, p in enumerate(passages):
        a = text.index(p)
        out.append(
            Match(
                span=Span(start=a, end=a + len(p)),
                source_id=f"wire-{k % 2}",
                source_span=Span(start=0, end=len(p)),
                similarity=0.95,
            )
        )
    return out


def test_flags_off_topic_untraced_passage_among_traced_ones(nlp: Language) -> None:
    # No headline line this time: the stray sentence sits in its own paragraph.
    text = HEAD + "\n\n" + "\n\n".join([*ON_TOPIC[:3], INSERT, *ON_TOPIC[3:]])
    flags = _off_topic(nlp, text, matches=_traced(text, ON_TOPIC))
    assert [f.span.of(text) for f in flags] == [INSERT]
    assert "no source match" in flags[0].reason


def test_flags_off_topic_traced_passages_are_not_flagged(nlp: Language) -> None:
    text = _article(with_insert=False)
    assert _off_topic(nlp, text, matches=_traced(text, ON_TOPIC)) == []


def test_flags_off_topic_spliced_paragraph_without_headline(nlp: Language) -> None:
    # Another story's paragraph, same layout as the article's own: coherence alone must find it.
    text = HEAD + "\n\n" + "\n\n".join([*ON_TOPIC[:3], INSERT, *ON_TOPIC[3:]])
    got = [f.span.of(text) for f in _off_topic(nlp, text)]
    assert got == [INSERT]


def test_flags_off_topic_work_is_bounded_on_many_paragraphs(nlp: Language) -> None:
    from wiretrace.analyze.integrity import coherence
    from wiretrace.analyze.integrity.detect import prepare

    text = "\n\n".join(ON_TOPIC * 40)
    seg = prepare(text, nlp(text))
    paras = coherence.paragraphs(seg, [])
    coherence.features(paras, None, None)
    assert len(paras) == 240 and all("lex" in p.feats for p in paras)
