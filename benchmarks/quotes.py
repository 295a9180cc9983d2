"""Quote and speaker benchmark on data in the format of ``../shared/data/quotes`` (see its README).

Runs the default analysis over every article with one ``nlp.pipe`` pass, writes predictions
``{"id", "quotes": [{"start", "end", "speaker"}]}`` and prints the scorer's summary for all kinds and
for ``--kind direct``.

    .venv/bin/python benchmarks/quotes.py --data ../shared/data/quotes/dev.jsonl --out /tmp/quotes-pred.jsonl

Two documented choices map an ``Analysis`` onto the benchmark (see docs/quotes.md):

* **speaker string**: the source *mention as written* by the quotes stage (``Speaker.mention``, the
  speakers stage not run), not the canonical entity name; the gold ``speaker`` of PolNeAR-style
  data is the annotated source mention (pronouns carry their antecedent with the pronoun kept as an
  alias), so the mention is what it can match.
  ``--speaker name`` scores the canonical name instead, for comparison.
* **direct-only score**: computed on the quotes whose ``kind`` is ``direct`` (written to
  ``PRED.direct.jsonl``); the all-kinds score uses every quote.
* **beliefs**: PolNeAR annotates thoughts, beliefs and intentions as attributions, so the benchmark
  turns ``quotes.beliefs`` on (``--speech-only`` keeps the default, speech as news readers count it).
* **pieces**: each piece of an interrupted quote is one prediction (the scorer merges pieces that fall
  in one gold quote, and keeps them apart when the gold has two quotes).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from wiretrace.analyze.pipeline import Pipeline
from wiretrace.extract import article_from_text
from wiretrace.model import Analysis, Article
from wiretrace.settings import Settings

SCORER_NAME = "score.py"
# The direct-only score is computed on the quotes the analysis itself calls direct.
DIRECT_KINDS = frozenset({"direct"})


def read_articles(path: Path) -> Iterator[Article]:
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                rec = json.loads(line)
                if "id" not in rec or "text" not in rec:
                    sys.exit(f"quotes.py: {path}:{n}: a record needs 'id' and 'text'")
                yield article_from_text(rec["text"], id=str(rec["id"]))


def predictions(
    analysis: Analysis, speaker: str = "mention", kinds: frozenset[str] | None = None
) -> dict[str, Any]:
    """One benchmark record: every quote piece (of ``kinds``, default all) with the speaker string
    chosen by ``speaker``."""
    text = analysis.article.text
    out = []
    for q in analysis.quotes:
        if kinds is not None and q.kind not in kinds:
            continue
        who: str | None = None
        if q.speaker is not None:
            if speaker == "mention" and q.speaker.mention is not None:
                who = q.speaker.mention.of(text)
            else:
                who = q.speaker.name
        for piece in q.pieces or [q.span]:
            out.append({"start": piece.start, "end": piece.end, "speaker": who})
    return {"id": analysis.article.id, "quotes": out}


def find_scorer(data: Path, given: Path | None) -> Path:
    scorer = given or data.parent / SCORER_NAME
    if not scorer.exists():
        sys.exit(f"quotes.py: scorer {scorer} not found (pass --scorer PATH to score.py)")
    return scorer


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="gold JSONL (../shared/data/quotes)")
    ap.add_argument("--out", type=Path, required=True, help="where to write the predictions JSONL")
    ap.add_argument("--scorer", type=Path, default=None, help="score.py (default: next to --data)")
    ap.add_argument("--speaker", choices=("mention", "name"), default="mention", help="speaker string")
    ap.add_argument(
        "--speech-only",
        action="store_true",
        help="the default settings (speech only); without it beliefs and intentions are reported too, "
        "as PolNeAR annotates them",
    )
    a = ap.parse_args()
    if not a.data.exists():
        print(f"quotes.py: data file {a.data} not found; nothing measured.", file=sys.stderr)
        sys.exit(2)
    scorer = find_scorer(a.data, a.scorer)
    # The mention as written is the quotes stage's: the speakers stage resolves it to a canonical name
    # and leaves a quote whose pronoun or description it cannot resolve unattributed.
    # PolNeAR annotates thoughts and beliefs as well as speech: `--speech-only` measures the default.
    settings = Settings()
    settings.quotes.beliefs = not a.speech_only
    stages = {"exclude": ("speakers",)} if a.speaker == "mention" else {}
    pipeline = Pipeline(settings, **stages)  # type: ignore[arg-type]
    t0 = time.perf_counter()
    n = 0
    direct_out = a.out.with_name(a.out.stem + ".direct" + a.out.suffix)
    with a.out.open("w", encoding="utf-8") as f, direct_out.open("w", encoding="utf-8") as fd:
        for analysis in pipeline.analyze_many(read_articles(a.data)):
            f.write(json.dumps(predictions(analysis, a.speaker), ensure_ascii=False) + "\n")
            fd.write(json.dumps(predictions(analysis, a.speaker, DIRECT_KINDS), ensure_ascii=False) + "\n")
            n += 1
    print(f"analysed {n} articles in {time.perf_counter() - t0:.1f}s; predictions in {a.out}, {direct_out}")
    runs: list[tuple[str, Path, list[str]]] = [
        ("all kinds", a.out, []),
        ("direct only", direct_out, ["--kind", "direct"]),
    ]
    for title, pred, extra in runs:
        print(f"\n== {title} ==", flush=True)
        res = subprocess.run([sys.executable, str(scorer), str(a.data), str(pred), *extra], check=False)
        if res.returncode != 0:
            sys.exit(res.returncode)


if __name__ == "__main__":
    main()
