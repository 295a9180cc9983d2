"""The inverted index in numpy arrays: token hash -> sentences, built from stored fingerprints.

A ``Postings`` is never changed once an index hands it out: ``extended`` returns a new one, so a trace
running on one thread keeps a consistent snapshot while another thread refreshes the index. The arrays
are plain numpy arrays built in one pass per refresh, so they can later be written to disk and
memory-mapped instead of rebuilt in every process.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable

import numpy as np

from wiretrace.corpus.types import FingerprintRow
from wiretrace.reuse.fingerprint import Fingerprint


class Postings:
    """Inverted index in numpy arrays: sorted unique hashes, offsets into sentence ids, sentence tables."""

    def __init__(self) -> None:
        self.last_doc = 0
        self.docs: list[int] = []  # store doc numbers, by position
        self.ids: list[str] = []
        self.published: list[dt.date | None] = []
        self.sent_doc = np.zeros(0, dtype=np.int32)  # position in docs, per global sentence
        self.sent_local = np.zeros(0, dtype=np.int32)  # sentence number within its article
        self.sent_span = np.zeros((0, 2), dtype=np.int32)
        self.keys = np.zeros(0, dtype=np.uint32)
        self.starts = np.zeros(1, dtype=np.int64)
        self.post = np.zeros(0, dtype=np.int32)
        self._raw_hash = np.zeros(0, dtype=np.uint32)
        self._raw_sent = np.zeros(0, dtype=np.int32)
        self.position: dict[int, int] = {}  # store doc number -> position
        self.doc_first = np.zeros(1, dtype=np.int64)  # global number of each article's first sentence

    @property
    def n_sentences(self) -> int:
        return int(self.sent_doc.shape[0])

    def extend(self, rows: Iterable[FingerprintRow]) -> int:
        """Add fingerprints (doc numbers ascending) and rebuild the sorted arrays; returns how many.

        The blobs are sliced and joined as bytes and parsed by numpy once, not article by article:
        building the index for 100k articles is then a second or two, mostly the sort.
        """
        span_parts: list[bytes] = []
        offset_parts: list[bytes] = []
        hash_parts: list[bytes] = []
        counts: list[int] = []
        for row in rows:
            n, _m, (a, b, c, e) = Fingerprint.layout(row.fingerprint)
            blob = row.fingerprint
            span_parts.append(blob[a:b])
            offset_parts.append(blob[b:c])
            hash_parts.append(blob[c:e])
            counts.append(n)
            self.position[row.doc] = len(self.docs)
            self.docs.append(row.doc)
            self.ids.append(row.id)
            self.published.append(row.published)
            self.last_doc = max(self.last_doc, row.doc)
        if not counts:
            return 0
        n_per_doc = np.asarray(counts, dtype=np.int64)
        self.doc_first = np.concatenate([self.doc_first, self.doc_first[-1] + np.cumsum(n_per_doc)])
        offsets = np.frombuffer(b"".join(offset_parts), dtype="<i4").astype(np.int64)
        # Sentence sizes: differences of offsets within each article (drop the step across articles).
        steps = np.diff(offsets)
        boundaries = np.cumsum(n_per_doc + 1)[:-1] - 1
        sizes = np.delete(steps, boundaries)
        base_doc = len(self.docs) - len(counts)
        base_sent = self.n_sentences
        total = int(n_per_doc.sum())
        firsts = np.repeat(np.cumsum(n_per_doc) - n_per_doc, n_per_doc)
        self.sent_doc = np.concatenate(
            [self.sent_doc, np.repeat(np.arange(base_doc, base_doc + len(counts), dtype=np.int32), n_per_doc)]
        )
        self.sent_local = np.concatenate(
            [self.sent_local, (np.arange(total, dtype=np.int64) - firsts).astype(np.int32)]
        )
        spans = np.frombuffer(b"".join(span_parts), dtype="<i4").reshape(-1, 2).astype(np.int32)
        self.sent_span = np.concatenate([self.sent_span, spans])
        hashes = np.frombuffer(b"".join(hash_parts), dtype="<u4").astype(np.uint32)
        sents = np.repeat(np.arange(base_sent, base_sent + total, dtype=np.int32), sizes)
        self._raw_hash = np.concatenate([self._raw_hash, hashes])
        self._raw_sent = np.concatenate([self._raw_sent, sents])
        order = np.argsort(self._raw_hash, kind="stable")
        sorted_hash = self._raw_hash[order]
        self.post = self._raw_sent[order]
        self.keys, key_counts = np.unique(sorted_hash, return_counts=True)
        self.starts = np.zeros(self.keys.shape[0] + 1, dtype=np.int64)
        np.cumsum(key_counts, out=self.starts[1:])
        return len(counts)

    def extended(self, rows: Iterable[FingerprintRow]) -> Postings:
        """A new Postings with ``rows`` added; this one is left as it was (readers may hold it)."""
        new = copy.copy(self)
        new.docs, new.ids, new.published = list(self.docs), list(self.ids), list(self.published)
        new.position = dict(self.position)
        new.extend(rows)
        return new

    def nbytes(self) -> int:
        arrays = (
            self.sent_doc,
            self.sent_local,
            self.sent_span,
            self.keys,
            self.starts,
            self.post,
            self._raw_hash,
            self._raw_sent,
        )
        return sum(a.nbytes for a in arrays)
