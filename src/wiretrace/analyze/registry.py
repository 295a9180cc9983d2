"""Stages by name, with what each needs (``requires``) and what it writes (``assigns``).

A stage is a pure function ``(article, layers, settings) -> layer``: it reads the article and the layers
written before it (the spaCy ``Doc`` is the layer ``"doc"``) and returns its own layer; the runner stores
it. Names carry a version (``quotes.v1``) that every Analysis records. Third-party stages register through
the ``wiretrace.stages`` entry-point group and land in the same registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

from wiretrace.errors import PipelineError

if TYPE_CHECKING:
    from wiretrace.analyze.layers import Layers
    from wiretrace.model import Article
    from wiretrace.settings import Settings

StageFn = Callable[["Article", "Layers", "Settings"], Any]


@dataclass(frozen=True)
class Stage:
    name: str
    fn: StageFn
    requires: tuple[str, ...]
    assigns: str
    doc: str
    languages: tuple[str, ...] | None = None  # None: any language; else the ISO 639-1 codes it handles
    resources: tuple[str, ...] = ()  # what the pipeline must be handed when built (e.g. "reuse_index")

    @property
    def family(self) -> str:
        """The name without its version: ``quotes.v1`` -> ``quotes``."""
        return self.name.split(".v")[0]


_REGISTRY: dict[str, Stage] = {}
_populated = False

# Layers that exist before any stage runs.
BASE_LAYERS = ("doc", "matches")


def stage(
    name: str,
    *,
    requires: Iterable[str] = (),
    assigns: str,
    languages: Iterable[str] | None = None,
    resources: Iterable[str] = (),
) -> Callable[[StageFn], StageFn]:
    """Register a stage function under a versioned name.

    ``languages`` lists the languages the stage's rules are written for (``("en",)`` for the English
    grammar of quotes and dates); the pipeline skips it, with a notice, on an article in another language.
    ``resources`` names what the stage reads through ``layers.resource(name)`` (the reuse index): the
    pipeline is handed them once when it is built, so a stage never opens a store itself.
    """

    def register(fn: StageFn) -> StageFn:
        if name in _REGISTRY and _REGISTRY[name].fn is not fn:
            raise PipelineError(f"stage {name!r} is registered twice")
        summary = (fn.__doc__ or "").strip().split("\n")[0]
        langs = tuple(languages) if languages is not None else None
        _REGISTRY[name] = Stage(name, fn, tuple(requires), assigns, summary, langs, tuple(resources))
        return fn

    return register


def ensure_populated() -> None:
    """Import the built-in stages and entry-point plugins once, on first use."""
    global _populated
    if _populated:
        return
    _populated = True
    import wiretrace.analyze.stages  # noqa: F401  (registers the built-ins)

    for ep in entry_points(group="wiretrace.stages"):
        ep.load()


def get_stage(name: str) -> Stage:
    ensure_populated()
    if name in _REGISTRY:
        return _REGISTRY[name]
    # Accept an unversioned family name and take its newest version.
    family = [s for s in _REGISTRY.values() if s.family == name]
    if family:
        return max(family, key=lambda s: s.name)
    known = ", ".join(sorted(_REGISTRY))
    raise PipelineError(f"unknown stage {name!r}; registered stages: {known}")


def registered() -> list[Stage]:
    ensure_populated()
    return sorted(_REGISTRY.values(), key=lambda s: s.name)


def check_order(stages: list[Stage], available: Iterable[str] = BASE_LAYERS) -> None:
    """Fail fast when a stage requires a layer that no earlier stage assigns."""
    have = set(available)
    for s in stages:
        missing = [r for r in s.requires if r not in have]
        if missing:
            raise PipelineError(
                f"stage {s.name!r} requires {', '.join(missing)}, which no earlier stage assigns"
            )
        have.add(s.assigns)
