"""Helpers shared by the integrity-flag tests: run the detectors on a text written in the test."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wiretrace.analyze.integrity.detect import detect_flags
from wiretrace.extract import article_from_text
from wiretrace.model import Flag, Match
from wiretrace.settings import FlagSettings

if TYPE_CHECKING:
    from spacy.language import Language


def flags_of(nlp: Language, text: str, *, matches: list[Match] | None = None, **cfg: object) -> list[Flag]:
    article = article_from_text(text, id="t")
    return detect_flags(article, nlp(text), FlagSettings.model_validate(cfg), matches=matches or [])


def labelled(text: str, flags: list[Flag], label: str) -> list[str]:
    return [f.span.of(text) for f in flags if f.label == label]
