"""Stories and quote groups: accuracy through the CLI, and incremental clustering throughput at scale.

Accuracy (``../shared/data/stories``; see its README): ingest dev.jsonl into a fresh store, run
``wiretrace stories`` and ``wiretrace quote-groups`` as a user would, score both with the set's
score.py. The TF-IDF single-link baseline of the README (cosine >= 0.24) is scored in the same run
on the same stored texts, so the comparison does not depend on the machine or the data copy.

    .venv/bin/python benchmarks/stories.py accuracy --data ../shared/data/stories [--db /tmp/dev.db]

Throughput: articles/s added one at a time to a clusterer that already holds N stored articles,
measured on a large corpus (``../shared/data/reuse/make_scale.py`` output; never committed). The
articles carry only their text (no spaCy analysis: that cost is the pipeline's and is measured in
benchmarks/speed.py), so the figure is the clustering alone, embeddings included. The rate of the
first window (a nearly empty corpus) is measured in the same run as the reference.

    .venv/bin/python benchmarks/stories.py speed --corpus /tmp/scale.jsonl --n 100000 --window 1000
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from wiretrace.model import Analysis, Article


def _run(cmd: list[str], out: Path | None = None) -> None:
    with out.open("w") if out else open("/dev/null", "w") as f:
        subprocess.run(cmd, check=True, stdout=f)


def _score(score_py: Path, *args: str) -> dict[str, float]:
    res = subprocess.run(
        [sys.executable, str(score_py), *args, "--json"], check=True, capture_output=True, text=True
    )
    out: dict[str, float] = json.loads(res.stdout)
    return out


def _tfidf_single_link(texts: dict[str, str], threshold: float = 0.24) -> dict[str, str]:
    """The README's baseline: TF-IDF cosine (English stop words, sublinear tf), single link: connected
    components above the threshold (reproduces its 0.891 on dev)."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]

    ids = sorted(texts)
    m = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform([texts[i] for i in ids])
    sim = (m @ m.T).toarray()
    parent = list(range(len(ids)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(ids)):
        for j in range(i + 1, len(ids)):
            if sim[i, j] >= threshold:
                parent[find(j)] = find(i)
    return {ids[i]: ids[find(i)] for i in range(len(ids))}


def accuracy(data: Path, db: Path | None) -> None:
    wt = str(Path(sys.executable).with_name("wiretrace"))
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        store = db or tmpd / "dev.db"
        t0 = time.perf_counter()
        if db is None or not db.exists():
            _run([wt, "ingest", str(data / "dev.jsonl"), "--db", str(store)])
        t1 = time.perf_counter()
        stories, quotes = tmpd / "stories.jsonl", tmpd / "quotes.jsonl"
        _run([wt, "stories", "--db", str(store), "--format", "jsonl"], stories)
        t2 = time.perf_counter()
        _run([wt, "quote-groups", "--db", str(store), "--format", "jsonl"], quotes)
        t3 = time.perf_counter()
        score_py = data / "score.py"
        s = _score(score_py, str(data / "dev.jsonl"), str(stories))
        q = _score(score_py, "--quotes", str(data / "quote_groups.dev.jsonl"), str(quotes))
        texts = {r["id"]: r["text"] for r in map(json.loads, (data / "dev.jsonl").open())}
        base = tmpd / "baseline.jsonl"
        base.write_text(
            "".join(json.dumps({"id": k, "story": v}) + "\n" for k, v in _tfidf_single_link(texts).items())
        )
        b = _score(score_py, str(data / "dev.jsonl"), str(base))
    print(f"ingest {t1 - t0:.1f}s   stories {t2 - t1:.1f}s   quote-groups {t3 - t2:.1f}s")
    print(
        f"stories       BCubed P {s['bcubed_p']:.3f} R {s['bcubed_r']:.3f} F1 {s['bcubed_f1']:.3f}   "
        f"pairwise F1 {s['pair_f1']:.3f}   ARI {s['ari']:.3f}   "
        f"clusters {s['n_pred_clusters']:.0f}/{s['n_gold_clusters']:.0f}"
    )
    print(
        f"baseline      BCubed P {b['bcubed_p']:.3f} R {b['bcubed_r']:.3f} F1 {b['bcubed_f1']:.3f} "
        "(TF-IDF single link 0.24)"
    )
    print(
        f"quote groups  pairwise P {q['pair_p']:.3f} R {q['pair_r']:.3f} F1 {q['pair_f1']:.3f}   "
        f"member recall {q['member_recall']:.3f}   groups {q['pred_groups']:.0f}/{q['gold_groups']:.0f}"
    )


def _articles(path: Path, n: int) -> Iterator[Analysis]:
    from wiretrace.extract import parse_date

    with path.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= n:
                return
            r = json.loads(line)
            published = parse_date(r.get("published") or r.get("date"))
            yield Analysis(
                article=Article(id=r["id"], text=r["text"], title=r.get("title"), published=published)
            )


def speed(corpus: Path, n: int, window: int, embed: bool) -> None:
    from wiretrace.nlp import load_embedder
    from wiretrace.stories.cluster import StoryClusterer
    from wiretrace.stories.features import features_many

    embedder = load_embedder() if embed else None
    clusterer = StoryClusterer()
    batch: list[Analysis] = []
    marks = {window, *range(10 * window, n + 1, 10 * window), n}
    t_feat = t_add = 0.0
    done = 0
    print(
        f"{'stored':>8} {'art/s (window)':>15} {'features s':>11} {'cluster s':>10} "
        f"{'stories':>8} {'RSS MB':>7}"
    )
    for a in _articles(corpus, n):
        batch.append(a)
        if len(batch) < window:
            continue
        t0 = time.perf_counter()
        feats = features_many(batch, embedder)
        t1 = time.perf_counter()
        for f in feats:
            clusterer.add(f)
        t2 = time.perf_counter()
        t_feat, t_add = t1 - t0, t2 - t1
        done += len(batch)
        batch = []
        if done in marks or any(done < m <= done + window for m in marks):
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            stories = len(clusterer.stories)
            rate = window / (t_feat + t_add)
            print(f"{done:>8} {rate:>15.0f} {t_feat:>11.2f} {t_add:>10.2f} {stories:>8} {rss:>7.0f}")
    sizes = Counter(len(s.members) for s in clusterer.stories)
    multi = sum(c for k, c in sizes.items() if k > 1)
    print(f"{len(clusterer)} articles, {len(clusterer.stories)} stories ({multi} with 2+ articles)")
    mean = len(clusterer) / max(1, len(clusterer.stories))
    print(f"largest story: {max(sizes) if sizes else 0} articles; mean story size {mean:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    acc = sub.add_parser("accuracy")
    acc.add_argument("--data", type=Path, default=Path("../shared/data/stories"))
    acc.add_argument("--db", type=Path, default=None, help="reuse a store that already holds dev.jsonl")
    sp = sub.add_parser("speed")
    sp.add_argument("--corpus", type=Path, required=True)
    sp.add_argument("--n", type=int, default=100_000)
    sp.add_argument("--window", type=int, default=1000)
    sp.add_argument("--no-embed", action="store_true")
    a = ap.parse_args()
    if a.cmd == "accuracy":
        if not (a.data / "dev.jsonl").exists():
            sys.exit(f"{a.data}/dev.jsonl not found: the stories data set is not available here")
        accuracy(a.data, a.db)
    else:
        speed(a.corpus, a.n, a.window, not a.no_embed)


if __name__ == "__main__":
    main()
