from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from wiretrace.analyze.pipeline import DEFAULT_STAGES
from wiretrace.extract import article_from_text
from wiretrace.model import Article, Failure
from wiretrace.runners import local, pool
from wiretrace.settings import RunnerSettings, Settings

TEXTS = [
    f'Harbour officials met on Monday. "We will reopen pier {n}," said port director Amara Quist.'
    for n in range(6)
]


def _articles() -> list[Article | Failure]:
    items: list[Article | Failure] = [article_from_text(t, id=f"a{n}") for n, t in enumerate(TEXTS)]
    items.insert(2, Failure(id="bad", source="x.jsonl:3", error="invalid JSON", code="W010"))
    return items


def test_local_small_batch_runs_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> Iterator[object]:
        raise AssertionError("a batch under min_parallel must not start worker processes")

    monkeypatch.setattr(local, "LocalWorkers", no_pool)
    out = list(local.analyze_parallel(_articles(), Settings(), stages=DEFAULT_STAGES, workers=2))
    assert [getattr(r, "article", r).id for r in out] == ["a0", "a1", "bad", "a2", "a3", "a4", "a5"]


def test_local_resolve_workers_zero_means_all_cores() -> None:
    assert pool.resolve_workers(0) == pool.available_cores() >= 1
    assert pool.resolve_workers(3) == 3


def test_local_lost_chunk_keeps_every_item() -> None:
    out = pool.lost_items(_articles(), "killed")
    assert len(out) == 7 and all(isinstance(r, Failure) for r in out)
    assert out[2].code == "W010" and out[0].code == "W030" and "killed" in out[0].error


@pytest.mark.slow
def test_local_pool_is_reused_across_batches() -> None:
    settings = Settings(runner=RunnerSettings(chunk_size=2, min_parallel=2))
    args = (settings.model_dump_json(), tuple(DEFAULT_STAGES), ())
    with pool.LocalWorkers(settings, workers=2) as workers:
        first = list(workers.map_chunks(pool.analyze_partition, _articles()[:3], *args))
        executor = workers._pool
        assert executor is not None
        second = list(workers.map_chunks(pool.analyze_partition, _articles()[3:], *args))
        assert workers._pool is executor
    assert [getattr(r, "article", r).id for r in first + second] == [
        "a0",
        "a1",
        "bad",
        "a2",
        "a3",
        "a4",
        "a5",
    ]


@pytest.mark.slow
def test_local_pool_matches_one_process_in_order() -> None:
    settings = Settings(runner=RunnerSettings(min_parallel=2, chunk_size=2))
    one = list(local.analyze_parallel(_articles(), settings, stages=DEFAULT_STAGES, workers=1))
    two = list(local.analyze_parallel(_articles(), settings, stages=DEFAULT_STAGES, workers=2))
    assert [r.model_dump_json() for r in one] == [r.model_dump_json() for r in two]


def test_local_pool_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    # A killed parent must not leave idle workers holding its stdout open (a reader would never see EOF).
    script = (
        "import os, signal, sys\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "import multiprocessing\n"
        "from wiretrace.runners.pool import exit_with_parent\n"
        "if __name__ == '__main__':\n"
        "    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context('spawn'),"
        " initializer=exit_with_parent)\n"
        "    print(pool.submit(os.getpid).result(), flush=True)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    path = tmp_path / "parent.py"
    path.write_text(script)
    run = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, timeout=120, check=False
    )
    worker = int(run.stdout.split()[0])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _alive(worker):
        time.sleep(0.1)
    assert not _alive(worker)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as f:  # a zombie is dead but not yet reaped
        return f.read().split(") ", 1)[1][0] != "Z"
