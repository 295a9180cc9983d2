from __future__ import annotations

from wiretrace.model import Quote, Span, Speaker
from wiretrace.stories import Assignment, find_quote_groups

from .helpers import BRIDGE, ORCHARD, analysis, quote_at


def _groups(analyses: list, story: str = "story-a"):  # type: ignore[no-untyped-def,type-arg]
    assignments = [Assignment(a.article.id, story, i) for i, a in enumerate(analyses)]
    return find_quote_groups({a.article.id: a for a in analyses}, assignments)


def test_quote_groups_verbatim_and_trimmed_copies_form_one_group() -> None:
    groups = _groups(BRIDGE)
    assert len(groups) == 1
    g = groups[0]
    assert {m.article_id for m in g.members} == {a.article.id for a in BRIDGE}
    texts = {a.article.id: a.article.text for a in BRIDGE}
    for m in g.members:
        assert "rebuild the Velmora bridge" in m.span.of(texts[m.article_id])


def test_quote_groups_earliest_member_and_variants() -> None:
    g = _groups(BRIDGE)[0]
    assert g.earliest == "harbour-gazette-001"
    assert g.members[0].variant == "earliest"
    assert "trimmed" in g.variants


def test_quote_groups_flag_speaker_disagreement() -> None:
    g = _groups(BRIDGE)[0]
    assert g.speaker_disagreement
    assert g.speaker == "Ilse Dorn"
    assert set(g.speakers) == {"Ilse Dorn", "Piet Marel"}


def test_quote_groups_same_speaker_no_flag() -> None:
    g = _groups(BRIDGE[:2])[0]
    assert not g.speaker_disagreement


def test_quote_groups_never_span_stories() -> None:
    assignments = [Assignment(a.article.id, f"story-{i}", i) for i, a in enumerate(BRIDGE)]
    assert find_quote_groups({a.article.id: a for a in BRIDGE}, assignments) == []


def test_quote_groups_unrelated_quotes_stay_apart() -> None:
    text = (
        'The baker Mila Sorn said: "Our cider sold out before noon and we will bake twice as much next year."'
    )
    other = analysis(
        "salden-news-002",
        text,
        quotes=(("Our cider sold out before noon and we will bake twice as much next year.", "Mila Sorn"),),
    )
    assert _groups([ORCHARD, other, BRIDGE[0]]) == []


def test_quote_groups_alignment_finds_an_unmarked_copy() -> None:
    quote = "The river rose faster than any model had predicted for the Tarn valley"
    marked = analysis(
        "harbour-gazette-002",
        f'Hydrologist Ana Brel said: "{quote}." The flood peaked on Tuesday.',
        quotes=((quote, "Ana Brel"),),
    )
    marked2 = analysis(
        "north-courier-015",
        f'"{quote}," Ana Brel said. Rescue crews worked through the night.',
        quotes=((quote, "Ana Brel"),),
    )
    unmarked = analysis(
        "valley-post-230", f"Ana Brel spoke at noon. {quote}. Rescue crews worked through the night."
    )
    groups = _groups([marked, marked2, unmarked])
    assert len(groups) == 1
    assert "valley-post-230" in {m.article_id for m in groups[0].members}


def test_quote_groups_a_headline_echo_is_one_member() -> None:
    said = "The ferry to Osk will run again from Thursday morning"
    first = analysis(
        "coast-herald-010",
        f'"{said}", harbour master says\n\nThe harbour master Rena Alvik said "{said}" after the storm.',
        title=f'"{said}", harbour master says',
        quotes=((said, "Rena Alvik"),),
    )
    # the headline copy is a second quote of the same words
    head = first.quotes[0].model_copy()
    body_start = first.article.text.rindex(said)
    body = head.model_copy(
        update={"span": head.span.model_copy(update={"start": body_start, "end": body_start + len(said)})}
    )
    first = first.model_copy(update={"quotes": [head, body]})
    second = analysis(
        "osk-daily-011",
        f'Rena Alvik told reporters: "{said}." Tickets are on sale.',
        quotes=((said, "Rena Alvik"),),
    )
    groups = _groups([first, second])
    assert len(groups) == 1
    assert sorted(m.article_id for m in groups[0].members) == ["coast-herald-010", "osk-daily-011"]


def test_quote_groups_member_spans_the_whole_quote_its_sentence_came_from() -> None:
    one = "The dam gates will stay shut until the river falls."
    two = "Nobody downstream should return home before Sunday."
    whole = analysis(
        "valley-post-020",
        f'Engineer Tomas Ruud said: "{one} {two}" Crews worked through the night.',
        quotes=((f"{one} {two}", "Tomas Ruud"),),
    )
    part = analysis(
        "ridge-times-021",
        f'Tomas Ruud said: "{one}" The road stays closed.',
        quotes=((one, "Tomas Ruud"),),
    )
    g = _groups([whole, part])[0]
    spans = {
        m.article_id: m.span.of(a.article.text)
        for m in g.members
        for a in (whole, part)
        if a.article.id == m.article_id
    }
    assert spans["valley-post-020"] == f"{one} {two}"
    assert spans["ridge-times-021"] == one


def test_quote_groups_two_sentences_carried_together_are_one_statement() -> None:
    one = "The ferry fleet will be replaced by electric boats within five years."
    two = "Every crossing will stay at today's fare until then."
    both = [
        analysis(
            f"coast-herald-03{i}",
            f'Port director Lene Voss said: "{one} {two}" The council meets on Friday.',
            quotes=((f"{one} {two}", "Lene Voss"),),
        )
        for i in range(2)
    ]
    alone = analysis(
        "osk-daily-040",
        f'Lene Voss told the council: "{one}" Councillors asked about the cost.',
        quotes=((one, "Lene Voss"),),
    )
    groups = _groups([*both, alone])
    assert len(groups) == 1
    texts = {a.article.id: a.article.text for a in [*both, alone]}
    spans = {m.article_id: m.span.of(texts[m.article_id]) for m in groups[0].members}
    assert spans == {
        "coast-herald-030": f"{one} {two}",
        "coast-herald-031": f"{one} {two}",
        "osk-daily-040": one,
    }


def test_quote_groups_sentences_printed_apart_stay_two_statements() -> None:
    one = "The ferry fleet will be replaced by electric boats within five years."
    two = "Every crossing will stay at today's fare until then."
    apart = [
        analysis(
            f"coast-herald-05{i}",
            f'Port director Lene Voss said: "{one}" She added: "{two}"',
            quotes=((one, "Lene Voss"), (two, "Lene Voss")),
        )
        for i in range(2)
    ]
    together = analysis(
        "osk-daily-052",
        f'Lene Voss said: "{one} {two}" Councillors asked about the cost.',
        quotes=((f"{one} {two}", "Lene Voss"),),
    )
    groups = _groups([*apart, together])
    assert len(groups) == 2


def test_quote_groups_text_search_finds_a_repeat_the_detector_missed() -> None:
    said = "Nobody will lose their job when the two harbours merge next spring"
    marked = analysis(
        "coast-herald-060",
        f'Harbour chief Oda Lind said: "{said}." The merger was approved on Monday.',
        quotes=((said, "Oda Lind"),),
    )
    # the second outlet lost the quotation marks, so its analysis has no quote here
    unmarked = analysis(
        "osk-daily-061", f"The merger was approved on Monday. Oda Lind said {said}, and unions welcomed it."
    )
    groups = _groups([marked, unmarked])
    assert len(groups) == 1
    member = next(m for m in groups[0].members if m.article_id == "osk-daily-061")
    assert member.span.of(unmarked.article.text) == said
    assert groups[0].speaker == "Oda Lind"


def test_quote_groups_a_fragment_becomes_the_whole_copy() -> None:
    said = "We have asked the port authority to close the north pier until the storm passes"
    full = [
        analysis(
            f"coast-herald-07{i}",
            f'Mayor Arne Holt said: "{said}." Boats stayed in.',
            quotes=((said, "Arne Holt"),),
        )
        for i in range(2)
    ]
    text = f"Boats stayed in. {said}, Arne Holt said."
    fragment = analysis(
        "osk-daily-072", text, quotes=(("to close the north pier until the storm passes", "Arne Holt"),)
    )
    groups = _groups([*full, fragment])
    assert len(groups) == 1
    member = next(m for m in groups[0].members if m.article_id == "osk-daily-072")
    assert member.span.of(text) == said


def test_quote_groups_keep_the_body_quote_over_a_headline_echo() -> None:
    said = "The lighthouse will be lit again on the first night of winter"
    head = f'Keeper says lighthouse "will be lit again" this winter\n\nKeeper Sif Brand said: "{said}."'
    first = analysis("coast-herald-080", head, title='Keeper says lighthouse "will be lit again" this winter')
    echo = quote_at(head, 'Keeper says lighthouse "will be lit again" this winter', "Sif Brand", kind="mixed")
    body = quote_at(head, said, "Sif Brand")
    first = first.model_copy(update={"quotes": [echo, body]})
    second = analysis(
        "osk-daily-081",
        f'Sif Brand told reporters: "{said}." Tickets are on sale.',
        quotes=((said, "Sif Brand"),),
    )
    third = analysis("ridge-times-082", f'"{said}," Sif Brand said on Monday.', quotes=((said, "Sif Brand"),))
    groups = _groups([first, second, third])
    assert len(groups) == 1
    member = next(m for m in groups[0].members if m.article_id == "coast-herald-080")
    assert member.span.of(head) == said


def test_quote_groups_a_second_quoting_further_down_is_a_member_too() -> None:
    said = "The lighthouse will be lit again on the first night of winter"
    text = f'Keeper Sif Brand said: "{said}." Repairs took a year. "{said}," she repeated at the ceremony.'
    near, far = text.index(said), text.rindex(said)
    quotes = [
        Quote(
            span=Span(start=s, end=s + len(said)),
            kind="direct",
            speaker=Speaker(name="Sif Brand", kind="person"),
        )
        for s in (near, far)
    ]
    first = analysis("coast-herald-090", text).model_copy(update={"quotes": quotes})
    second = analysis("osk-daily-091", f'"{said}," Sif Brand said.', quotes=((said, "Sif Brand"),))
    groups = _groups([first, second])
    assert len(groups) == 1
    assert sorted((m.article_id, m.span.start) for m in groups[0].members) == [
        ("coast-herald-090", near),
        ("coast-herald-090", far),
        ("osk-daily-091", 1),
    ]


def test_quote_groups_a_reported_restatement_in_the_same_article_is_not_a_second_member() -> None:
    said = "The lighthouse will be lit again on the first night of winter"
    again = "the lighthouse would be lit again on the first winter night"
    text = f'Keeper Sif Brand said: "{said}." Later she told the crowd that {again}.'
    quotes = [
        quote_at(text, said, "Sif Brand"),
        quote_at(text, f"that {again}", "Sif Brand", kind="indirect"),
    ]
    first = analysis("coast-herald-095", text).model_copy(update={"quotes": quotes})
    others = [
        analysis(f"osk-daily-09{i}", f'"{said}," Sif Brand said.', quotes=((said, "Sif Brand"),))
        for i in (6, 7)
    ]
    groups = _groups([first, *others])
    assert len(groups) == 1
    mine = [m for m in groups[0].members if m.article_id == "coast-herald-095"]
    assert [m.span.of(text) for m in mine] == [said]


def test_quote_groups_a_two_word_quote_joins_the_sentence_it_comes_from() -> None:
    said = "The inspectors found the pier structurally unsound after the storm"
    full = [
        analysis(
            f"coast-herald-10{i}", f'The report said "{said}." Repairs start soon.', quotes=((said, None),)
        )
        for i in range(2)
    ]
    text = 'Inspectors called the pier "structurally unsound" on Monday.'
    short = analysis("osk-daily-102", text, quotes=(("structurally unsound", None),))
    unrelated = analysis(
        "osk-daily-103",
        'Residents called it "deeply worrying" on Monday.',
        quotes=(("deeply worrying", None),),
    )
    groups = _groups([*full, short, unrelated])
    assert len(groups) == 1
    members = {m.article_id: m for m in groups[0].members}
    assert members["osk-daily-102"].span.of(text) == "structurally unsound"
    assert "osk-daily-103" not in members


def test_quote_groups_a_longer_passage_around_the_statement_is_not_a_second_member() -> None:
    said = "not fit to run the harbour authority"
    passage = (
        "The review concluded that the director was not fit to run the harbour authority, "
        "and the board will appoint an interim director from its own members next week"
    )
    text = f'The board said the director was "{said}". Its statement read: "{passage}."'
    first = analysis("coast-herald-110", text).model_copy(
        update={"quotes": [quote_at(text, said, None, kind="partial"), quote_at(text, passage, None)]}
    )
    others = [
        analysis(f"osk-daily-11{i}", f'The board called him "{said}".', quotes=((said, None),))
        for i in (1, 2)
    ]
    groups = [g for g in _groups([first, *others]) if any(m.article_id == "osk-daily-111" for m in g.members)]
    assert len(groups) == 1
    mine = [m.span.of(text) for m in groups[0].members if m.article_id == "coast-herald-110"]
    assert mine == [said]


def test_quote_groups_a_speech_printed_in_one_paragraph_is_not_one_statement() -> None:
    lines = [
        "The ferry fleet will be replaced by electric boats within five years.",
        "Every crossing will stay at today's fare until then.",
        "The old harbour office will become a museum of the strait.",
        "We will ask the islands to vote on the new timetable in May.",
    ]
    speech = " ".join(lines)
    copies = [
        analysis(
            f"wire-copy-12{i}", f'Port director Lene Voss said: "{speech}"', quotes=((speech, "Lene Voss"),)
        )
        for i in range(2)
    ]
    singles = [
        analysis(f"osk-daily-13{k}", f'Lene Voss said: "{line}" More follows.', quotes=((line, "Lene Voss"),))
        for k, line in enumerate(lines)
    ]
    groups = _groups([*copies, *singles])
    # at most two sentences were joined into one statement: the speech is not one group
    assert len(groups) >= 2
    for g in groups:
        assert len({m.article_id for m in g.members if m.article_id.startswith("osk-daily")}) <= 2


def test_quote_groups_reported_versions_join_the_quoted_statement() -> None:
    said = (
        "After two years of surveys by engineers from three universities we have decided that the old "
        "harbour wall can be classed as a monument"
    )
    quoted = [
        analysis(
            f"coast-herald-14{i}",
            f'Mayor Arne Holt said: "{said}." Works stop.',
            quotes=((said, "Arne Holt"),),
        )
        for i in range(3)
    ]
    clause = (
        "that the old harbour wall can now be classed as a monument, which delays the ferry terminal "
        "extension planned for spring"
    )
    reported = [
        analysis(f"osk-daily-15{i}", f"Arne Holt said {clause}.", quotes=((clause, "Arne Holt"),))
        for i in range(2)
    ]
    groups = _groups([*quoted, *reported])
    assert len(groups) == 1
    assert {m.article_id for m in groups[0].members} == {a.article.id for a in [*quoted, *reported]}
