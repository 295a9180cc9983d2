"""Time and peak memory of one whole analysis of a very long article (issue 13: 1M characters in < 30 s
and < 1 GB).

    .venv/bin/python benchmarks/long_article.py [--chars 1000000] [--shapes prose storm short line]

Each case runs in a fresh process (so peak RSS is that article's, model included) through
``Pipeline.analyze``, the path every interface takes. Texts are generated here (invented news prose):
``prose`` is many paragraphs of varied news sentences with quotes, names, dates and numbers; ``storm``
is paragraphs dense with quotation marks; ``short`` is many one-line paragraphs; ``line`` is prose with
no line break at all (one huge paragraph). Prints wall and CPU seconds, peak RSS, the number of quotes,
flags and failed stages, and how many characters the stages covered (``nlp.parse_chars`` cuts a longer
text at a paragraph break: ``--parse-chars`` sets it, e.g. to the text length to time the whole text).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time

FIRST = ["Amara", "Tomas", "Lena", "Kofi", "Ines", "Piotr", "Sanna", "Rafael", "Mirela", "Joon", "Odile"]
LAST = ["Quist", "Okonkwo", "Varga", "Lindqvist", "Moreau", "Sato", "Haddad", "Brennan", "Costa", "Ilves"]
PLACES = ["Port Elm", "Carrow", "Lake Tesh", "Mirefield", "Duncliff", "Westmarch", "Harrowgate Bay"]
BODIES = ["the Carrow water board", "Mirefield council", "the Duncliff port authority", "Westmarch Rail"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["March", "April", "June", "September", "November"]


def _prose_paragraph(rng: random.Random) -> str:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    surname = name.split()[1]
    place, body, day = rng.choice(PLACES), rng.choice(BODIES), rng.choice(DAYS)
    n, pct = rng.randint(2, 900), rng.randint(2, 60)
    templates = [
        f"Officials in {place} said on {day} that {n} households had been moved after the river rose. "
        f'"We are doing everything we can," said {name}, the district\'s emergency chief.',
        f"{name}, who chairs {body}, told reporters that the repairs would cost about {n} million crowns "
        f"and could take until {rng.choice(MONTHS)}.",
        f'"This is not the plan we were promised," {surname} said. "People here deserve better, and they '
        f'will get it."',
        f"According to {body}, ticket sales fell {pct} percent last year, the steepest drop since the "
        f"line opened.",
        f"The mayor of {place} said the town would appeal, adding that {n} jobs depended on the harbour.",
        f"{surname} said the figures were {rng.choice(['provisional', 'final', 'disputed'])}. Asked whether "
        f'the board would resign, she said: "No. We have work to do."',
        f"Residents of {place} gathered outside the town hall on {day} evening, some carrying signs that "
        f'read "Save our ferry".',
    ]
    k = rng.randint(1, 3)
    return " ".join(rng.choice(templates) for _ in range(k))


def _storm_paragraph(rng: random.Random) -> str:
    words = [f'"{rng.choice(LAST).lower()}"' for _ in range(12)]
    return f'{rng.choice(FIRST)} called the plan {", ".join(words)} and said "no" twice.'


def _short_paragraph(rng: random.Random) -> str:
    return f"{rng.choice(PLACES)}: {rng.randint(1, 99)} boats in, {rng.choice(DAYS)}."


def make_text(shape: str, chars: int, seed: int = 13) -> str:
    rng = random.Random(seed)
    make = {"prose": _prose_paragraph, "line": _prose_paragraph}.get(shape)
    make = make or {"storm": _storm_paragraph, "short": _short_paragraph}[shape]
    sep = " " if shape == "line" else "\n\n"
    head = "Harbour towns count the cost of the spring floods"
    out, size = [head], len(head)
    while size < chars:
        para = make(rng)
        out.append(para)
        size += len(para) + len(sep)
    return sep.join(out)[:chars]


def run_one(shape: str, chars: int, parse_chars: int | None = None) -> dict[str, object]:
    """Analyse one generated text in this process; return its measurements."""
    from wiretrace.analyze.pipeline import Pipeline
    from wiretrace.analyze.scope import scope_end
    from wiretrace.extract import article_from_text
    from wiretrace.settings import NlpSettings, Settings

    nlp = NlpSettings() if parse_chars is None else NlpSettings(parse_chars=parse_chars)
    pipeline = Pipeline(Settings(nlp=nlp))
    pipeline.analyze('Warm-up text. "It loads the model," said Lena Quist.')  # model and lexicons
    text = make_text(shape, chars)
    article = article_from_text(text, id=f"long-{shape}", published="2026-03-02")
    wall, cpu = time.perf_counter(), time.process_time()
    analysis = pipeline.analyze(article)
    return {
        "shape": shape,
        "chars": len(text),
        "wall_s": round(time.perf_counter() - wall, 1),
        "cpu_s": round(time.process_time() - cpu, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "quotes": len(analysis.quotes),
        "flags": len(analysis.flags),
        "analysed": scope_end(text, pipeline.settings.nlp.parse_chars),
        "failed_stages": [f.stage for f in analysis.failed_stages],
        "notices": [w.code for w in analysis.warnings][:3],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=int, default=1_000_000)
    ap.add_argument("--shapes", nargs="+", default=["prose", "storm", "short", "line"])
    ap.add_argument("--parse-chars", type=int, default=None, help="nlp.parse_chars (default: the setting's)")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one case in this process
    a = ap.parse_args()
    if a.one:
        print(json.dumps(run_one(a.one, a.chars, a.parse_chars)))
        return
    print(
        f"{'shape':<7} {'chars':>10} {'analysed':>9} {'wall s':>7} {'cpu s':>7} {'peak MB':>8} "
        f"{'quotes':>7} {'flags':>6}"
    )
    for shape in a.shapes:
        cmd = [sys.executable, __file__, "--one", shape, "--chars", str(a.chars)]
        cmd += ["--parse-chars", str(a.parse_chars)] if a.parse_chars is not None else []
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"{shape:<7} failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"{r['shape']:<7} {r['chars']:>10,} {r['analysed']:>9,} {r['wall_s']:>7} {r['cpu_s']:>7} "
            f"{r['peak_rss_mb']:>8,} "
            f"{r['quotes']:>7,} {r['flags']:>6,}  failed={r['failed_stages']} {r['notices']}"
        )


if __name__ == "__main__":
    main()
