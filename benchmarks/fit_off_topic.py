"""Fit the paragraph-coherence weights of ``analyze.integrity.coherence`` on stitched training articles.

Stitched cases are built the way ``../shared/data/inserts/make_real_inserts.py`` builds its dev cases (one
or two paragraphs of 120-700 characters from another article spliced in at a paragraph boundary after
the second paragraph, about a quarter left as controls), but from a *training* corpus: by default the
PolNeAR train articles of ``../shared/data/quotes/train.jsonl``, cut to excerpt length (4-12 paragraphs)
like the crawl excerpts of the dev cases. The dev insert cases are never read here.

    .venv/bin/python benchmarks/fit_off_topic.py --corpus ../shared/data/quotes/train.jsonl --cases 700

Prints the fitted weights (paste them, rounded, into coherence.py) and the held-out part's scores at a
few thresholds.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path
from typing import Any

import numpy as np

from wiretrace.analyze.integrity import coherence
from wiretrace.analyze.integrity.detect import find_regions, prepare
from wiretrace.nlp import load_embedder, load_spacy
from wiretrace.settings import Settings

_PARA = re.compile(r"\n\s*\n|\n")


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in _PARA.split(text) if p.strip()]


def build_cases(rows: list[dict[str, Any]], n: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    seen: set[str] = set()
    arts = []
    for r in rows:
        if r["text"][:200] in seen:
            continue
        seen.add(r["text"][:200])
        arts.append(r)
    donors = {}
    for r in arts:
        ps = [p for p in _paragraphs(r["text"])[1:] if 120 <= len(p) <= 700 and p[-1:] in '.!?"”’']
        if ps:
            donors[r["id"]] = (r.get("date"), ps)
    rng.shuffle(arts)
    cases = []
    for base in arts:
        ps = _paragraphs(base["text"])
        if len(ps) < 4:
            continue
        ps = ps[: rng.randint(4, 12)]
        if len("\n\n".join(ps)) < 800:
            continue
        if rng.random() < 0.25:
            cases.append({"id": base["id"], "text": "\n\n".join(ps), "spans": []})
        else:
            k = 2 if rng.random() < 0.3 else 1
            pool = [d for d, (date, _) in donors.items() if d != base["id"] and date != base.get("date")]
            chosen = rng.sample(pool, k)
            slots = sorted(rng.sample(range(2, len(ps)), k)) if len(ps) - 2 >= k else [len(ps) - 1] * k
            inserts = dict(zip(slots, chosen, strict=True))
            pieces: list[tuple[str, bool]] = []
            for i, p in enumerate(ps):
                if i in inserts:
                    dps = donors[inserts[i]][1]
                    j = rng.randrange(len(dps))
                    for q in dps[j : j + (2 if rng.random() < 0.3 and j + 1 < len(dps) else 1)]:
                        pieces.append((q, True))
                pieces.append((p, False))
            text, spans = "", []
            for i, (p, lab) in enumerate(pieces):
                if i:
                    text += "\n\n"
                if lab:
                    spans.append((len(text), len(text) + len(p)))
                text += p
            cases.append({"id": base["id"], "text": text, "spans": spans})
        if len(cases) >= n:
            break
    return cases


def featurize(
    cases: list[dict[str, Any]], embeddings: bool
) -> list[tuple[str, list[dict[str, float]], list[int]]]:
    settings = Settings()
    nlp = load_spacy(settings.nlp.model)
    embedder = load_embedder() if embeddings else None
    out = []
    for case, doc in zip(cases, nlp.pipe(c["text"] for c in cases), strict=True):
        seg = prepare(case["text"], doc)
        taken = [(f.span.start, f.span.end) for f in find_regions(seg, None, settings.flags)]
        paras = coherence.paragraphs(seg, taken)
        coherence.features(paras, None, embedder)
        labels = [int(any(a < p.line.end and p.line.start < b for a, b in case["spans"])) for p in paras]
        out.append((case["id"], [p.feats for p in paras[1:]], labels[1:]))
    return out


def evaluate(rows: list[tuple[str, np.ndarray, np.ndarray]], model: Any, thresholds: list[float]) -> None:
    for t in thresholds:
        tp = fp = fn = caught = n_ins = ctl = ctl_fa = 0
        for _, x, y in rows:
            pred = model.predict_proba(x)[:, 1] >= t if len(x) else np.zeros(0, bool)
            tp += int((pred & (y == 1)).sum())
            fp += int((pred & (y == 0)).sum())
            fn += int((~pred & (y == 1)).sum())
            if y.any():
                n_ins += 1
                caught += int((pred & (y == 1)).any())
            else:
                ctl += 1
                ctl_fa += int(pred.any())
        p = tp / max(1, tp + fp)
        r = tp / max(1, tp + fn)
        f1 = 2 * p * r / max(1e-9, p + r)
        print(
            f"  t={t:.2f} para P {p:.3f} R {r:.3f} F1 {f1:.3f} caught {caught}/{n_ins} "
            f"controls {ctl_fa}/{ctl}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--cases", type=int, default=700)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--cache", type=Path, default=None, help="features JSON cache")
    ap.add_argument(
        "--measure", type=Path, default=None, help="also score these insert cases (never fitted on)"
    )
    args = ap.parse_args()
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]  # benchmark-only

    if args.cache and args.cache.exists():
        feats = json.loads(args.cache.read_text())
    else:
        rows = [json.loads(line) for line in args.corpus.open() if line.strip()]
        cases = build_cases(rows, args.cases, args.seed)
        feats = {"emb": featurize(cases, True)}
        if args.cache:
            args.cache.write_text(json.dumps(feats))
    measure = None
    if args.measure:
        mcache = args.measure.with_suffix(".feats.json") if args.cache else None
        if mcache and Path("/tmp", mcache.name).exists():
            measure = json.loads(Path("/tmp", mcache.name).read_text())
        else:
            rows = [json.loads(line) for line in args.measure.open() if line.strip()]
            mcases = [
                {"id": r["case_id"], "text": r["text"], "spans": [(s["start"], s["end"]) for s in r["spans"]]}
                for r in rows
            ]
            measure = featurize(mcases, True)
            if mcache:
                Path("/tmp", mcache.name).write_text(json.dumps(measure))
    for name, keep in (("W_EMB", None), ("W_LEX", ("sim", "soft"))):
        data = feats["emb"]
        keys = sorted({k for _, fs, _ in data for f in fs for k in f if not (keep and k.startswith(keep))})
        mats = [
            (
                cid,
                np.array([[f.get(k, 0.0) for k in keys] for f in fs]).reshape(len(fs), len(keys)),
                np.array(ys),
            )
            for cid, fs, ys in data
        ]
        cut = int(0.7 * len(mats))
        fit, held = mats[:cut], mats[cut:]
        x = np.vstack([m for _, m, _ in fit])
        y = np.concatenate([t for _, _, t in fit])
        model = LogisticRegression(C=1.0, max_iter=2000, class_weight={0: 1.0, 1: 2.0}).fit(x, y)
        weights = {"bias": round(float(model.intercept_[0]), 3)}
        weights |= {k: round(float(w), 3) for k, w in zip(keys, model.coef_[0], strict=True)}
        print(f"{name} = {weights}")
        print(f" held-out ({len(held)} cases):")
        evaluate(held, model, [0.3, 0.4, 0.5, 0.6, 0.7, 0.8])
        if measure is not None:
            print(f" measured on {args.measure} (not fitted on):")
            rows_m = [
                (
                    cid,
                    np.array([[f.get(k, 0.0) for k in keys] for f in fs]).reshape(len(fs), len(keys)),
                    np.array(ys),
                )
                for cid, fs, ys in measure
            ]
            evaluate(rows_m, model, [0.3, 0.4, 0.5, 0.6, 0.7, 0.8])


if __name__ == "__main__":
    main()
