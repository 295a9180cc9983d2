"""Request and response models of the HTTP API. Responses reuse the data model (``wiretrace.model``) and
the corpus's plain dataclasses, so the OpenAPI schema is generated from the same types the library uses."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Generic, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from wiretrace.model import Failure

T = TypeVar("T")
_HTTP_URL = re.compile(r"^https?://[^\s/]+\S*$", re.I)

# Bounds on user-chosen page sizes, so a request cannot ask the store for everything at once.
MAX_PAGE = 200


class AnalyzeRequest(BaseModel):
    """One article to analyse: exactly one of ``text``, ``html`` or ``url``, plus optional metadata."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="Plain article text.")
    html: str | None = Field(default=None, description="A whole HTML page; its main text is extracted.")
    url: str | None = Field(
        default=None,
        max_length=2000,
        description="An http(s) URL fetched by the server (private addresses are refused).",
    )
    title: str | None = Field(default=None, max_length=1000)
    outlet: str | None = Field(default=None, max_length=300)
    published: dt.date | None = None

    @model_validator(mode="after")
    def _one_source(self) -> Self:
        given = [name for name in ("text", "html", "url") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        value = getattr(self, given[0])
        if not value.strip():
            raise ValueError(f"{given[0]} is empty")
        if self.url is not None and not _HTTP_URL.match(self.url.strip()):
            raise ValueError("url must be an http:// or https:// URL")
        return self


class IngestRequest(BaseModel):
    """Articles to store (and analyse and fingerprint), as analyse requests."""

    model_config = ConfigDict(extra="forbid")

    articles: list[AnalyzeRequest] = Field(min_length=1, max_length=100)
    analyse: bool = Field(
        default=True, description="Also run and store the analysis (else fingerprint only)."
    )


class IngestResult(BaseModel):
    """What an ingest request did; ``failures`` lists the articles that could not be stored."""

    added: int
    updated: int
    unchanged: int
    duplicates: int
    analysed: int
    failures: list[Failure]
    seconds: float


class DeleteResult(BaseModel):
    """What ``DELETE /api/v1/articles/{id}`` removed."""

    deleted: list[str] = Field(description="Ids removed, with their analyses, fingerprints and failures.")
    stories_removed: list[str] = Field(
        default_factory=list, description="Stories left without articles by the delete, removed too."
    )


class Page(BaseModel, Generic[T]):
    """One page of results; ``next_offset`` is null on the last page."""

    items: list[T]
    limit: int
    offset: int
    next_offset: int | None = None


class ErrorBody(BaseModel):
    code: str
    message: str
    detail: list[dict[str, Any]] | None = None


class ErrorResponse(BaseModel):
    """The one shape of every error the API returns."""

    error: ErrorBody


class Health(BaseModel):
    status: str
    corpus: bool
    version: str


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (400, 401, 403, 404, 413, 422, 429)
}
