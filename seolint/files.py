"""Find the articles to check: files as named, folders walked recursively in sorted order."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "venv", "site-packages", "_site"})


def discover(paths: list[str], excluded: Callable[[str], bool] | None = None) -> Iterator[str]:
    """Paths to check: a named file always; in folders, article files that are not excluded."""
    skip = excluded or (lambda _path: False)
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            yield path
            continue
        for root, dirs, names in os.walk(path):
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".")
                and d not in SKIPPED_FOLDERS
                and not skip(os.path.normpath(os.path.join(root, d)))
            )
            for name in sorted(names):
                if name.startswith(".") or not name.lower().endswith(ARTICLE_SUFFIXES):
                    continue
                full = os.path.normpath(os.path.join(root, name))
                if not skip(full):
                    yield full
