"""Files known unchanged from ``stat`` alone, as git's index knows them: no read, no hash.

For each checked file the cache records its size, modification time, change time and inode
beside its content key (see seolint.cache). When a later run's ``stat`` of the file gives the
same four numbers, that key is used without reading the file. The system sets a file's change
time (ctime) on every write and rename, and no tool can set it back, so a file written after
its record never matches it.

A file changed less than two seconds before it is looked at is neither recorded nor looked up:
a write in the same clock tick as the check (file systems keep times to the second or two)
could otherwise leave all four numbers as they were.

There is one index per folder of articles and cache fingerprint, read when the run first
meets the folder and written whole at the end of the run.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from seolint.sealed import read_sealed, write_sealed

QUIET_NS = 2_000_000_000  # how long a file must have been left alone to be vouched for

Signature = tuple[int, int, int, int]


def signature(path: str) -> Signature | None:
    """A file's size, times and inode; None when it cannot be stat-ed or changed too lately."""
    now = time.time_ns()
    try:
        stat = os.stat(path)
    except OSError:
        return None
    if now - max(stat.st_mtime_ns, stat.st_ctime_ns) < QUIET_NS:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


class StatIndex:
    """The content keys of files as they were when last checked, by folder and fingerprint."""

    def __init__(self, folder: Path, root: Path) -> None:
        self.folder = folder  # where the index files go
        self.root = root  # the cache folder, created on the first write
        self._tables: dict[tuple[str, str], dict[str, list]] = {}
        self._changed: set[tuple[str, str]] = set()

    def key(self, fingerprint: str, path: str, stamp: Signature) -> str | None:
        """The content key recorded for a file with exactly this signature, if any."""
        record = self._table(fingerprint, path).get(path)
        if record is not None and tuple(record[:4]) == stamp:
            return record[4]
        return None

    def record(self, fingerprint: str, path: str, stamp: Signature, key: str) -> None:
        """Remember a file's content key for its signature (stored by ``save``)."""
        table = self._table(fingerprint, path)
        if table.get(path) != [*stamp, key]:
            table[path] = [*stamp, key]
            self._changed.add((fingerprint, os.path.dirname(path)))

    def save(self) -> None:
        """Write every index that gained records (a failure only costs the records)."""
        for ident in sorted(self._changed):
            payload = {"fingerprint": ident[0], "folder": ident[1], "files": self._tables[ident]}
            write_sealed(self._file(ident), json.dumps(payload).encode(), self.root)
        self._changed.clear()

    def _table(self, fingerprint: str, path: str) -> dict[str, list]:
        ident = (fingerprint, os.path.dirname(path))
        table = self._tables.get(ident)
        if table is None:
            table = self._tables[ident] = self._load(ident)
        return table

    def _load(self, ident: tuple[str, str]) -> dict[str, list]:
        payload = read_sealed(self._file(ident))
        try:
            stored = json.loads(payload) if payload is not None else None
            if stored and [stored["fingerprint"], stored["folder"]] == list(ident):
                return dict(stored["files"])
        except (ValueError, KeyError, TypeError):
            pass
        return {}

    def _file(self, ident: tuple[str, str]) -> str:
        name = hashlib.sha256(f"{ident[0]}\0{os.getcwd()}\0{ident[1]}".encode()).hexdigest()
        return os.path.join(self.folder, name)
