from __future__ import annotations

import pytest

from wiretrace.analyze.pipeline import DEFAULT_STAGES
from wiretrace.extract import article_from_text
from wiretrace.model import Analysis, Article, Failure
from wiretrace.runners import dask_cluster
from wiretrace.settings import RunnerSettings, Settings


def test_dask_cluster_bad_local_spec_is_a_clear_error() -> None:
    with pytest.raises(dask_cluster.ClusterError, match="local:N"):
        dask_cluster.connect("local:many")


@pytest.mark.slow
def test_dask_cluster_local_two_workers_keep_order_and_failures() -> None:
    items: list[Article | Failure] = [
        article_from_text(f'"Pier {n} reopens in May," said harbour master Ilse Varga.', id=f"p{n}")
        for n in range(5)
    ]
    items.insert(1, Failure(id="broken", source="in.jsonl:2", error="invalid JSON", code="W010"))
    settings = Settings(runner=RunnerSettings(chunk_size=2))
    client = dask_cluster.connect("local:2")
    try:
        out = list(dask_cluster.analyze_on_cluster(items, settings, client, stages=DEFAULT_STAGES))
    finally:
        client.close()
        client.cluster.close()  # type: ignore[union-attr]
    assert [getattr(r, "article", r).id for r in out] == ["p0", "broken", "p1", "p2", "p3", "p4"]
    first = out[0]
    assert isinstance(first, Analysis)
    assert first.quotes and first.quotes[0].speaker is not None
    assert first.quotes[0].speaker.name == "Ilse Varga"
