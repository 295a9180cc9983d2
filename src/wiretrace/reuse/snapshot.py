"""Postings on disk: one directory of ``.npy`` arrays per snapshot, memory-mapped when opened.

A snapshot is named by what it was built from: the fingerprint version (which includes the
normaliser's), the store's identity (a random ``store_uid`` kept in the store's meta table), the
store's count of removed fingerprints and the last article number it covers. It is valid for a store
when the first three are equal and the last is not beyond the store's; articles stored after it are
read from the store into memory (``Postings.extended``).

Writes are atomic and safe with several processes: arrays go to a temporary directory that is renamed
into place, under an exclusive ``flock`` that also removes the snapshots the new one replaces. A reader
never needs the lock: a snapshot directory is complete once it has its name, and a reader that loses a
race with a cleanup (the directory vanished while it was loading) falls back to the store.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from wiretrace.reuse.postings import IdTable, Inverted, Postings, Tables

FORMAT = "wtp1"  # bump when the arrays below change
_ARRAYS = ("keys", "starts", "post", "docs", "doc_first", "sent_doc", "sent_local", "sent_span")
_IDS = ("id_bytes", "id_offsets")
_META = "snapshot.json"
_NAME = re.compile(r"(?P<tag>[0-9a-f]{16})-r(?P<removed>\d+)-d(?P<doc>\d+)")


@dataclass(frozen=True, slots=True)
class Key:
    """What a snapshot was built from (see the module docstring)."""

    version: str
    store_uid: str
    removed: int

    @property
    def tag(self) -> str:
        raw = f"{FORMAT}\0{self.version}\0{self.store_uid}".encode()
        return f"{hashlib.sha256(raw).hexdigest()[:16]}-r{self.removed}"

    def name(self, last_doc: int) -> str:
        return f"{self.tag}-d{last_doc}"


def location(store_url: str, store_uid: str, setting: str) -> Path | None:
    """Where a store's snapshots live: ``setting`` if given, else beside a SQLite file
    (``NAME.db.postings/``), else the user's cache directory (PostgreSQL). ``None`` for in-memory stores."""
    if setting:
        return Path(setting).expanduser() / store_uid
    if store_url.startswith("sqlite:///"):
        path = store_url[len("sqlite:///") :]
        if path == ":memory:" or not path:
            return None
        return Path(path).with_name(Path(path).name + ".postings")
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "wiretrace" / "postings" / store_uid


def find(directory: Path, key: Key, last_doc: int) -> Path | None:
    """The newest complete snapshot for ``key`` that covers no article beyond ``last_doc``."""
    best: tuple[int, Path] | None = None
    try:
        entries = list(directory.iterdir())
    except OSError:
        return None
    for entry in entries:
        m = _NAME.fullmatch(entry.name)
        if m is None or f"{m['tag']}-r{m['removed']}" != key.tag:
            continue
        covered = int(m["doc"])
        if covered <= last_doc and (best is None or covered > best[0]):
            best = (covered, entry)
    return best[1] if best else None


def load(path: Path, key: Key) -> Postings | None:
    """Memory-map a snapshot; ``None`` when it is missing, incomplete or not for ``key``."""
    try:
        meta = json.loads((path / _META).read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT or meta.get("key") != [key.version, key.store_uid, key.removed]:
            return None
        # Plain ndarray views of the maps: slicing an ``np.memmap`` costs a Python-level wrapper per slice
        # (a trace slices postings lists thousands of times); the view keeps the map open.
        a = {
            name: np.load(path / f"{name}.npy", mmap_mode="r").view(np.ndarray) for name in (*_ARRAYS, *_IDS)
        }
    except (OSError, ValueError):
        return None
    tables = Tables(
        docs=a["docs"],
        ids=IdTable(a["id_bytes"], a["id_offsets"]),
        doc_first=a["doc_first"],
        sent_doc=a["sent_doc"],
        sent_local=a["sent_local"],
        sent_span=a["sent_span"],
    )
    seg = Inverted(a["keys"], a["starts"], a["post"])
    return Postings(tables, (seg,), last_doc=int(meta["last_doc"]), base_docs=int(tables.docs.shape[0]))


def write(directory: Path, key: Key, postings: Postings) -> Path:
    """Write ``postings`` (one segment) as a snapshot, atomically; older snapshots of the store go."""
    assert len(postings.segments) <= 1, "merge the postings before writing them"
    seg = postings.segments[0] if postings.segments else Inverted.empty()
    t = postings.tables
    arrays: dict[str, Any] = {
        "keys": seg.keys,
        "starts": seg.starts,
        "post": seg.post,
        "docs": t.docs,
        "doc_first": t.doc_first,
        "sent_doc": t.sent_doc,
        "sent_local": t.sent_local,
        "sent_span": t.sent_span,
        "id_bytes": t.ids.data,
        "id_offsets": t.ids.offsets,
    }
    directory.mkdir(parents=True, exist_ok=True)
    final = directory / key.name(postings.last_doc)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=directory))
    try:
        for name, arr in arrays.items():
            np.save(tmp / f"{name}.npy", np.ascontiguousarray(arr))
        meta = {
            "format": FORMAT,
            "key": [key.version, key.store_uid, key.removed],
            "last_doc": postings.last_doc,
            "articles": postings.n_docs,
            "sentences": postings.n_sentences,
        }
        (tmp / _META).write_text(json.dumps(meta), encoding="utf-8")
        for f in tmp.iterdir():  # the data must be on disk before the name says it is complete
            with f.open("rb") as fh:
                os.fsync(fh.fileno())
        with _locked(directory):
            if final.exists():  # another process wrote the same snapshot: keep theirs
                shutil.rmtree(tmp, ignore_errors=True)
            else:
                os.rename(tmp, final)
            _prune(directory, key, final)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return final


def _prune(directory: Path, key: Key, keep: Path) -> None:
    """Remove this store's snapshots that ``keep`` makes useless: fewer removals counted, or covering no
    more articles (a process still reading one keeps its open mmaps: POSIX frees the files on close)."""
    mine = _NAME.fullmatch(keep.name)
    assert mine is not None
    for entry in directory.iterdir():
        m = _NAME.fullmatch(entry.name)
        if entry == keep or m is None or m["tag"] != mine["tag"]:
            continue  # temporary directories, and other versions' snapshots, are left alone
        removed, covered = int(m["removed"]), int(m["doc"])
        if removed < key.removed or (removed == key.removed and covered <= int(mine["doc"])):
            shutil.rmtree(entry, ignore_errors=True)


@contextmanager
def _locked(directory: Path) -> Iterator[None]:
    with (directory / ".lock").open("a") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
