"""An article's fingerprint: sentence spans and per-sentence token-hash sets, immutable, as bytes.

Stored beside the article in the store (one blob per article) so the index can be rebuilt without
re-reading or re-tokenising any text. Layout (little-endian): magic ``WTF1``, sentence count, feature
count, then ``int32[n, 2]`` sentence spans, ``int32[n + 1]`` feature offsets and ``uint32[m]`` hashes
(ascending within each sentence, so equal texts give equal bytes).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from wiretrace.reuse.normalize import Normalizer
from wiretrace.reuse.shingles import sentence_shingles

_MAGIC = b"WTF1"
_HEADER = struct.Struct("<4sII")


@dataclass(frozen=True, slots=True, eq=False)
class Fingerprint:
    """``spans[i]`` is sentence i's ``(start, end)``; its hashes are ``hashes[offsets[i]:offsets[i+1]]``."""

    spans: npt.NDArray[np.int32]
    offsets: npt.NDArray[np.int32]
    hashes: npt.NDArray[np.uint32]

    @classmethod
    def of(cls, text: str, normalizer: Normalizer) -> Fingerprint:
        spans, feats = sentence_shingles(text, normalizer)
        sizes = [len(f) for f in feats]
        offsets = np.zeros(len(spans) + 1, dtype=np.int32)
        np.cumsum(sizes, out=offsets[1:])
        # Each sentence's hashes ascending, so the bytes depend on the text alone, not on set order.
        hashes = np.fromiter((h for f in feats for h in sorted(f)), dtype=np.uint32, count=int(offsets[-1]))
        arr = np.asarray(spans, dtype=np.int32).reshape(len(spans), 2)
        return cls(spans=arr, offsets=offsets, hashes=hashes)

    @property
    def n_sentences(self) -> int:
        return int(self.spans.shape[0])

    def sentence_of(self, hash_index: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Sentence number of each position in ``hashes``."""
        return np.searchsorted(self.offsets, hash_index, side="right").astype(np.int64) - 1

    def to_bytes(self) -> bytes:
        head = _HEADER.pack(_MAGIC, self.n_sentences, int(self.hashes.shape[0]))
        return b"".join(
            (
                head,
                self.spans.astype("<i4").tobytes(),
                self.offsets.astype("<i4").tobytes(),
                self.hashes.astype("<u4").tobytes(),
            )
        )

    @staticmethod
    def layout(data: bytes) -> tuple[int, int, tuple[int, int, int, int]]:
        """Sentence count, hash count, and where the spans, offsets and hashes start and end in ``data``."""
        magic, n, m = _HEADER.unpack_from(data)
        if magic != _MAGIC:
            raise ValueError("not a wiretrace fingerprint (bad magic)")
        a = _HEADER.size
        b = a + 8 * n
        c = b + 4 * (n + 1)
        return n, m, (a, b, c, c + 4 * m)

    @classmethod
    def from_bytes(cls, data: bytes) -> Fingerprint:
        magic, n, m = _HEADER.unpack_from(data)
        if magic != _MAGIC:
            raise ValueError("not a wiretrace fingerprint (bad magic)")
        pos = _HEADER.size
        spans = np.frombuffer(data, dtype="<i4", count=2 * n, offset=pos).reshape(n, 2)
        pos += 8 * n
        offsets = np.frombuffer(data, dtype="<i4", count=n + 1, offset=pos)
        pos += 4 * (n + 1)
        hashes = np.frombuffer(data, dtype="<u4", count=m, offset=pos)
        return cls(
            spans=spans.astype(np.int32), offsets=offsets.astype(np.int32), hashes=hashes.astype(np.uint32)
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Fingerprint):
            return NotImplemented
        return (
            np.array_equal(self.spans, other.spans)
            and np.array_equal(self.offsets, other.offsets)
            and np.array_equal(self.hashes, other.hashes)
        )

    __hash__ = None  # type: ignore[assignment]
