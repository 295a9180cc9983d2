"""Provenance benchmark on stitched-article data (format of ``../shared/data/reuse``; see its README).

Indexes the corpus, traces every case, runs the full analysis with the matches as its ``matches`` layer,
turns the analysis into labelled spans (``label_spans``), writes predictions and prints the scorer's
summary. Every label is predicted, not only ``reused``: the flags engineer measures the flags stage with
this script too.

    .venv/bin/python benchmarks/reuse.py --corpus ../shared/data/reuse/corpus.jsonl \\
        --cases ../shared/data/reuse/cases.jsonl --out /tmp/pred.jsonl
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from wiretrace.model import Analysis, Article, Failure, Match, Span

# Flag labels of the analysis -> labels of the benchmark.
FLAG_LABELS = {
    "off_topic": "off_topic_insert",
    "boilerplate": "boilerplate",
    "duplicate_headline": "boilerplate",
    "caption": "caption",
}


def label_spans(analysis: Analysis) -> list[dict[str, Any]]:
    """Benchmark spans from one analysis: the single mapping from wiretrace's layers to gold labels.

    Painted in order of precedence, later wins per character:
      1. every non-whitespace character: ``original``;
      2. flags (off-topic insert, boilerplate, duplicate headline, caption);
      3. matched passages: ``reused`` with their source. Match spans cover only the aligned words, so a
         flag still wins over the unmatched tail of a sentence (a "Related Articles" line glued to it).
         Exceptions (``overruled``): a match lying within the headline or a flagged line keeps the
         flag's label, and an off-topic flag wins over a match whose source(s) carry no other passage of
         the article (a paragraph stitched in from an unrelated story that is also in the corpus).
    Where several sources match a character, the most similar wins, then the source that accounts for
    more of the article, then the earliest published.
    """
    text = analysis.article.text
    label: list[str | None] = [None] * len(text)
    source: list[str | None] = [None] * len(text)
    for i, ch in enumerate(text):
        if not ch.isspace():
            label[i] = "original"
    for flag in analysis.flags:
        mapped = FLAG_LABELS.get(flag.label)
        if mapped:
            for i in range(flag.span.start, min(flag.span.end, len(text))):
                label[i] = mapped
    # How much of the article each source accounts for: a stitched article copies several passages
    # from each of its few sources, so among equally similar sources the one used elsewhere wins.
    support: dict[str, int] = {}
    for m in analysis.matches:
        support[m.source_id] = support.get(m.source_id, 0) + len(m.span)
    off_topic = [f.span for f in analysis.flags if f.label == "off_topic"]
    structural = [f.span for f in analysis.flags if f.label in ("duplicate_headline", "boilerplate")]
    title = _title_span(analysis.article)

    def overruled(m: Match) -> bool:
        """Where a flag wins over a match.

        - The headline and a flagged line (repeated headline, "Read more: ..." link) keep their
          label even when a corpus article carries the same words: a match lying within one is a
          headline quoted, not a passage copied.
        - An off-topic flag wins over a match whose sources carry no other passage of the article.
        """
        if any(f.overlap(m.span) >= 0.8 * len(m.span) for f in [*structural, *title]):
            return True
        if not any(f.overlap(m.span) * 2 >= len(m.span) for f in off_topic):
            return False
        same = [o for o in analysis.matches if o.span.overlap(m.span) * 2 >= len(m.span)]
        return all(support[o.source_id] <= len(o.span) for o in same)

    ranked = sorted(
        (m for m in analysis.matches if not overruled(m)),
        key=lambda m: (
            round(m.similarity, 2),
            support[m.source_id],
            -(m.source_published.toordinal() if m.source_published else 0),
        ),
    )
    for m in ranked:  # ascending, so the best source paints last
        for i in range(m.span.start, min(m.span.end, len(text))):
            label[i], source[i] = "reused", m.source_id
    spans: list[dict[str, Any]] = []
    i = 0
    while i < len(text):
        if label[i] is None:
            i += 1
            continue
        j = i
        while j < len(text) and ((label[j] == label[i] and source[j] == source[i]) or label[j] is None):
            j += 1
        end = j
        while end > i and text[end - 1].isspace():
            end -= 1
        span: dict[str, Any] = {"start": i, "end": end, "label": label[i]}
        if source[i]:
            span["source_id"] = source[i]
        spans.append(span)
        i = j
    return spans


def _title_span(article: Article) -> list[Span]:
    """The headline line at the top of the text, when the article has a title."""
    if not article.title:
        return []
    start = article.text.find(article.title)
    return [Span(start=start, end=start + len(article.title))] if 0 <= start < 10 else []


def _articles(path: Path) -> Iterator[Article | Failure]:
    """Corpus records, streamed (the readers stream JSONL of any size; bad lines become failures)."""
    from wiretrace.extract import iter_articles

    return iter_articles([path])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--corpus", required=True, type=Path, help="reference corpus (JSONL records with id, text)"
    )
    ap.add_argument("--cases", required=True, type=Path, help="cases JSONL (case_id, text, spans)")
    ap.add_argument("--out", required=True, type=Path, help="where to write predictions JSONL")
    ap.add_argument("--index", type=Path, help="index file to build or reuse (default: a temporary file)")
    ap.add_argument("--score", type=Path, help="score.py (default: next to the cases file)")
    ap.add_argument("--no-analysis", action="store_true", help="skip spaCy stages: matches only, no flags")
    args = ap.parse_args(argv)
    score = args.score or args.cases.parent / "score.py"
    missing = [str(p) for p in (args.corpus, args.cases, score) if not p.is_file()]
    if missing:
        print(
            f"reuse benchmark: data not found: {', '.join(missing)} (it lives in ../shared/data/reuse, "
            "which is not part of the repository)",
            file=sys.stderr,
        )
        return 2

    from wiretrace.analyze.pipeline import Pipeline
    from wiretrace.extract import article_from_text
    from wiretrace.reuse.index import Index
    from wiretrace.settings import Settings

    settings = Settings.from_env()  # WIRETRACE_REUSE__MIN_SIMILARITY=... etc. apply

    with tempfile.TemporaryDirectory() as tmp:
        index_path = args.index or Path(tmp) / "index.db"
        with Index.open(index_path, settings.reuse) as index:
            t0 = time.perf_counter()
            report = index.add_many(_articles(args.corpus))
            t_index = time.perf_counter() - t0
            print(
                f"indexed: {report.added} added, {report.unchanged} unchanged, {len(report.failures)} failed "
                f"in {t_index:.1f}s",
                file=sys.stderr,
            )
            for failure in report.failures[:5]:
                print(f"  {failure.source}: {failure.error}", file=sys.stderr)
            pipeline = None if args.no_analysis else Pipeline(settings)
            cases = [json.loads(line) for line in args.cases.open(encoding="utf-8") if line.strip()]
            t_trace = 0.0
            t1 = time.perf_counter()
            with args.out.open("w", encoding="utf-8") as out:
                for case in cases:
                    article = article_from_text(case["text"], id=case["case_id"])
                    t = time.perf_counter()
                    matches = index.trace(article)
                    t_trace += time.perf_counter() - t
                    analysis = (
                        pipeline.analyze(article, matches=matches)
                        if pipeline
                        else Analysis(article=article, matches=matches)
                    )
                    out.write(json.dumps({"case_id": case["case_id"], "spans": label_spans(analysis)}) + "\n")
            print(
                f"traced {len(cases)} cases: {1000 * t_trace / max(1, len(cases)):.1f} ms/article trace, "
                f"{time.perf_counter() - t1:.1f}s with analysis",
                file=sys.stderr,
            )
    result = subprocess.run(
        [sys.executable, str(score), str(args.cases), str(args.out)],
        capture_output=True,
        text=True,
        check=False,
    )
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
