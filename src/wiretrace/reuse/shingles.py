"""The indexed units: sentences, each keyed by the set of its content-token hashes (1-shingles).

Why unigram sets and not word 5-shingles: a spun sentence ("said" -> "stated", "U.S." -> "USA") loses
every 5-shingle that touches a changed word, so one substitution every five words leaves nothing to
match. A set of content tokens keeps most of its rare words (names, numbers, places) through spinning,
rewording and clause drops; IDF weighting at query time makes the rare ones decide, and the aligner
then checks order and extent. Sentences (not fixed windows) are the unit because reused passages are
whole sentences or fragments of them, and a sentence-sized unit keeps postings few.
"""

from __future__ import annotations

from wiretrace.reuse.normalize import Normalizer, Span, split_sentences


def sentence_shingles(text: str, normalizer: Normalizer) -> tuple[list[Span], list[set[int]]]:
    """Sentence spans of ``text`` and the content-token hash set of each (empty sets are kept)."""
    spans = split_sentences(text)
    features = normalizer.features
    return spans, [features(text[s:e]) for s, e in spans]
