"""Generality check for spinning: trace sentences spun with a dictionary unlike the benchmark's.

The stitched-article benchmark spins with one dictionary (said -> stated, mln -> million, ...); held-out
data spins differently. This script samples corpus sentences, rewrites them with a different invented
dictionary (company -> corporation, said -> noted, percent -> per cent, year -> twelve months, ...),
stitches four from different articles into an article, traces it and reports how many passages come
back to their source and how many reported sources are wrong.

    .venv/bin/python benchmarks/reuse_spin.py --corpus ../shared/data/reuse/corpus.jsonl --articles 150
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from pathlib import Path

SPIN = {
    "company": "corporation", "said": "noted", "million": "mn", "mln": "mn", "percent": "per cent",
    "pct": "per cent", "year": "twelve months", "government": "authorities", "market": "marketplace",
    "shares": "equities", "rose": "went up", "fell": "went down", "bank": "lender", "sales": "turnover",
    "week": "seven days", "expected": "forecast", "billion": "bn", "dlrs": "US dollars", "profit": "gains",
    "loss": "shortfall", "tonnes": "metric tons", "prices": "costs", "increase": "rise",
    "agreement": "accord", "officials": "functionaries", "told": "informed", "quarter": "three months",
}  # fmt: skip


def spin(sentence: str, rate: float, rng: random.Random) -> str:
    def swap(m: re.Match[str]) -> str:
        new = SPIN.get(m.group().lower())
        return new if new and rng.random() < rate else m.group()

    return re.sub(r"[A-Za-z]+", swap, sentence)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--corpus", required=True, type=Path)
    ap.add_argument("--articles", type=int, default=150)
    ap.add_argument("--rate", type=float, default=0.8, help="chance each dictionary word is swapped")
    ap.add_argument("--index", type=Path, help="existing index of the corpus (default: a temporary one)")
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        print(
            f"reuse_spin: {args.corpus} not found (../shared/data/reuse is not in the repository)",
            file=sys.stderr,
        )
        return 2

    from wiretrace.extract import article_from_text
    from wiretrace.reuse.index import Index
    from wiretrace.reuse.normalize import split_sentences

    rng = random.Random(args.seed)
    records = [json.loads(line) for line in args.corpus.open(encoding="utf-8") if line.strip()]
    with tempfile.TemporaryDirectory() as tmp, Index.open(args.index or Path(tmp) / "spin.db") as index:
        if args.index is None:
            index.add_many(article_from_text(r["text"], id=r["id"]) for r in records)
        found = wrong = total = 0
        for k in range(args.articles):
            parts: list[tuple[str, str]] = []
            for rec in rng.sample(records, 4):
                text = rec["text"]
                sents = [text[a:b] for a, b in split_sentences(text) if len(text[a:b].split()) >= 8]
                if sents:
                    parts.append((spin(rng.choice(sents), args.rate, rng), rec["id"]))
            article = "\n\n".join(p for p, _ in parts)
            matches = index.trace(article_from_text(article, id=f"spin-{k}"))
            pos = 0
            for passage, source in parts:
                start = article.index(passage, pos)
                end = pos = start + len(passage)
                sources = {m.source_id for m in matches if m.span.start < end and m.span.end > start}
                total += 1
                found += source in sources
                # A listed source that is neither the gold article nor one carrying the same sentence.
                wrong += bool(sources) and source not in sources
    print(
        f"{total} spun passages: {found / total:.3f} traced to their source, "
        f"{wrong / total:.3f} to other articles only"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
