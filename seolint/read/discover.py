"""Find the articles to check: files as named, folders walked recursively in sorted order
(leaving out what git ignores, see seolint.read.gitignore)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

from seolint.model.config import ARTICLE_SUFFIXES

SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "venv", "site-packages", "_site"})


def discover(
    paths: list[str],
    excluded: Callable[[str], bool] | None = None,
    gitignore: bool = True,
    wanted: Callable[[str, bool], bool] | None = None,
) -> Iterator[str]:
    """Paths to check: named paths that ``wanted(path, False)`` accepts; in folders, the files
    ``wanted(path, True)`` accepts (by default article files) in folders that are neither
    ``excluded`` nor (with ``gitignore``) ignored by git, and any folder that cannot be
    listed (reading it reports the error: none is skipped silently)."""
    skip = excluded or (lambda _path: False)
    want = wanted or (lambda path, walked: not walked or path.lower().endswith(ARTICLE_SUFFIXES))
    for path in paths:
        if not want(path, False):  # a named file or folder left out (force-exclude)
            continue
        if path == "-" or not os.path.isdir(path):
            yield path
            continue
        from seolint.read.gitignore import Ignores, repository  # a walk only: not for named files

        top = repository(path) if gitignore else None
        ignores = Ignores(top) if top else None
        unreadable: list[str] = []
        for root, dirs, names in os.walk(path, onerror=_collect(unreadable)):
            # A folder that cannot be listed is yielded itself: reading it reports why.
            yield from map(os.path.normpath, unreadable)
            unreadable.clear()
            # Where this folder is in the repository, to test its entries against git's rules.
            here = ignores.relative(root) if ignores else None
            inside = f"{here}/" if here else ""
            kept = []
            for d in sorted(dirs):
                if d.startswith(".") or d in SKIPPED_FOLDERS:
                    continue
                if skip(os.path.normpath(os.path.join(root, d))):
                    continue
                if ignores is None or not ignores.ignored(inside + d, True):
                    kept.append(d)
            dirs[:] = kept
            for name in sorted(names):
                if name.startswith("."):
                    continue
                full = os.path.normpath(os.path.join(root, name))
                if not want(full, True) or (
                    ignores is not None and ignores.ignored(inside + name, False)
                ):
                    continue
                yield full
        yield from map(os.path.normpath, unreadable)


def _collect(found: list[str]) -> Callable[[OSError], None]:
    """An ``os.walk`` error handler that keeps the folders it could not list."""
    return lambda exc: found.append(exc.filename)
