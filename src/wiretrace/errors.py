"""One error hierarchy. Catch ``WiretraceError`` for everything the library raises on purpose::

    WiretraceError
     ├── IngestError      a source could not be read (missing path, binary, unknown format, bad record)
     ├── ExtractError     a document was read but holds no article text (empty, unparsable HTML)
     ├── StageError       an analysis stage failed on one article (carries stage and article id)
     ├── PipelineError    a pipeline cannot be built (unknown stage, unmet ``requires``)
     ├── StoreError       the corpus index or store failed
     ├── RunnerError      worker processes or a Dask cluster could not be started or reached (W060)
     └── OutputError      an output file would overwrite an input or a store (W070)

Every error has a ``code`` (W0xx) that appears in its message, so users can search for it.
The CLI turns these into one line and a non-zero exit code; batch runs record them per document.
"""

from __future__ import annotations


class WiretraceError(Exception):
    code = "W000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class IngestError(WiretraceError):
    code = "W010"


class ExtractError(WiretraceError):
    code = "W020"


class StageError(WiretraceError):
    code = "W030"

    def __init__(self, stage: str, article_id: str, message: str) -> None:
        super().__init__(f"stage {stage!r} failed on article {article_id!r}: {message}")
        self.stage = stage
        self.article_id = article_id


class PipelineError(WiretraceError):
    code = "W040"


class StoreError(WiretraceError):
    code = "W050"


class RunnerError(WiretraceError):
    code = "W060"


class OutputError(WiretraceError):
    code = "W070"
