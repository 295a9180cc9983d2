"""Model records from clustering results: ``Story`` (label, first article, timeline) and ``QuoteGroup``
(members with spans, earliest appearance, variants, speaker disagreement)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence

from wiretrace.model import Article, QuoteGroup, QuoteMember, Span, Story, StoryEntry
from wiretrace.stories.features import tokens
from wiretrace.stories.quote_groups import group_speaker
from wiretrace.stories.quote_units import UnitGroup
from wiretrace.stories.variants import classify

_FAR = dt.date.max


def _date_key(article: Article, order: int) -> tuple[dt.date, int]:
    return (article.published or _FAR, order)


def headline(article: Article) -> str:
    """The title, else the first line of the text (cut at 200 characters)."""
    if article.title:
        return article.title
    first = article.text.strip().split("\n", 1)[0]
    return first[:200]


def representative_label(articles: Sequence[Article]) -> str:
    """The headline sharing the most words with the story's other headlines (ties: the shorter one,
    then the earliest listed): the one that best says what they all report."""
    heads = [headline(a) for a in articles]
    words = [set(tokens(h)) for h in heads]
    df = Counter(w for ws in words for w in ws)
    best = min(
        range(len(heads)),
        key=lambda i: (-sum(df[w] - 1 for w in words[i]) / max(1, len(words[i])) ** 0.5, len(heads[i]), i),
    )
    return heads[best]


def build_story(story_id: str, articles: Sequence[Article], quote_ids: Sequence[str] = ()) -> Story:
    """``articles`` in the order they were added to the story."""
    order = {a.id: i for i, a in enumerate(articles)}
    dated = sorted(articles, key=lambda a: _date_key(a, order[a.id]))
    outlets = list(dict.fromkeys(a.outlet for a in dated if a.outlet))
    return Story(
        id=story_id,
        label=representative_label(articles),
        first_article=dated[0].id,
        articles=[a.id for a in articles],
        outlets=outlets,
        timeline=[
            StoryEntry(article_id=a.id, published=a.published, outlet=a.outlet, title=a.title) for a in dated
        ],
        quotes=list(quote_ids),
    )


def build_quote_group(
    group: UnitGroup, articles: Mapping[str, Article], order: Mapping[str, int]
) -> QuoteGroup:
    """A model record from a unit group; members sorted by date, the earliest first."""
    units = sorted(
        group.units, key=lambda u: (*_date_key(articles[u.article_id], order[u.article_id]), u.start)
    )
    first = units[0]
    speaker, disagree = group_speaker(units, group.affiliated)
    members = []
    for i, u in enumerate(units):
        art = articles[u.article_id]
        kind, diff = ("earliest", "") if i == 0 else classify(first.normal, u.normal)
        members.append(
            QuoteMember(
                article_id=u.article_id,
                span=Span(start=u.start, end=u.end),
                speaker=u.speaker,
                outlet=art.outlet,
                published=art.published,
                variant=kind,
                difference=diff,
            )
        )
    variants = sorted({m.variant for m in members if m.variant != "earliest"})
    return QuoteGroup(
        id=f"quote-{first.article_id}-{first.start}",
        story=group.story,
        speaker=speaker,
        members=members,
        earliest=first.article_id,
        outlets=list(dict.fromkeys(m.outlet for m in members if m.outlet)),
        variants=variants,
        speaker_disagreement=disagree,
        speakers=sorted({u.speaker for u in units if u.speaker}),
    )
