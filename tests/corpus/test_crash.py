"""Ingest under kill -9 and with two writers at once, on both backends, through the real CLI."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wiretrace.corpus.store import open_store

_TOWNS = ("Vellmar", "Ostrand", "Dunwick", "Oskbury", "Sorrel", "Brask", "Lindholm", "Kestrel")
_TOPICS = ("ferry timetable", "harbour pier", "plum harvest", "tunnel repairs", "school roof", "bus fares")


def _corpus(path: Path, ids: range) -> None:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as f:
        for i in ids:
            town, topic = rng.choice(_TOWNS), rng.choice(_TOPICS)
            text = (
                f"The council of {town} met on day {i} to discuss the {topic}. "
                f"Residents raised {rng.randint(2, 90)} objections "
                f"and the vote was postponed to week {i % 52}. "
                f"Item {i} of the agenda concerned the {rng.choice(_TOPICS)} in {rng.choice(_TOWNS)}."
            )
            f.write(json.dumps({"id": f"rec-{i:05d}", "outlet": f"{town} Post", "text": text}) + "\n")


def _ingest(url: str, corpus: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "WIRETRACE_STORE__BATCH_SIZE": "10"}
    return subprocess.Popen(
        [sys.executable, "-m", "wiretrace", "ingest", str(corpus), "--db", url, "--no-analysis", "-q"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _count(url: str) -> int:
    try:
        with open_store(url, read_only=True) as s:
            return int(s.stats()["articles"])
    except Exception:  # not created yet, or mid-migration
        return 0


@pytest.mark.slow
def test_crash_kill_9_during_ingest_loses_and_duplicates_nothing(store_url: str, tmp_path: Path) -> None:
    n = 1500
    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus, range(n))
    rng = random.Random(2031)
    killed_at: list[int] = []
    for _ in range(5):
        target = _count(store_url) + rng.randint(20, 250)
        proc = _ingest(store_url, corpus)
        deadline = time.monotonic() + 120
        while proc.poll() is None and _count(store_url) < target and time.monotonic() < deadline:
            time.sleep(0.02)
        if proc.poll() is None:
            proc.kill()  # SIGKILL: no cleanup runs
            killed_at.append(_count(store_url))
        proc.communicate()
    assert len(killed_at) >= 3, f"the ingest finished before it could be killed: {killed_at}"
    final = _ingest(store_url, corpus)
    _out, err = final.communicate(timeout=300)
    assert final.returncode == 0, err.decode()
    with open_store(store_url) as s:
        stats = s.stats()
        ids = [row[0] for row in s.iter_rows("articles")]
        assert s.check() == []
    assert stats["articles"] == n and stats["fingerprints"] == n  # lost 0
    assert len(ids) == len(set(ids)) == n and set(ids) == {f"rec-{i:05d}" for i in range(n)}  # duplicated 0


@pytest.mark.slow
def test_crash_two_writers_at_once_neither_sees_a_locked_store(store_url: str, tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    _corpus(first, range(0, 600))
    _corpus(second, range(300, 900))  # 300 articles in both files
    procs = [_ingest(store_url, first), _ingest(store_url, second)]
    results = [p.communicate(timeout=300) for p in procs]
    for p, (_out, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, err.decode()
        assert b"locked" not in err and b"busy" not in err
    with open_store(store_url) as s:
        stats = s.stats()
        ids = [row[0] for row in s.iter_rows("articles")]
    assert stats["articles"] == 900 and len(set(ids)) == 900 and stats["fingerprints"] == 900
