"""Date resolution on ``../shared/data/dates``: wiretrace's dates stage next to a naive regex baseline.

Both run in the same process on the same records, anchored on each record's ``published`` date, and
are scored by the data set's own ``score.py`` (detection by overlap, value accuracy, end-to-end F1,
predictions on traps). The baseline is what a first attempt looks like: a handful of regular
expressions for full and partial dates, years, weekdays and "last/this/next week|month|year", with a
yearless date put in the anchor's year and a weekday taken as the latest such day.

    .venv/bin/python benchmarks/dates.py [GOLD.jsonl]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import re
import sys
import tempfile
import time
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path
from types import ModuleType
from typing import Any

from wiretrace.analyze.pipeline import Pipeline
from wiretrace.model import Article

DEFAULT_GOLD = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "dates" / "dates.jsonl"

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH_RE = "|".join(_MONTHS)
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_BASELINE = re.compile(
    rf"\b(?P<md>(?P<m>{_MONTH_RE})\s+(?P<d>\d{{1,2}})(?:,\s*(?P<y>\d{{4}}))?)"
    rf"|\b(?P<my>(?P<m2>{_MONTH_RE})(?:\s+(?P<y2>\d{{4}}))?)\b"
    rf"|\b(?P<wd>{'|'.join(_WEEKDAYS)})\b"
    r"|\b(?P<rel>(?:last|this|next)\s+(?:week|month|year))\b"
    r"|\b(?P<word>yesterday|today|tomorrow)\b"
    r"|\b(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def baseline(text: str, anchor: dt.date) -> list[dict[str, Any]]:
    """The naive resolver: regular expressions and the simplest reading of each form."""
    out: list[dict[str, Any]] = []
    for m in _BASELINE.finditer(text):
        value: str | None = None
        if m["md"]:
            month = [x.lower() for x in _MONTHS].index(m["m"].lower()) + 1
            year = int(m["y"]) if m["y"] else anchor.year
            try:
                value = dt.date(year, month, int(m["d"])).isoformat()
            except ValueError:
                value = None
        elif m["my"]:
            month = [x.lower() for x in _MONTHS].index(m["m2"].lower()) + 1
            value = f"{int(m['y2']) if m['y2'] else anchor.year:04d}-{month:02d}"
        elif m["wd"]:
            back = (anchor.weekday() - [w.lower() for w in _WEEKDAYS].index(m["wd"].lower())) % 7
            value = (anchor - dt.timedelta(days=back)).isoformat()
        elif m["rel"]:
            shift = {"last": -1, "this": 0, "next": 1}[m["rel"].split()[0].lower()]
            unit = m["rel"].split()[-1].lower()
            if unit == "year":
                value = str(anchor.year + shift)
            elif unit == "month":
                first = (anchor.replace(day=1) + dt.timedelta(days=32 * shift)).replace(day=1)
                value = f"{first.year:04d}-{first.month:02d}"
            else:
                iso = (anchor + dt.timedelta(weeks=shift)).isocalendar()
                value = f"{iso[0]:04d}-W{iso[1]:02d}"
        elif m["word"]:
            shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[m["word"].lower()]
            value = (anchor + dt.timedelta(days=shift)).isoformat()
        else:
            value = m["year"]
        out.append({"start": m.start(), "end": m.end(), "value": value})
    return out


def _scorer(gold: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("dates_score", gold.parent / "score.py")
    if spec is None or spec.loader is None:
        sys.exit(f"dates.py: no score.py next to {gold}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score(scorer: ModuleType, gold: Path, preds: list[dict[str, Any]], tmp: Path) -> dict[str, Any]:
    tmp.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    buf = StringIO()
    with redirect_stdout(buf):
        scorer.main(["score.py", str(gold), str(tmp), "--json"])
    result: dict[str, Any] = json.loads(buf.getvalue())
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path, nargs="?", default=DEFAULT_GOLD)
    args = ap.parse_args()
    gold: Path = args.gold.resolve()
    if not gold.exists() or not (gold.parent / "score.py").exists():
        sys.exit(f"dates.py: {gold} (or its score.py) is absent; nothing to measure")
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    pipeline = Pipeline(stages=["dates"])

    started = time.perf_counter()
    ours = []
    for r in records:
        published = dt.date.fromisoformat(r["published"])
        analysis = pipeline.analyze(Article(id=r["id"], text=r["text"], published=published))
        dates = [{"start": d.span.start, "end": d.span.end, "value": d.value} for d in analysis.dates]
        ours.append({"id": r["id"], "dates": dates})
    ours_s = time.perf_counter() - started

    started = time.perf_counter()
    naive = [
        {"id": r["id"], "dates": baseline(r["text"], dt.date.fromisoformat(r["published"]))} for r in records
    ]
    naive_s = time.perf_counter() - started

    scorer = _scorer(gold)
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir) / "pred.jsonl"
        rows = [("wiretrace dates", _score(scorer, gold, ours, tmp), ours_s)]
        rows.append(("naive regex", _score(scorer, gold, naive, tmp), naive_s))
    print(f"{len(records)} articles, {rows[0][1]['gold_dates']} gold dates ({gold})")
    head = ("det F1", "val acc", "e2e P", "e2e R", "e2e F1", "traps", "s")
    print(f"{'resolver':<16} " + " ".join(f"{h:>7}" for h in head))
    for name, res, secs in rows:
        e2e = res["end_to_end"]
        print(
            f"{name:<16} {res['detection']['f1']:>7.3f} {res['value_accuracy']['accuracy']:>7.3f} "
            f"{e2e['precision']:>7.3f} {e2e['recall']:>7.3f} {e2e['f1']:>7.3f} "
            f"{res['trap_hits']:>7} {secs:>7.2f}"
        )
    print("by granularity (wiretrace / naive value-correct of gold):")
    for gran, v in rows[0][1]["by_granularity"].items():
        other = rows[1][1]["by_granularity"].get(gran, {"correct": 0})
        print(f"  {gran:<8} {v['correct']:>4} / {other['correct']:>4} of {v['gold']}")


if __name__ == "__main__":
    main()
