"""Find the articles to check: files as named, folders walked recursively in sorted order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from fnmatch import fnmatch

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "venv", "site-packages", "_site"})


def discover(paths: list[str], exclude: list[str] | None = None) -> Iterator[str]:
    """Paths to check; a named file is always checked, folders yield article files only."""
    patterns = exclude or []
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            yield path
            continue
        for root, dirs, names in os.walk(path):
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".") and d not in SKIPPED_FOLDERS and not _excluded(d, patterns)
            )
            for name in sorted(names):
                if name.startswith(".") or not name.lower().endswith(ARTICLE_SUFFIXES):
                    continue
                full = os.path.normpath(os.path.join(root, name))
                if not _excluded(full, patterns):
                    yield full


def _excluded(path: str, patterns: list[str]) -> bool:
    return any(fnmatch(path, p) or fnmatch(os.path.basename(path), p) for p in patterns)
