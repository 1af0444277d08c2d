"""Keep the cache folder bounded: drop entries by age, then the oldest beyond a size budget.

At most once a day (the ``pruned`` file's time says when it last ran) a run that used the
cache ends by removing: other seolint versions' folders (never read again), temporary files
older than an hour (a process that died mid-write), entries not written for 30 days, and then
the oldest entries until the rest fit in 256 MiB. An entry's time is when it was written: one
pruned while still in use costs one fresh check of that file.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from seolint.cache.sealed_files import CacheFolder

MAX_AGE = 30 * 86400  # seconds
MAX_BYTES = 256 * 1024 * 1024
EVERY = 86400  # seconds between prunes
STALE_TEMPORARY = 3600  # seconds
MARKER = "pruned"


def prune_if_due(root: CacheFolder, version: str) -> None:
    """Prune the cache folder when a day has passed since it last was (a failure is ignored;
    a folder seolint may not write into is left alone)."""
    marker = root.path / MARKER
    try:
        if time.time() - marker.stat().st_mtime < EVERY:
            return
    except FileNotFoundError:
        pass
    except OSError:
        return
    if not root.usable():
        return
    try:
        marker.touch()
    except OSError:
        return
    prune(root.path, version)


def prune(root: Path, version: str, max_age: float = MAX_AGE, max_bytes: int = MAX_BYTES) -> int:
    """Remove what is old or over budget in a cache folder; the number of files removed."""
    now = time.time()
    removed = 0
    files: list[tuple[float, int, str]] = []
    try:
        top = list(os.scandir(root))
    except OSError:
        return 0
    for entry in top:
        if not entry.is_dir(follow_symlinks=False):
            continue
        if entry.name[:1].isdigit() and entry.name != version:  # another seolint version's
            shutil.rmtree(entry.path, ignore_errors=True)
            removed += 1
        elif entry.name in (version, "rules"):
            for folder, _subfolders, names in os.walk(entry.path):
                for name in names:
                    path = os.path.join(folder, name)
                    try:
                        stat = os.stat(path, follow_symlinks=False)
                    except OSError:
                        continue
                    old = now - stat.st_mtime
                    if name.endswith(".tmp"):  # another process may be writing it
                        removed += _remove(path) if old > STALE_TEMPORARY else 0
                    elif old > max_age:
                        removed += _remove(path)
                    else:
                        files.append((stat.st_mtime, stat.st_size, path))
    total = sum(size for _, size, _ in files)
    for _, size, path in sorted(files):
        if total <= max_bytes:
            break
        removed += _remove(path)
        total -= size
    return removed


def _remove(path: str) -> int:
    try:
        os.unlink(path)
    except OSError:
        return 0
    return 1
