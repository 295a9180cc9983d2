"""The data model of the whole flow: every annotation is a character span into ``Article.text``.

Nothing here stores a copy of a substring of the article: texts are computed from offsets when asked
(see ``Span.of``), so layers can overlap and serialise as plain integers. ``SCHEMA_VERSION`` changes
whenever the JSON shape of ``Analysis`` changes; ``schema/analysis.schema.json`` is generated from it.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.1"


class Span(BaseModel):
    """A half-open character range ``[start, end)`` into one article's text."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        return self

    def of(self, text: str) -> str:
        """The text this span covers in ``text``."""
        return text[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def overlap(self, other: Span) -> int:
        return max(0, min(self.end, other.end) - max(self.start, other.start))

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


class Article(BaseModel):
    """One news article: metadata plus the body text every annotation points into."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    paragraphs: list[Span] = Field(default_factory=list)
    language: str | None = Field(
        default=None, description="ISO 639-1 code of the text's language, detected or given by the source."
    )
    source: str | None = Field(
        default=None, description="Where the record came from: a file path, URL or 'path:line'."
    )
    metadata: dict[str, str] = Field(default_factory=dict)


class Speaker(BaseModel):
    """Who a quote is attributed to. ``name`` is the canonical entity name, or the anonymous mention."""

    name: str
    mention: Span | None = None
    entity_id: int | None = None
    kind: Literal["person", "organization", "anonymous", "other"] = "other"


class SourceAttribution(BaseModel):
    """A speaker recovered through provenance: the quote is attributed in an indexed source article."""

    source_id: str
    name: str
    source_span: Span | None = None
    evidence: str = ""


class Quote(BaseModel):
    """A quotation: its content (without quotation marks), how it was introduced and who said it.

    ``span`` covers the whole content, from the first piece to the last; ``pieces`` lists the
    fragments when the cue interrupts the quote ("A," he said, "B.").
    """

    span: Span
    pieces: list[Span] = Field(default_factory=list)
    kind: Literal["direct", "partial", "indirect", "mixed"]
    cue: Span | None = None
    speaker: Speaker | None = None
    reported_by: list[str] = Field(
        default_factory=list, description="Source chain: outlets or people the quote was relayed through."
    )
    confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    evidence: str = Field(default="", description="Which cue or mention decided the speaker.")
    unattributed_reason: str | None = None
    mode: Literal["assertion", "question", "negated", "hypothetical"] = Field(
        default="assertion",
        description="What kind of speech act: a claim, a question put to someone, speech denied "
        '("did not say"), or speech that may happen ("would say").',
    )
    paragraph: int | None = Field(default=None, description="Index of the paragraph the quote starts in.")
    nested: list[Quote] = Field(
        default_factory=list,
        description="Partial quotes inside this (mixed or indirect) quote; not listed again at the top.",
    )
    source_attribution: SourceAttribution | None = Field(
        default=None,
        description="Who an indexed source article credits with these words; distinct from `speaker`.",
    )


class Entity(BaseModel):
    """A person, organisation or place, canonicalised within the article."""

    id: int
    name: str
    label: Literal["person", "organization", "place", "other"]
    mentions: list[Span] = Field(default_factory=list)
    variants: list[str] = Field(default_factory=list, description="Surface forms seen, besides the name.")
    roles: list[str] = Field(
        default_factory=list, description='Role nouns seen with the name ("spokesman", "president").'
    )


Granularity = Literal["day", "week", "weekend", "month", "quarter", "season", "year", "decade", "unknown"]


class DateRef(BaseModel):
    """A date expression resolved to a calendar value (ISO date, or year / month when that is all it says)."""

    span: Span
    value: str | None
    granularity: Granularity = "day"
    anchor: str | None = Field(default=None, description="What the value was resolved against.")


FlagLabel = Literal["duplicate_headline", "boilerplate", "caption", "off_topic", "near_duplicate", "spinning"]


class Flag(BaseModel):
    """A passage that does not belong, with a reason a person can check."""

    label: FlagLabel
    span: Span
    score: float = Field(ge=0.0, le=1.0)
    reason: str
    related: list[Span] = Field(
        default_factory=list, description="Other places involved, e.g. the first copy."
    )
    original: str | None = Field(
        default=None, description="For spinning: the wording the source likely used."
    )


class Substitution(BaseModel):
    """One term the article changed relative to its source ("U.S." -> "USA")."""

    source: str
    article: str


class Match(BaseModel):
    """A passage of the article traced to a passage of an earlier article."""

    span: Span
    source_id: str
    source_span: Span
    similarity: float = Field(ge=0.0, le=1.0)
    transform: list[str] = Field(default_factory=list)
    substitutions: list[Substitution] = Field(default_factory=list)
    source_published: dt.date | None = None


class Summary(BaseModel):
    """Share of the text per flag label, stitched-source count and a plain-language verdict."""

    flagged_share: dict[str, float] = Field(default_factory=dict)
    sources: int | None = None
    verdict: str = ""


class Notice(BaseModel):
    """Something the user should know about a result: thin extracted text, a language the stages skip..."""

    code: str
    message: str
    stage: str | None = None


class StageFailure(BaseModel):
    """A stage that failed on this article: its layer is missing, every other layer is kept."""

    stage: str
    code: str
    error: str


class Analysis(BaseModel):
    """An article with every layer the pipeline produced. ``stages`` records the versioned stage names."""

    schema_version: str = SCHEMA_VERSION
    article: Article
    stages: list[str] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    dates: list[DateRef] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    matches: list[Match] = Field(default_factory=list)
    summary: Summary | None = None
    warnings: list[Notice] = Field(default_factory=list)
    failed_stages: list[StageFailure] = Field(default_factory=list)
    indexed_as: str | None = Field(
        default=None, description="Id under which this same article is already in the reuse index, if it is."
    )

    def text_of(self, span: Span) -> str:
        return span.of(self.article.text)

    def entity(self, entity_id: int) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)


class Failure(BaseModel):
    """A document that could not be read or analysed: reported in place of its Analysis."""

    id: str | None
    source: str
    error: str
    code: str

    @classmethod
    def of(cls, error: Exception, *, id: str | None = None, source: str = "") -> Failure:
        """The one constructor: a document's failure from the error (its W0xx code and message)."""
        code = getattr(error, "code", "W000")
        message = getattr(error, "message", None) or f"{type(error).__name__}: {error}"
        return cls(id=id, source=source, error=str(message), code=str(code))


class StoryEntry(BaseModel):
    """One article of a story, as the story's timeline lists it."""

    article_id: str
    published: dt.date | None = None
    outlet: str | None = None
    title: str | None = None


class Story(BaseModel):
    """Articles of several outlets that report one news event (a corpus-level result, not per article)."""

    id: str
    label: str = Field(description="The most representative headline (or lede) of its articles.")
    first_article: str = Field(description="The earliest article: first published, else first stored.")
    articles: list[str] = Field(default_factory=list)
    outlets: list[str] = Field(default_factory=list)
    timeline: list[StoryEntry] = Field(default_factory=list, description="Articles by date, undated last.")
    quotes: list[str] = Field(default_factory=list, description="Ids of the story's quote groups.")


VariantKind = Literal["earliest", "verbatim", "trimmed", "reworded", "meaning_changed", "paraphrase"]


class QuoteMember(BaseModel):
    """One appearance of a statement: where it is in one article and how it differs from the earliest."""

    article_id: str
    span: Span
    speaker: str | None = Field(default=None, description="Whom this article gives the words to.")
    outlet: str | None = None
    published: dt.date | None = None
    variant: VariantKind = "verbatim"
    difference: str = Field(default="", description="What changed relative to the earliest appearance.")


class QuoteGroup(BaseModel):
    """The same statement by the same speaker across the articles of one story."""

    id: str
    story: str
    speaker: str | None = None
    members: list[QuoteMember] = Field(default_factory=list)
    earliest: str = Field(description="Article id of the earliest appearance.")
    outlets: list[str] = Field(default_factory=list)
    variants: list[VariantKind] = Field(default_factory=list, description="Kinds of variants present.")
    speaker_disagreement: bool = Field(
        default=False, description="Outlets give these words to different people."
    )
    speakers: list[str] = Field(default_factory=list, description="Every speaker the members name.")
