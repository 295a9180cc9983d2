"""The inverted index in numpy arrays: token hash -> sentences, built from stored fingerprints.

A ``Postings`` has sentence tables (which article each global sentence belongs to, its number inside the
article and its character span) and one or two ``Inverted`` segments (sorted unique hashes, offsets,
sentence numbers). The first segment is usually memory-mapped from a snapshot on disk
(``reuse/snapshot.py``); articles stored after the snapshot are read from the store into a small second
segment, so opening an index costs no rebuild and an open index still sees what other processes add.

A ``Postings`` is never changed once an index hands it out: ``extended`` returns a new one, so a trace
running on one thread keeps a consistent snapshot while another thread refreshes the index.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np
import numpy.typing as npt

from wiretrace.corpus.types import FingerprintRow
from wiretrace.reuse.fingerprint import Fingerprint

_CHUNK = 20_000  # fingerprints parsed per numpy call while building

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
U32 = npt.NDArray[np.uint32]


@dataclass(frozen=True, slots=True)
class Inverted:
    """Sorted unique ``keys``; the sentences holding ``keys[i]`` are ``post[starts[i]:starts[i + 1]]``."""

    keys: U32
    starts: I64
    post: I32

    @classmethod
    def empty(cls) -> Inverted:
        return cls(np.zeros(0, np.uint32), np.zeros(1, np.int64), np.zeros(0, np.int32))

    @classmethod
    def from_pairs(cls, hashes: U32, sents: I32) -> Inverted:
        """From one (hash, sentence) pair per entry, sentences ascending within each hash."""
        return cls.from_owned_pairs([hashes, sents])

    @classmethod
    def from_owned_pairs(cls, pairs: list[npt.NDArray[np.integer]]) -> Inverted:
        """``from_pairs`` taking ``[hashes, sents]`` over: the list is emptied, so once packed the two
        arrays are freed unless the caller kept other references (building 1M articles peaks lower).

        Hash and sentence are packed into one uint64 and sorted in place: half the memory of an argsort
        (no index array), and the order inside a hash is the sentence order.
        """
        hashes, sents = pairs
        pairs.clear()
        packed = hashes.astype(np.uint64)
        packed <<= np.uint64(32)
        np.bitwise_or(packed, np.ascontiguousarray(sents, np.int32).view(np.uint32), out=packed)
        del hashes, sents
        packed.sort()
        post = packed.astype(np.uint32).view(np.int32)  # the low 32 bits: no uint64 temporary
        packed >>= np.uint64(32)
        all_keys = packed.astype(np.uint32)
        del packed
        if all_keys.shape[0] == 0:
            return cls.empty()
        change = np.flatnonzero(all_keys[1:] != all_keys[:-1]) + 1
        keys = all_keys[np.concatenate(([0], change))]
        starts = np.concatenate(([0], change, [all_keys.shape[0]])).astype(np.int64)
        return cls(keys, starts, post)

    def pairs(self) -> tuple[U32, I32]:
        """The (hash, sentence) pairs back, for a merge."""
        return np.repeat(self.keys, np.diff(self.starts)), np.asarray(self.post)

    def find(self, h: U32) -> tuple[I64, npt.NDArray[np.bool_]]:
        """Position of each hash in ``keys`` and whether it is there."""
        n = self.keys.shape[0]
        if n == 0:
            return np.zeros(h.shape[0], np.int64), np.zeros(h.shape[0], np.bool_)
        pos = np.searchsorted(self.keys, h).astype(np.int64)
        pos[pos >= n] = 0
        return pos, self.keys[pos] == h

    def nbytes(self) -> int:
        return int(self.keys.nbytes + self.starts.nbytes + self.post.nbytes)


class IdTable(Sequence[str]):
    """Article ids by position, as UTF-8 bytes plus offsets (memory-mappable; decoded on access)."""

    def __init__(self, data: npt.NDArray[np.uint8], offsets: I64) -> None:
        self.data = data
        self.offsets = offsets

    @classmethod
    def of(cls, ids: Iterable[str]) -> IdTable:
        encoded = [i.encode("utf-8") for i in ids]
        offsets = np.zeros(len(encoded) + 1, np.int64)
        np.cumsum([len(e) for e in encoded], out=offsets[1:])
        return cls(np.frombuffer(b"".join(encoded), np.uint8).copy(), offsets)

    def __len__(self) -> int:
        return int(self.offsets.shape[0]) - 1

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[str]: ...

    def __getitem__(self, i: int | slice) -> str | Sequence[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return bytes(self.data[int(self.offsets[i]) : int(self.offsets[i + 1])]).decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(len(self)))

    def joined(self, more: Sequence[str]) -> IdTable:
        if not more:
            return self
        extra = IdTable.of(more)
        return IdTable(
            np.concatenate([self.data, extra.data]),
            np.concatenate([self.offsets, self.offsets[-1] + extra.offsets[1:]]),
        )


@dataclass(frozen=True, slots=True)
class Tables:
    """Per article and per global sentence: what a trace reads besides the inverted index."""

    docs: I64  # store doc number, by position (ascending)
    ids: IdTable
    doc_first: I64  # global number of each article's first sentence, plus the total at the end
    sent_doc: I32  # position of its article, per global sentence
    sent_local: I32  # sentence number within its article
    sent_span: I32  # (start, end) characters, per global sentence

    @classmethod
    def empty(cls) -> Tables:
        z = np.zeros(0, np.int32)
        return cls(
            np.zeros(0, np.int64), IdTable.of([]), np.zeros(1, np.int64), z, z, np.zeros((0, 2), np.int32)
        )

    def nbytes(self) -> int:
        arrays = (self.docs, self.doc_first, self.sent_doc, self.sent_local, self.sent_span)
        return int(sum(a.nbytes for a in arrays) + self.ids.data.nbytes + self.ids.offsets.nbytes)


class Postings:
    """Sentence tables plus inverted segments (see the module docstring); immutable once handed out."""

    def __init__(
        self,
        tables: Tables | None = None,
        segments: tuple[Inverted, ...] = (),
        *,
        last_doc: int = 0,
        base_docs: int = 0,
        delta: tuple[U32, I32] | None = None,
    ) -> None:
        self.tables = tables or Tables.empty()
        self.segments = segments
        self.last_doc = last_doc
        self.base_docs = base_docs  # articles in the first (snapshot) segment; the rest are the delta
        self._delta = delta  # the delta segment's (hash, sentence) pairs, to extend it again

    # What traces read: plain arrays and sequences by position / global sentence number.
    @property
    def docs(self) -> I64:
        return self.tables.docs

    @property
    def ids(self) -> IdTable:
        return self.tables.ids

    @property
    def doc_first(self) -> I64:
        return self.tables.doc_first

    @property
    def sent_doc(self) -> I32:
        return self.tables.sent_doc

    @property
    def sent_local(self) -> I32:
        return self.tables.sent_local

    @property
    def sent_span(self) -> I32:
        return self.tables.sent_span

    @property
    def n_sentences(self) -> int:
        return int(self.tables.sent_doc.shape[0])

    @property
    def n_docs(self) -> int:
        return int(self.tables.docs.shape[0])

    @property
    def delta_docs(self) -> int:
        return self.n_docs - self.base_docs

    def position_of(self, doc: int) -> int | None:
        """Position of a store doc number, if it is indexed."""
        i = int(np.searchsorted(self.tables.docs, doc))
        return i if i < self.n_docs and int(self.tables.docs[i]) == doc else None

    def frequencies(self, h: U32) -> I64:
        """Sentence frequency of each hash, over every segment."""
        df = np.zeros(h.shape[0], np.int64)
        for seg in self.segments:
            pos, found = seg.find(h)
            df += np.where(found, seg.starts[pos + 1] - seg.starts[pos], 0)
        return df

    def sentences(self, h: U32, weights: npt.NDArray[np.float64]) -> tuple[I32, npt.NDArray[np.float64]]:
        """Every sentence holding each hash, with that hash's weight repeated alongside."""
        sent_parts: list[I32] = []
        weight_parts: list[npt.NDArray[np.float64]] = []
        for seg in self.segments:
            pos, found = seg.find(h)
            hit = np.flatnonzero(found)
            if hit.size == 0:
                continue
            sent_parts.extend(seg.post[seg.starts[pos[i]] : seg.starts[pos[i] + 1]] for i in hit)
            weight_parts.append(np.repeat(weights[hit], seg.starts[pos[hit] + 1] - seg.starts[pos[hit]]))
        if not sent_parts:
            return np.zeros(0, np.int32), np.zeros(0, np.float64)
        return np.concatenate(sent_parts), np.concatenate(weight_parts)

    def scores_of(self, h: U32, weights: npt.NDArray[np.float64], sents: I32) -> npt.NDArray[np.float64]:
        """For each of ``sents`` (ascending, unique), the summed weight of the hashes it holds.

        Each list is only searched for ``sents`` (``_meet``), not read whole. The weights are added per
        sentence in the order ``sentences`` lists them (segment, then hash), as ``np.bincount`` over
        that list adds them, so the sums are bit-identical to scoring the full lists.
        """
        score = np.zeros(sents.shape[0], np.float64)
        for seg in self.segments:
            pos, found = seg.find(h)
            for i in np.flatnonzero(found):
                met = _meet(seg.post[seg.starts[pos[i]] : seg.starts[pos[i] + 1]], sents)
                score[np.searchsorted(sents, met)] += weights[i]
        return score

    @classmethod
    def build(cls, rows: Iterable[FingerprintRow]) -> Postings:
        """Everything from the store's fingerprints (doc numbers ascending), in one segment."""
        tables, hashes, sents, last = _parse(rows, Tables.empty(), 0)
        pairs = [hashes, sents]
        del hashes, sents
        seg = Inverted.from_owned_pairs(pairs)
        return cls(tables, (seg,), last_doc=last, base_docs=int(tables.docs.shape[0]))

    def extended(self, rows: Iterable[FingerprintRow]) -> Postings:
        """A new Postings with ``rows`` (docs above ``last_doc``) in the delta segment; this one is kept."""
        tables, hashes, sents, last = _parse(rows, self.tables, self.last_doc)
        if tables is self.tables:
            return self
        if self._delta is not None:
            hashes = np.concatenate([self._delta[0], hashes])
            sents = np.concatenate([self._delta[1], sents])
        base = self.segments[:1] if self.base_docs else ()
        delta = Inverted.from_pairs(hashes, sents)
        return Postings(
            tables, (*base, delta), last_doc=last, base_docs=self.base_docs, delta=(hashes, sents)
        )

    def merged(self) -> Postings:
        """One segment holding everything (to write a new snapshot)."""
        if len(self.segments) <= 1:
            return Postings(self.tables, self.segments, last_doc=self.last_doc, base_docs=self.n_docs)
        parts = [seg.pairs() for seg in self.segments]
        pairs = [np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])]
        del parts
        seg = Inverted.from_owned_pairs(pairs)
        return Postings(self.tables, (seg,), last_doc=self.last_doc, base_docs=self.n_docs)

    def nbytes(self) -> int:
        return self.tables.nbytes() + sum(s.nbytes() for s in self.segments)


def _meet(sorted_list: I32, wanted: I32) -> I32:
    """The entries of ``sorted_list`` that are in ``wanted`` (both ascending), in list order.

    The shorter array is searched into the longer one, so a long memory-mapped list is touched only at
    the pages the binary searches land on.
    """
    if sorted_list.shape[0] == 0 or wanted.shape[0] == 0:
        return np.zeros(0, np.int32)
    if wanted.shape[0] <= sorted_list.shape[0]:
        j = np.searchsorted(sorted_list, wanted)
        j[j >= sorted_list.shape[0]] = 0
        return np.asarray(wanted[sorted_list[j] == wanted], np.int32)
    j = np.searchsorted(wanted, sorted_list)
    j[j >= wanted.shape[0]] = 0
    return np.asarray(sorted_list[wanted[j] == sorted_list], np.int32)


def _parse(rows: Iterable[FingerprintRow], tables: Tables, last_doc: int) -> tuple[Tables, U32, I32, int]:
    """``tables`` extended with ``rows``, and the new (hash, global sentence) pairs.

    The blobs are sliced and joined as bytes and parsed by numpy a chunk at a time, not article by
    article: building the index for 100k articles is then a second or two, mostly the sort.
    """
    docs: list[int] = []
    ids: list[str] = []
    counts: list[int] = []
    spans: list[I32] = []
    offsets: list[I64] = []
    hashes: list[U32] = []
    chunk: list[bytes] = []

    def flush() -> None:
        if not chunk:
            return
        lay = [Fingerprint.layout(b) for b in chunk]
        spans.append(
            np.frombuffer(
                b"".join(b[a:s] for b, (_, _, (a, s, _, _)) in zip(chunk, lay, strict=True)), "<i4"
            ).astype(np.int32)
        )
        offsets.append(
            np.frombuffer(
                b"".join(b[s:c] for b, (_, _, (_, s, c, _)) in zip(chunk, lay, strict=True)), "<i4"
            ).astype(np.int64)
        )
        hashes.append(
            np.frombuffer(
                b"".join(b[c:e] for b, (_, _, (_, _, c, e)) in zip(chunk, lay, strict=True)), "<u4"
            ).astype(np.uint32)
        )
        counts.extend(n for n, _, _ in lay)
        chunk.clear()

    for row in rows:
        chunk.append(row.fingerprint)
        docs.append(row.doc)
        ids.append(row.id)
        last_doc = max(last_doc, row.doc)
        if len(chunk) >= _CHUNK:
            flush()
    flush()
    if not docs:
        return tables, np.zeros(0, np.uint32), np.zeros(0, np.int32), last_doc
    n_per_doc = np.asarray(counts, dtype=np.int64)
    all_offsets = np.concatenate(offsets)
    # Sentence sizes: differences of offsets within each article (drop the step across articles).
    steps = np.diff(all_offsets)
    boundaries = np.cumsum(n_per_doc + 1)[:-1] - 1
    sizes = np.delete(steps, boundaries)
    base_doc = int(tables.docs.shape[0])
    base_sent = int(tables.sent_doc.shape[0])
    total = int(n_per_doc.sum())
    firsts = np.repeat(np.cumsum(n_per_doc) - n_per_doc, n_per_doc)
    new = Tables(
        docs=np.concatenate([tables.docs, np.asarray(docs, np.int64)]),
        ids=tables.ids.joined(ids),
        doc_first=np.concatenate([tables.doc_first, tables.doc_first[-1] + np.cumsum(n_per_doc)]),
        sent_doc=np.concatenate(
            [tables.sent_doc, np.repeat(np.arange(base_doc, base_doc + len(docs), dtype=np.int32), n_per_doc)]
        ),
        sent_local=np.concatenate(
            [tables.sent_local, (np.arange(total, dtype=np.int64) - firsts).astype(np.int32)]
        ),
        sent_span=np.concatenate([tables.sent_span, np.concatenate(spans).reshape(-1, 2)]),
    )
    all_hashes = np.concatenate(hashes)
    hashes.clear()
    sents = np.repeat(np.arange(base_sent, base_sent + total, dtype=np.int32), sizes)
    return new, all_hashes, sents, last_doc
