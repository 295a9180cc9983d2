from __future__ import annotations

from collections.abc import Iterator

import pytest

from wiretrace.runners.pool import chunks


@pytest.mark.parametrize("n", [0, 1, 5, 40, 97, 300, 1001])
@pytest.mark.parametrize("workers", [1, 2, 3])
def test_chunks_keep_every_item_once_in_order(n: int, workers: int) -> None:
    parts = list(chunks(iter(range(n)), 32, workers))
    assert [i for part in parts for i in part] == list(range(n))
    assert all(1 <= len(part) <= 32 for part in parts)


def test_one_worker_gets_full_chunks() -> None:
    assert [len(p) for p in chunks(iter(range(70)), 32, 1)] == [32, 32, 6]


def test_chunks_taper_at_the_end_for_several_workers() -> None:
    sizes = [len(p) for p in chunks(iter(range(300)), 32, 2)]
    tail = sizes[sizes.index(max(sizes)) :]
    assert sizes[0] == 32
    assert sizes[-1] == 1
    assert tail == sorted(tail, reverse=True)  # never grows again once it shrinks
    # what is left when the input ends is shared out: no last chunk as large as a full one
    assert sum(1 for s in sizes if s == 32) == (300 - 3 * 32) // 32 + 1


def test_chunks_read_ahead_is_bounded() -> None:
    seen: list[int] = []

    def source() -> Iterator[int]:
        for i in range(10_000):
            seen.append(i)
            yield i

    stream = chunks(source(), 32, 2)
    first = next(stream)
    assert first == list(range(32))
    assert len(seen) == 3 * 32  # size x (workers + 1) read before the first chunk, not the input


SETTLE = """
import gc
from wiretrace.analyze.pipeline import DEFAULT_STAGES
from wiretrace.model import Article
from wiretrace.runners.pool import analyze_partition
from wiretrace.settings import Settings
before = gc.get_freeze_count()
text = "Port Elm ferry fares rose on Monday, said Tova Lind, who runs the line."
out = analyze_partition([Article(id="a", text=text)], Settings().model_dump_json(), DEFAULT_STAGES, ())
after = gc.get_freeze_count()  # frozen objects freed later lower it; a second freeze would raise it
out2 = analyze_partition([Article(id="b", text=text)], Settings().model_dump_json(), DEFAULT_STAGES, ())
print(before, after > 10_000, gc.get_freeze_count() <= after, out[0].quotes[0].speaker.name)
"""


def test_a_worker_freezes_its_loaded_heap_once_after_the_first_chunk() -> None:
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", SETTLE], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["0", "True", "True", "Tova", "Lind"]
