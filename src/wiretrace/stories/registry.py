"""Corpus jobs by versioned name: what the service runs over the stored analyses.

A job's name carries its version (``stories.v1``), and the store records which version produced each
result, so a changed algorithm is a new name and stored results of the old one can be told apart.
``requires`` names the families whose results a job reads (quote groups read story assignments).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wiretrace.errors import WiretraceError

JobFn = Callable[..., Any]


@dataclass(frozen=True, slots=True)
class CorpusJob:
    name: str
    requires: tuple[str, ...]
    run: JobFn
    description: str

    @property
    def family(self) -> str:
        return self.name.split(".", 1)[0]


_JOBS: dict[str, CorpusJob] = {}


def corpus_job(name: str, *, requires: tuple[str, ...] = ()) -> Callable[[JobFn], JobFn]:
    def register(fn: JobFn) -> JobFn:
        doc = (fn.__doc__ or "").strip().split("\n", 1)[0]
        _JOBS[name] = CorpusJob(name, requires, fn, doc)
        return fn

    return register


def get_job(name: str) -> CorpusJob:
    _populate()
    try:
        return _JOBS[name]
    except KeyError:
        raise WiretraceError(f"unknown corpus job {name!r} (known: {', '.join(sorted(_JOBS))})") from None


def job_names() -> list[str]:
    _populate()
    return sorted(_JOBS)


def _populate() -> None:
    # The jobs register themselves on import; importing here avoids an import cycle.
    import wiretrace.stories.jobs  # noqa: F401
