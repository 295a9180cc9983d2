"""Main-text benchmark on real pages (format of ``../shared/data/pages``; see its README), side by side.

In one run, on the same pages, scored by the set's own ``score.py``:

- wiretrace's kept text and its cleaned text (boilerplate, caption and duplicate-headline flags blanked),
  both through the set's ``cli_predict.py`` (the documented CLI, ``wiretrace`` on PATH);
- trafilatura itself, with ``favor_precision`` (what wiretrace builds on) and with its defaults.

    PATH=.venv/bin:$PATH .venv/bin/python benchmarks/pages.py --pages ../shared/data/pages --out /tmp/pg
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def _score(pages: Path, pred: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, str(pages / "score.py"), str(pages / "ground-truth.jsonl"), str(pred), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def _trafilatura(pages: Path, out: Path, *, favor_precision: bool) -> float:
    """Write trafilatura's text for every page; returns seconds spent."""
    import trafilatura

    t0 = time.perf_counter()
    with (pages / "ground-truth.jsonl").open(encoding="utf-8") as gold, out.open("w", encoding="utf-8") as f:
        for line in gold:
            rec = json.loads(line)
            raw = gzip.decompress((pages / "html" / f"{rec['id']}.html.gz").read_bytes())
            text = trafilatura.extract(raw.decode("utf-8", "replace"), favor_precision=favor_precision) or ""
            f.write(json.dumps({"id": rec["id"], "text": text}) + "\n")
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=Path, default=Path("../shared/data/pages"))
    ap.add_argument("--out", default="/tmp/pg", help="prefix of the prediction files")
    a = ap.parse_args()
    import trafilatura

    rows: list[tuple[str, dict[str, Any], float]] = []
    t0 = time.perf_counter()
    subprocess.run([sys.executable, str(a.pages / "cli_predict.py"), str(a.pages), a.out], check=True)
    secs = time.perf_counter() - t0
    rows.append(("wiretrace kept text", _score(a.pages, Path(f"{a.out}.text.jsonl")), secs))
    rows.append(("wiretrace cleaned text", _score(a.pages, Path(f"{a.out}.clean.jsonl")), secs))
    for name, precision in (("favor_precision", True), ("defaults", False)):
        pred = Path(f"{a.out}.trafilatura-{name}.jsonl")
        secs = _trafilatura(a.pages, pred, favor_precision=precision)
        rows.append((f"trafilatura {trafilatura.__version__} {name}", _score(a.pages, pred), secs))
    print("| extractor | pages | precision | recall | F1 | seconds (wiretrace: whole analysis) |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, r, secs in rows:
        scores = f"{r['precision']:.4f} | {r['recall']:.4f} | {r['f1']:.4f}"
        print(f"| {name} | {r['pages']} | {scores} | {secs:.0f} |")


if __name__ == "__main__":
    main()
