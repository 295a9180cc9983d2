"""Run one spaCy pass, then the registered stages in order, and assemble the ``Analysis``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, overload

from wiretrace.analyze.doctext import seed_doc_text
from wiretrace.analyze.layers import Layers
from wiretrace.analyze.registry import Stage, check_order, get_stage
from wiretrace.analyze.scope import cap_notice, doc_chars, scope_end, scoped, scoped_matches
from wiretrace.errors import ExtractError, PipelineError, StageError, WiretraceError
from wiretrace.extract import article_from_text
from wiretrace.extract.language import article_warnings, with_language
from wiretrace.model import Analysis, Article, Failure, Match, Notice, StageFailure
from wiretrace.nlp import load_spacy, parse, parse_many
from wiretrace.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_STAGES: tuple[str, ...] = (
    "entities",
    "quotes",
    "speakers",
    "dates",
    "flags",
    "summary",
)

# Layers that become fields of Analysis; any other layer is internal to the pipeline.
ANALYSIS_FIELDS = ("quotes", "entities", "dates", "flags", "matches", "summary", "indexed_as")

OnError = Literal["raise", "record"]


class Pipeline:
    """A spaCy model plus a list of stages. Build it once and reuse it: loading the model is the slow part."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        stages: Sequence[str] = DEFAULT_STAGES,
        exclude: Sequence[str] = (),
        nlp: Language | None = None,
        resources: Mapping[str, object] | None = None,
    ) -> None:
        self.settings = settings or Settings()
        chosen = [get_stage(n) for n in stages]
        self.stages: list[Stage] = [s for s in chosen if s.name not in exclude and s.family not in exclude]
        check_order(self.stages)
        self.resources = dict(resources or {})
        for s in self.stages:
            lacking = [r for r in s.resources if r not in self.resources]
            if lacking:
                raise PipelineError(
                    f"stage {s.name!r} needs {', '.join(lacking)}, which the pipeline was not given"
                )
        self._nlp = nlp

    @property
    def uses_doc(self) -> bool:
        """Whether any stage reads the spaCy Doc; a pipeline of trace stages alone never loads spaCy."""
        return any("doc" in s.requires for s in self.stages)

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_spacy(self.settings.nlp.model)
        return self._nlp

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def _article(self, item: str | Article) -> Article:
        article = article_from_text(item) if isinstance(item, str) else item
        if not article.text.strip():
            raise ExtractError(f"article {article.id!r} has no text")
        if len(article.text) > self.settings.nlp.max_chars:
            raise ExtractError(
                f"article {article.id!r} has {len(article.text):,} characters, over the limit of "
                f"{self.settings.nlp.max_chars:,} (settings: nlp.max_chars)"
            )
        return with_language(article)

    def run_stages(self, article: Article, doc: Doc | None, matches: list[Match] | None = None) -> Analysis:
        """Run every stage over an article whose spaCy Doc is already made.

        A stage that fails loses only its own layer: the failure is recorded in ``failed_stages`` with
        its error code, and stages that need that layer are skipped with a notice. Stages written for
        other languages are skipped, with a notice, when the article's language is known and differs.
        A Doc of only the start of the text (``nlp.parse_chars``) limits every stage to that part.
        """
        whole = article
        notices: list[Notice] = []
        end = doc_chars(doc) if doc is not None else len(article.text)
        if end < len(article.text):
            article, matches = scoped(article, end), scoped_matches(matches or [], end)
            notices.append(cap_notice(len(whole.text), end, self.settings.nlp.parse_chars))
        if doc is not None:
            seed_doc_text(doc, article.text)
        layers = Layers(doc, self.resources, matches=matches or [])
        failed: list[StageFailure] = []
        missing: set[str] = set()
        skipped_for_language: list[str] = []
        for s in self.stages:
            if s.languages is not None and article.language and article.language not in s.languages:
                skipped_for_language.append(s.name)
                missing.add(s.assigns)
                continue
            lacking = [r for r in s.requires if r in missing]
            if lacking:
                notices.append(
                    Notice(
                        code=StageError.code,
                        stage=s.name,
                        message=f"skipped: it needs the {', '.join(lacking)} layer, which is missing",
                    )
                )
                missing.add(s.assigns)
                continue
            try:
                layers.set(s.assigns, s.fn(article, layers, self.settings))
            except Exception as exc:  # a stage bug must name the stage and article, and lose only its layer
                err = exc if isinstance(exc, WiretraceError) else None
                detail = err.message if err else f"{type(exc).__name__}: {exc}"
                wrapped = StageError(s.name, article.id, detail)
                failed.append(StageFailure(stage=s.name, code=(err or wrapped).code, error=wrapped.message))
                missing.add(s.assigns)
        if skipped_for_language:
            notices.append(
                Notice(
                    code="W061",
                    message=f"the text is in language {article.language!r}; stages written for English "
                    f"were not run: {', '.join(skipped_for_language)}",
                )
            )
        fields: dict[str, Any] = {f: layers.get(f) for f in ANALYSIS_FIELDS if layers.get(f) is not None}
        warnings = [*article_warnings(whole), *notices]
        return Analysis(
            article=whole, stages=self.stage_names, warnings=warnings, failed_stages=failed, **fields
        )

    def analyze(self, item: str | Article, *, matches: list[Match] | None = None) -> Analysis:
        """Analyse one article (or plain text). Raises a ``WiretraceError`` on bad input."""
        article = self._article(item)
        text = article.text[: scope_end(article.text, self.settings.nlp.parse_chars)]
        return self.run_stages(article, parse(self.nlp, text) if self.uses_doc else None, matches)

    @overload
    def analyze_many(
        self, items: Iterable[str | Article], *, on_error: Literal["raise"] = ...
    ) -> Iterator[Analysis]: ...

    @overload
    def analyze_many(
        self, items: Iterable[str | Article | Failure], *, on_error: Literal["record"]
    ) -> Iterator[Analysis | Failure]: ...

    def analyze_many(self, items: Iterable[Any], *, on_error: OnError = "raise") -> Iterator[Any]:
        """Analyse many articles with one ``nlp.pipe`` pass, in input order.

        With ``on_error="record"`` a bad article yields a ``Failure`` in its place and the batch goes on;
        ``Failure`` items in the input (from readers) pass straight through.
        """

        def prepared() -> Iterator[tuple[Article | Failure, str]]:
            for item in items:
                if isinstance(item, Failure):
                    yield item, ""
                    continue
                try:
                    article = self._article(item)
                except WiretraceError as exc:
                    if on_error == "raise":
                        raise
                    ident = item.id if isinstance(item, Article) else None
                    yield _failure(ident, exc), ""
                    continue
                yield article, article.text[: scope_end(article.text, self.settings.nlp.parse_chars)]

        stream = prepared()
        docs: Iterable[tuple[Doc | None, Article | Failure]]
        if self.uses_doc:
            docs = parse_many(
                self.nlp, ((text, obj) for obj, text in stream), batch_size=self.settings.nlp.batch_size
            )
        else:
            docs = ((None, obj) for obj, _text in stream)
        for doc, obj in docs:
            if isinstance(obj, Failure):
                yield obj
                continue
            try:
                yield self.run_stages(obj, doc)
            except WiretraceError as exc:
                if on_error == "raise":
                    raise
                yield _failure(obj.id, exc)


def _failure(ident: str | None, exc: WiretraceError, source: str = "") -> Failure:
    return Failure.of(exc, id=ident, source=source)


_default: dict[str, Pipeline] = {}


def default_pipeline(settings: Settings | None = None) -> Pipeline:
    """A pipeline per settings value, built on first use (the model loads once per process)."""
    settings = settings or Settings()
    key = settings.model_dump_json()
    if key not in _default:
        _default[key] = Pipeline(settings)
    return _default[key]


def analyze(item: str | Article, settings: Settings | None = None) -> Analysis:
    """Analyse one article or plain text with the default stages."""
    return default_pipeline(settings).analyze(item)


def analyze_many(items: Iterable[str | Article], settings: Settings | None = None) -> Iterator[Analysis]:
    """Analyse many articles with one ``nlp.pipe`` pass; raises on the first bad one."""
    return default_pipeline(settings).analyze_many(items)
