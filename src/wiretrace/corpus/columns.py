"""The export tables and their columns: one definition for the exporters, both backends and the docs.

Column names are a stable contract (scripts and notebooks rely on them): add columns, never rename one.
Texts of quotes, flags and matches are cut from the article text by their offsets when exported; the
store keeps offsets only.
"""

from __future__ import annotations

from dataclasses import dataclass

from wiretrace.corpus.types import TableName


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # "string", "int64", "float64", "date", "bool"
    description: str


_ARTICLE = Column("article_id", "string", "Id of the article the row belongs to (`articles.id`).")

TABLES: dict[TableName, tuple[Column, ...]] = {
    "articles": (
        Column("id", "string", "The article id: the record's own `id`, else derived from its URL or text."),
        Column("title", "string", "Headline."),
        Column("url", "string", "Address the article was read from, as given."),
        Column(
            "canonical_url",
            "string",
            "The URL with host case, default port, fragment and tracking "
            "parameters folded: one of the two keys ingest recognises an article by.",
        ),
        Column("outlet", "string", "Publishing outlet."),
        Column("published", "date", "Publication date."),
        Column("language", "string", "ISO 639-1 language code, given or detected."),
        Column("source", "string", "Where the record was read from (path, path:line or URL)."),
        Column("chars", "int64", "Length of the body text in characters."),
        Column("content_hash", "string", "Hash of text and metadata: the other key ingest uses."),
        Column("added_at", "string", "When this version of the article was stored (UTC, ISO 8601)."),
        Column("analysed", "bool", "Whether a stored analysis exists for it."),
        Column("quotes", "int64", "Number of quotes in its stored analysis."),
        Column("flags", "int64", "Number of integrity flags in its stored analysis."),
        Column("matches", "int64", "Number of passages traced to other articles."),
        Column("verdict", "string", "The analysis summary's plain-language verdict."),
    ),
    "quotes": (
        _ARTICLE,
        Column("n", "int64", "Position of the quote in the article's analysis (0-based)."),
        Column("start", "int64", "Start offset of the quote's content in the article text."),
        Column("end", "int64", "End offset (exclusive)."),
        Column("text", "string", "The quoted content."),
        Column("kind", "string", "direct, partial, indirect or mixed."),
        Column("speaker", "string", "Canonical speaker name, if attributed."),
        Column("speaker_kind", "string", "person, organization, anonymous or other."),
        Column("cue", "string", 'The reporting cue ("said", "according to").'),
        Column("mode", "string", "assertion, question, negated or hypothetical."),
        Column("confidence", "float64", "Attribution confidence, 0 to 1."),
        Column("nested_in", "int64", "`n` of the quote this partial quote sits inside, else empty."),
        Column("outlet", "string", "Outlet of the article."),
        Column("published", "date", "Publication date of the article."),
    ),
    "flags": (
        _ARTICLE,
        Column("n", "int64", "Position of the flag in the analysis."),
        Column(
            "label",
            "string",
            "duplicate_headline, boilerplate, caption, off_topic, near_duplicate, spinning.",
        ),
        Column("start", "int64", "Start offset of the flagged passage."),
        Column("end", "int64", "End offset (exclusive)."),
        Column("text", "string", "The flagged passage."),
        Column("score", "float64", "Confidence, 0 to 1."),
        Column("reason", "string", "Why it was flagged, in words a person can check."),
    ),
    "matches": (
        _ARTICLE,
        Column("n", "int64", "Position of the match in the analysis."),
        Column("start", "int64", "Start offset of the traced passage."),
        Column("end", "int64", "End offset (exclusive)."),
        Column("text", "string", "The traced passage."),
        Column("source_id", "string", "Id of the article it was copied or reworded from."),
        Column("source_start", "int64", "Start offset of the aligned passage in the source text."),
        Column("source_end", "int64", "End offset (exclusive) in the source text."),
        Column("similarity", "float64", "Alignment similarity, 0 to 1."),
        Column("transform", "string", "What changed, comma-separated (verbatim, spun, reworded, ...)."),
        Column("source_published", "date", "Publication date of the source."),
    ),
    "entities": (
        _ARTICLE,
        Column("entity_id", "int64", "Entity number within the article."),
        Column("name", "string", "Canonical name."),
        Column("label", "string", "person, organization, place or other."),
        Column("mentions", "int64", "How often it is mentioned."),
    ),
}


def column_names(table: TableName) -> list[str]:
    return [c.name for c in TABLES[table]]


def columns_markdown() -> str:
    """The export reference table for docs/corpus.md (generated by cog, checked in CI)."""
    out: list[str] = []
    for table, cols in TABLES.items():
        out += [f"### `{table}`", "", "| column | type | description |", "| --- | --- | --- |"]
        out += [f"| `{c.name}` | {c.type} | {c.description.replace('|', chr(92) + '|')} |" for c in cols]
        out.append("")
    return "\n".join(out).rstrip() + "\n"
