"""Entities and dates checked against a gold file with ``people``, ``aliases`` and ``dates`` keys.

The shape is that of ``../shared/examples/*.gold.json`` and the bundled ``examples/*.gold.json``:
``people`` lists full names; ``aliases`` maps a canonical name to surface forms the article uses;
``dates`` maps a surface form to its ISO value (``anchor`` describes the anchor and is not scored).

    .venv/bin/python benchmarks/entities_dates.py ../shared/examples/stitched-putin-biden.txt

A person counts as right when an entity of label person has that exact name, and "by surname" when
only the last word matches (the text may never give the first name). An alias entry is right when
one entity's name and variants cover every listed form. A date is right when some DateRef with that
surface has that value.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from wiretrace.analyze.pipeline import Pipeline
from wiretrace.model import Analysis, Article


def score(analysis: Analysis, gold: dict[str, Any]) -> dict[str, Any]:
    text = analysis.article.text
    people = [e for e in analysis.entities if e.label == "person"]
    names = {e.name for e in people}
    surnames = {e.name.split()[-1] for e in people}
    gold_people: list[str] = gold.get("people", [])
    exact = [p for p in gold_people if p in names]
    by_surname = [p for p in gold_people if p.split()[-1] in surnames]
    extra = sorted(n for n in names if n.split()[-1] not in {p.split()[-1] for p in gold_people})

    alias_right = []
    for canonical, forms in gold.get("aliases", {}).items():
        for e in analysis.entities:
            if e.name == canonical and set(forms) <= {e.name, *e.variants}:
                alias_right.append(canonical)
    date_gold = {k: v for k, v in gold.get("dates", {}).items() if k != "anchor"}
    seen: dict[str, set[str | None]] = {}
    for d in analysis.dates:
        seen.setdefault(d.span.of(text), set()).add(d.value)
    date_right = [k for k, v in date_gold.items() if v in seen.get(k, set())]
    return {
        "people_exact": f"{len(exact)}/{len(gold_people)}",
        "people_by_surname": f"{len(by_surname)}/{len(gold_people)}",
        "people_missed": [p for p in gold_people if p not in by_surname],
        "people_not_in_gold": extra,
        "aliases": f"{len(alias_right)}/{len(gold.get('aliases', {}))}",
        "dates": f"{len(date_right)}/{len(date_gold)}",
        "dates_wrong": {k: sorted(map(str, seen.get(k, set()))) for k in date_gold if k not in date_right},
        "anchor": next((d.anchor for d in analysis.dates if d.anchor and d.anchor != "absolute"), None),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("text", type=Path, help="article text; the gold file sits next to it as <stem>.gold.json")
    ap.add_argument("--gold", type=Path, default=None)
    args = ap.parse_args()
    gold_path = args.gold or args.text.with_suffix(".gold.json")
    if not args.text.exists() or not gold_path.exists():
        sys.exit(f"entities_dates.py: {args.text} or {gold_path} is absent; nothing to measure")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    pipeline = Pipeline(stages=["entities", "dates"])
    analysis = pipeline.analyze(Article(id=args.text.stem, text=args.text.read_text(encoding="utf-8")))
    print(json.dumps(score(analysis, gold), indent=1))


if __name__ == "__main__":
    main()
