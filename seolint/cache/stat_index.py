"""Files known unchanged from ``stat`` alone, as git's index knows them: no read, no hash.

For each checked file the cache records its size, modification time, change time and inode
beside its content key and findings (see seolint.cache.findings). When a later run's ``stat`` of the
file gives the same four numbers, they are used without reading the file or its cache entry.
The system sets a file's change time (ctime) on every write and rename, and no tool can set it
back, so a file written after its record never matches it.

A file changed less than two seconds before it is looked at is neither recorded nor looked up:
a write in the same clock tick as the check (file systems keep times to the second or two)
could otherwise leave all four numbers as they were.

The index is kept per folder of articles and cache fingerprint, in 256 shards by file name,
so that checking a few files of a folder of 100,000 reads a few small shards, not one large
index. A shard is read when the run first needs it and written whole at the end of the run.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from seolint.cache.sealed_files import CacheFolder, read_sealed, write_sealed

QUIET_NS = 2_000_000_000  # how long a file must have been left alone to be vouched for


def signature(path: str) -> str | None:
    """A file's size, times and inode as one string; None when it cannot be stat-ed or
    changed too lately."""
    now = time.time_ns()
    try:
        stat = os.stat(path)
    except OSError:
        return None
    if now - max(stat.st_mtime_ns, stat.st_ctime_ns) < QUIET_NS:
        return None
    return f"{stat.st_size} {stat.st_mtime_ns} {stat.st_ctime_ns} {stat.st_ino}"


class StatIndex:
    """The content keys of files as they were when last checked, by folder and fingerprint."""

    def __init__(self, folder: Path, root: CacheFolder) -> None:
        self.folder = folder  # where the index files go
        self.root = root  # the cache folder, created on the first write
        # A record is one string: the signature, the key and the findings as JSON (a few
        # hundred bytes a file).
        self._tables: dict[tuple[str, str, int], dict[str, str]] = {}
        self._changed: set[tuple[str, str, int]] = set()
        self._waiting: dict[str, tuple[tuple[str, str, int], str]] = {}
        self._recent: dict[str, None] = {}  # folders whose shards are loaded, oldest first

    def look(self, fingerprint: str, path: str, stamp: str) -> tuple[str | None, str | None]:
        """The content key and findings (JSON text, when known) recorded for a file with
        exactly this signature; (None, None) when there is no such record."""
        record = self._table(_ident(fingerprint, path)).get(path)
        prefix = f"{stamp} "
        if record is None or not record.startswith(prefix) or len(record) == len(prefix):
            return None, None
        key, _, items = record[len(prefix) :].partition(" ")
        return key, items or None

    def record(self, fingerprint: str, path: str, stamp: str, key: str, items: str | None) -> None:
        """Remember a file's content key and findings for its signature (stored by ``save``).
        Findings not known yet are added by ``attach`` when the file has been checked."""
        ident = _ident(fingerprint, path)
        table = self._table(ident)
        record = f"{stamp} {key} {items}" if items is not None else f"{stamp} {key}"
        if items is None:
            self._waiting[path] = (ident, record)
        if table.get(path) != record:
            table[path] = record
            self._changed.add(ident)

    def waiting(self, path: str) -> bool:
        """Whether a file's record still waits for its findings."""
        return path in self._waiting

    def attach(self, path: str, items: str) -> None:
        """Add a checked file's findings (JSON text) to its record."""
        ident, record = self._waiting.pop(path)
        table = self._table(ident)
        if table.get(path) == record:  # still the record made for this content
            table[path] = f"{record} {items}"
            self._changed.add(ident)

    def save(self) -> None:
        """Write every shard that gained records (a failure only costs the records)."""
        for ident in sorted(self._changed):
            self._write(ident)
        self._changed.clear()

    def _write(self, ident: tuple[str, str, int]) -> None:
        fingerprint, folder, shard = ident
        payload = {"fingerprint": fingerprint, "folder": folder, "shard": shard}
        payload["files"] = self._tables[ident]
        write_sealed(self._file(ident), json.dumps(payload).encode(), self.root)

    def _table(self, ident: tuple[str, str, int]) -> dict[str, str]:
        table = self._tables.get(ident)
        if table is None:
            self._enter(ident[1])
            table = self._tables[ident] = self._load(ident)
        return table

    def _enter(self, folder: str) -> None:
        """Note that a folder's shards are in use; those of the folder used least recently,
        beyond the last two, are written and let go, so that memory stays flat over a walk
        through many folders (a record waiting for its findings reads its shard back)."""
        self._recent.pop(folder, None)
        self._recent[folder] = None
        if len(self._recent) <= 2:
            return
        oldest = next(iter(self._recent))
        del self._recent[oldest]
        for ident in [i for i in self._tables if i[1] == oldest]:
            if ident in self._changed:
                self._write(ident)
                self._changed.discard(ident)
            del self._tables[ident]

    def _load(self, ident: tuple[str, str, int]) -> dict[str, str]:
        payload = read_sealed(self._file(ident))
        try:
            stored = json.loads(payload) if payload is not None else None
            if stored and (stored["fingerprint"], stored["folder"], stored["shard"]) == ident:
                return {k: v for k, v in stored["files"].items() if isinstance(v, str)}
        except (ValueError, KeyError, TypeError):
            pass
        return {}

    def _file(self, ident: tuple[str, str, int]) -> str:
        fingerprint, folder, shard = ident
        name = hashlib.sha256(f"{fingerprint}\0{os.getcwd()}\0{folder}".encode()).hexdigest()
        return os.path.join(self.folder, f"{name}.{shard:02x}")


def _ident(fingerprint: str, path: str) -> tuple[str, str, int]:
    """The shard that holds a file's record."""
    return (fingerprint, os.path.dirname(path), hashlib.sha256(path.encode()).digest()[0])
