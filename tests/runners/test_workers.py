"""Ingest workers: the chunk map keeps order, lost chunks become failures, fingerprints agree."""

from __future__ import annotations

from pathlib import Path

from wiretrace.corpus.store import open_store
from wiretrace.extract import article_from_text
from wiretrace.ingest.raw import RawDocument
from wiretrace.model import Article, Failure
from wiretrace.reuse.index import Index
from wiretrace.runners import pool, workers
from wiretrace.service.worker import Prepared, extract_chunk, prepare_chunk
from wiretrace.settings import Settings

TEXTS = [
    f"The Marrow Island ferry {n} sails at dawn. Its captain, Oda Fenn, has sailed it for years."
    for n in range(5)
]


def test_workers_one_worker_runs_in_process_in_order() -> None:
    with workers.open_workers(Settings(), workers=1) as runner:
        assert runner is None  # one worker: the service runs in this process
    local = pool.LocalWorkers(Settings(), workers=2)
    raws: list[RawDocument | Failure] = [
        RawDocument(content=t, content_type="text/plain", source=f"in.jsonl:{n}", metadata={"id": f"f{n}"})
        for n, t in enumerate(TEXTS)
    ]
    raws.insert(1, Failure(id="torn", source="in.jsonl:9", error="invalid JSON", code="W010"))
    out = list(local.map_chunks(extract_chunk, raws))  # under min_parallel: no pool is started
    assert local._pool is None
    assert [getattr(a, "id", None) for a in out] == ["f0", "torn", "f1", "f2", "f3", "f4"]
    assert isinstance(out[0], Article) and out[0].source == "in.jsonl:0"


def test_workers_fingerprint_matches_the_store_index(tmp_path: Path) -> None:
    settings = Settings()
    articles = [article_from_text(t, id=f"f{n}") for n, t in enumerate(TEXTS)]
    prepared = prepare_chunk(articles, settings.model_dump_json(), False)
    with open_store(f"sqlite:///{tmp_path / 's.db'}") as store:
        idx = Index(store, settings)
        for article, p in zip(articles, prepared, strict=True):
            assert isinstance(p, Prepared) and p.analysis is None and p.failure is None
            assert p.fingerprint == idx.fingerprint(article.text)


def test_workers_lost_chunk_keeps_every_item() -> None:
    raw = RawDocument(content="x", content_type="text/plain", source="a.jsonl:1", metadata={"id": "r1"})
    reader = Failure(id=None, source="a.jsonl:2", error="invalid JSON", code="W010")
    out = pool.lost_items([article_from_text(TEXTS[0], id="a0"), raw, reader], "killed")
    assert [f.id for f in out] == ["a0", "r1", None]
    assert out[0].code == "W030" and "killed" in out[0].error and out[1].source == "a.jsonl:1"
    assert out[2] is reader
