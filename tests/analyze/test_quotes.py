"""quotes.v1 on short invented texts, with gold offsets."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from wiretrace.analyze.attribution.marks import scan_quotes
from wiretrace.extract import article_from_text, paragraph_spans
from wiretrace.model import Quote, Span

if TYPE_CHECKING:
    from wiretrace.analyze.pipeline import Pipeline


def quotes_of(pipeline: Pipeline, text: str) -> tuple[str, list[Quote]]:
    analysis = pipeline.analyze(article_from_text(text, id="t"))
    return text, analysis.quotes


def find(text: str, quotes: list[Quote], words: str) -> Quote:
    start = text.index(words)
    for q in quotes:
        if q.span.start <= start < q.span.end:
            return q
    raise AssertionError(f"no quote covers {words!r}: {[q.span.of(text) for q in quotes]}")


@pytest.fixture(scope="module")
def quotes_only(pipeline: Pipeline) -> Pipeline:
    """The quotes stage alone: source mentions as written, before the speakers stage resolves them."""
    from wiretrace.analyze.pipeline import Pipeline

    return Pipeline(pipeline.settings, stages=("quotes",), nlp=pipeline.nlp)


def mention(text: str, q: Quote) -> str | None:
    return q.speaker.mention.of(text) if q.speaker and q.speaker.mention else None


# -- quotation marks ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        ('Ann Vole said: "We will open the bridge."', ["We will open the bridge."]),
        ("Ann Vole said: \u201cWe will open the bridge.\u201d", ["We will open the bridge."]),
        ("\"Tell them 'no' today,\" she said.", ["Tell them 'no' today,"]),
        ("Vole: 'We will win the vote'", ["We will win the vote"]),
        ("It's Ann's car, isn't it? The drivers' union agreed.", []),
    ],
)
def test_marks_pair_straight_curly_nested_and_single(text: str, contents: list[str]) -> None:
    found = [" ".join(p.of(text) for p in q.pieces) for q in scan_quotes(text, paragraph_spans(text))]
    assert found == contents


def test_marks_balanced_curly_quotes_nest() -> None:
    text = "\u201cI would rather live in what he calls \u201chell\u201d than leave,\u201d she said."
    (q,) = scan_quotes(text, paragraph_spans(text))
    assert q.pieces[0].of(text) == "I would rather live in what he calls \u201chell\u201d than leave,"


def test_direct_quote_with_time_before_inverted_speaker(pipeline: Pipeline) -> None:
    text = '"We will rebuild the pier," said Monday Ray Okafor, the harbour master.'
    text, quotes = quotes_of(pipeline, text)
    who = mention(text, find(text, quotes, "We will rebuild"))
    assert who is not None and "Okafor" in who


def test_marks_quote_running_over_paragraphs_is_one_quote() -> None:
    text = '"The first part goes on.\n\n"The second part ends here," Vole said.'
    (q,) = scan_quotes(text, paragraph_spans(text))
    assert [p.of(text) for p in q.pieces] == ["The first part goes on.", "The second part ends here,"]
    assert q.closed


def test_marks_unbalanced_mark_degrades_to_its_paragraph() -> None:
    text = 'Vole said "we will stay.\n\nThe council met on Monday. "Fine," Ray said.'
    qs = scan_quotes(text, paragraph_spans(text))
    assert [q.pieces[0].of(text) for q in qs] == ["we will stay.", "Fine,"]
    assert not qs[0].closed and qs[1].closed


# -- direct quotes ------------------------------------------------------------------------------------


def test_direct_quote_with_cue_after(pipeline: Pipeline) -> None:
    text, quotes = quotes_of(pipeline, '"The bridge opens in May," said Ann Vole, the mayor of Dunmore.')
    q = find(text, quotes, "The bridge")
    assert q.kind == "direct"
    assert q.span == Span(start=1, end=25)
    assert q.cue is not None and q.cue.of(text) == "said"
    assert mention(text, q) == "Ann Vole, the mayor of Dunmore"


def test_interrupted_quote_is_one_quote_with_pieces(pipeline: Pipeline) -> None:
    text, quotes = quotes_of(pipeline, '"The bridge," Ann Vole said, "will open in May."')
    q = find(text, quotes, "The bridge")
    assert q.kind == "direct"
    assert [p.of(text) for p in q.pieces] == ["The bridge,", "will open in May."]
    assert q.cue is not None and q.cue.of(text) == "said"
    assert mention(text, q) == "Ann Vole"
    assert len([x for x in quotes if x.kind == "direct"]) == 1


def test_partial_quote_inside_reported_speech(pipeline: Pipeline) -> None:
    text = 'Council spokesman Piet Raul said on Monday that the plan was "a very poor idea from the start".'
    text, quotes = quotes_of(pipeline, text)
    assert [q.kind for q in quotes] == ["mixed"]  # the partial quote is not listed again at the top
    mixed = quotes[0]
    assert mixed.span.of(text).startswith("that the plan was")
    (partial,) = mixed.nested
    assert partial.kind == "partial"
    assert partial.span.of(text) == "a very poor idea from the start"
    assert mention(text, partial) == mention(text, mixed) == "Council spokesman Piet Raul"


def test_headline_colon_form(pipeline: Pipeline) -> None:
    text = "Vole: 'We will win the vote'\n\nThe mayor spoke in Dunmore on Friday."
    text, quotes = quotes_of(pipeline, text)
    q = find(text, quotes, "We will win")
    assert q.span.of(text) == "We will win the vote"
    assert mention(text, q) == "Vole"


def test_quote_without_cue_is_unattributed(pipeline: Pipeline) -> None:
    text = 'The bridge opened on Monday.\n\n"Nobody expected this."'
    text, quotes = quotes_of(pipeline, text)
    q = find(text, quotes, "Nobody expected")
    assert q.speaker is None
    assert q.unattributed_reason
    assert q.confidence == 0.0


def test_titles_and_scare_quotes_are_not_quotes(pipeline: Pipeline) -> None:
    text = 'Ann Vole appeared on "Dunmore Evening Live" on Friday, wearing a so-called "road tax" badge.'
    _, quotes = quotes_of(pipeline, text)
    assert quotes == []


def test_unbalanced_marks_never_refuse_the_article(pipeline: Pipeline) -> None:
    text = 'He said "yes.\n\n"And then" no " more " marks "\n\nAnn Vole said the road is closed.'
    _, quotes = quotes_of(pipeline, text)
    assert all(0 <= q.span.start <= q.span.end <= len(text) for q in quotes)


# -- reported speech ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "content", "source"),
    [
        ("Ann Vole said the bridge would open in May.", "the bridge would open in May", "Ann Vole"),
        ("Ann Vole said that the bridge would open in May.", "that the bridge would open in May", "Ann Vole"),
        ("The bridge will open in May, Ann Vole said.", "The bridge will open in May", "Ann Vole"),
        ("According to Ann Vole, the bridge will open in May.", "the bridge will open in May", "Ann Vole"),
        (
            "The bridge will open in May, according to the council.",
            "The bridge will open in May",
            "the council",
        ),
        ("Engineers say the bridge will open in May.", "the bridge will open in May", "Engineers"),
    ],
)
def test_reported_speech_content_excludes_cue_and_source(
    quotes_only: Pipeline, text: str, content: str, source: str
) -> None:
    text, quotes = quotes_of(quotes_only, text)
    q = find(text, quotes, "bridge")
    assert q.kind == "indirect"
    assert q.span.of(text) == content
    assert mention(text, q) == source
    assert q.cue is not None
    assert q.cue.end <= q.span.start or q.cue.start >= q.span.end


def test_indirect_speech_can_be_turned_off(nlp: object) -> None:
    from wiretrace.analyze.pipeline import Pipeline
    from wiretrace.settings import Settings

    settings = Settings(quotes={"indirect": False})
    pipe = Pipeline(settings, nlp=nlp)  # type: ignore[arg-type]
    quotes = pipe.analyze(article_from_text('Ann Vole said the bridge would open. "Soon," she said.')).quotes
    assert [q.kind for q in quotes] == ["direct"]


def test_spans_stay_inside_the_text(pipeline: Pipeline) -> None:
    text = '"One," he said. \u201cTwo,\u201d she said, \u201cthree.\u201d According to Ray, four.'
    _, quotes = quotes_of(pipeline, text)
    assert quotes
    for q in quotes:
        assert 0 <= q.span.start < q.span.end <= len(text)
        for p in q.pieces:
            assert q.span.contains(p)


# -- only speech is speech; modes; positions (issue 8) ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Engineers believe the bridge will open in May.",
        "The survey data showed that most drivers avoid the bridge.",
        "Ann Vole declined to comment on the bridge.",
        "Ray Okafor denied any wrongdoing.",
    ],
)
def test_quotes_beliefs_evidence_and_unmarked_objects_are_not_speech(pipeline: Pipeline, text: str) -> None:
    _, quotes = quotes_of(pipeline, text)
    assert quotes == []


def test_quotes_beliefs_setting_keeps_them(pipeline: Pipeline) -> None:
    from wiretrace.analyze.pipeline import Pipeline as _Pipeline

    settings = pipeline.settings.model_copy(deep=True)
    settings.quotes.beliefs = True
    text = "Engineers believe the bridge will open in May."
    _, quotes = quotes_of(_Pipeline(settings, nlp=pipeline.nlp), text)
    assert [q.span.of(text) for q in quotes] == ["the bridge will open in May"]


@pytest.mark.parametrize(
    ("text", "words", "mode"),
    [
        ("Ann Vole asked whether the bridge would open in May.", "the bridge", "question"),
        ("Ray Okafor did not say how many boats had sunk.", "how many", "negated"),
        ("Ann Vole would say that the plan is sound.", "the plan", "hypothetical"),
        ("Ann Vole said that the plan is sound.", "the plan", "assertion"),
        ('"Will the ferry run on time?" Ann Vole asked.', "Will the ferry", "question"),
    ],
)
def test_quotes_mode_of_the_speech_act(pipeline: Pipeline, text: str, words: str, mode: str) -> None:
    text, quotes = quotes_of(pipeline, text)
    assert find(text, quotes, words).mode == mode


def test_quotes_paragraph_index(pipeline: Pipeline) -> None:
    text = 'The ferry ran late.\n\nAnn Vole said: "We will fix it."'
    text, quotes = quotes_of(pipeline, text)
    assert find(text, quotes, "We will fix").paragraph == 1
