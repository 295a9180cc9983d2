"""The service layer: what the CLI, the HTTP API and the runners call."""

from __future__ import annotations

from pathlib import Path

import pytest

from wiretrace import service
from wiretrace.analyze.pipeline import Pipeline
from wiretrace.errors import PipelineError
from wiretrace.extract import article_from_text
from wiretrace.model import Analysis, Failure
from wiretrace.reuse.index import Index
from wiretrace.settings import Settings

WIRE = (
    "The Harbour Board of Vellmar approved the new deep-water pier on Monday, officials said. "
    '"This is a turning point for our town," Mayor Ilse Dorn told reporters.'
)


def test_service_ingest_items_analyses_once_and_stores_rows(tmp_path: Path, pipeline: Pipeline) -> None:
    store = service.open_corpus(f"sqlite:///{tmp_path / 's.db'}")
    arts = [article_from_text(WIRE, id="wire-1", outlet="Kestrel Wire", published="2031-04-01")]
    from wiretrace.service.ingest import ingest_items

    report = ingest_items(store, arts, pipeline.settings, pipeline=pipeline)
    assert (report.added, report.analysed) == (1, 0)
    again = ingest_items(store, arts, pipeline.settings, pipeline=pipeline)
    assert (again.added, again.unchanged) == (0, 1)
    analysis = service.get_analysis(store, "wire-1")
    assert analysis is not None and any(q.speaker and q.speaker.name == "Ilse Dorn" for q in analysis.quotes)
    assert [q.article_id for q in service.quotes_by(store, "ilse dorn")] == ["wire-1"]
    assert service.stats(store)["quotes"] == len(analysis.quotes)
    store.close()


def test_service_trace_is_a_stage_with_the_index_as_resource(tmp_path: Path) -> None:
    store = service.open_corpus(f"sqlite:///{tmp_path / 's.db'}")
    Index(store).add(article_from_text(WIRE, id="wire-1", outlet="Kestrel Wire"))
    farm = article_from_text("Breaking news from the coast. " + WIRE.split(". ")[0] + ".", id="farm-9")
    pipe = service.build_pipeline(Settings(), index=Index(store), full=False)
    assert pipe.stage_names == ["self_match.v1", "trace.v1"] and not pipe.uses_doc  # spaCy never loads
    [out] = list(pipe.analyze_many([farm], on_error="record"))
    assert isinstance(out, Analysis) and [m.source_id for m in out.matches] == ["wire-1"]
    [same] = list(service.trace(store, [article_from_text(WIRE, id="wire-1", outlet="Kestrel Wire")]))
    assert isinstance(same, Analysis) and same.indexed_as == "wire-1" and same.matches == []
    store.close()


def test_service_trace_stage_refuses_a_pipeline_without_an_index() -> None:
    with pytest.raises(PipelineError, match="reuse_index"):
        Pipeline(Settings(), stages=["self_match", "trace"])


def test_service_failure_has_one_constructor() -> None:
    f = Failure.of(PipelineError("no such stage"), id="a1", source="x.jsonl:3")
    assert (f.code, f.id, f.source, f.error) == ("W040", "a1", "x.jsonl:3", "no such stage")
    g = Failure.of(ValueError("boom"))
    assert g.code == "W000" and "ValueError" in g.error
