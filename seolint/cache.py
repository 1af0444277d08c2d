"""A content-hash cache of findings, one small file per checked file, like ruff's.

An entry is keyed by a hash of the file's path and bytes (as read: a cached file is never
decoded) and of everything that decides its findings: the seolint version and source files,
the configuration file, every rule file, and the command-line overrides (the *fingerprint*). Changing any of them gives new keys, so stale
entries are never read. Each entry carries a checksum of its payload; an entry that does not
parse or does not match its checksum is ignored and written again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from seolint import __version__
from seolint.diagnostics import Diagnostic, Edit

FOLDER_NAME = ".seolint_cache"
_PACKAGE = Path(__file__).resolve().parent


def fingerprint(config: Path | None, rule_files: Iterable[Path], overrides: object) -> str:
    """A hash of every input besides the article itself that decides its findings."""
    return stamp([*([config] if config else []), *rule_files], f"{overrides!r}")


def stamp(files: Iterable[Path], extra: str = "") -> str:
    """A hash of seolint itself (version and source files) and of the given files' contents."""
    digest = hashlib.sha256(f"seolint {__version__}\n{extra}\n".encode())
    for path in sorted(_PACKAGE.rglob("*.py")):  # a changed checkout invalidates too
        stat = path.stat()
        digest.update(f"{path.relative_to(_PACKAGE)} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    for path in files:
        digest.update(f"{path}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def seal(payload: bytes) -> bytes:
    """An entry's bytes: a checksum line, then the payload."""
    return hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def unseal(raw: bytes) -> bytes:
    """The payload of an entry; ValueError when it is damaged."""
    checksum, payload = raw.split(b"\n", 1)
    if hashlib.sha256(payload).hexdigest().encode() != checksum:
        raise ValueError("damaged cache entry")
    return payload


class Cache:
    """Findings stored under ``folder``, one file per (fingerprint, path, text)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / __version__
        self._root = str(self.folder)

    def key(self, fingerprint: str, path: str, data: bytes) -> str:
        """The entry name for one file's bytes checked with one set of rules."""
        digest = hashlib.sha256(f"{fingerprint}\0{path}\0".encode())
        digest.update(data)
        return digest.hexdigest()

    def _file(self, key: str) -> str:
        return f"{self._root}{os.sep}{key[:2]}{os.sep}{key[2:]}"

    def get(self, key: str, path: str) -> list[Diagnostic] | None:
        """The stored findings, or None when there is no sound entry."""
        try:
            with open(self._file(key), "rb") as handle:
                raw = handle.read()
            stored = json.loads(unseal(raw).decode())
            if stored["key"] != key:
                return None
            return [_diagnostic(path, item) for item in stored["diagnostics"]]
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None

    def put(self, key: str, diagnostics: list[Diagnostic]) -> None:
        """Store findings (written whole or not at all; a failure only costs the entry)."""
        items = [
            [d.line, d.column, d.end_line, d.end_column, d.rule, d.category, d.severity]
            + [d.message, [[e.start, e.end, e.replacement] for e in d.fix] if d.fix else None]
            for d in diagnostics
        ]
        payload = json.dumps({"key": key, "diagnostics": items}, ensure_ascii=False).encode()
        target = self._file(key)
        temporary = f"{target}.{os.getpid()}.tmp"
        data = seal(payload)
        try:
            try:
                _write(temporary, data)
            except FileNotFoundError:  # the first entry of its shard
                make_folder(self.folder.parent)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                _write(temporary, data)
            os.replace(temporary, target)
        except OSError:
            pass


def _write(path: str, data: bytes) -> None:
    with open(path, "wb") as out:
        out.write(data)


def _diagnostic(path: str, item: list) -> Diagnostic:
    line, column, end_line, end_column, rule, category, severity, message, fix = item
    edits = tuple(Edit(int(a), int(b), str(text)) for a, b, text in fix) if fix else None
    numbers = [int(n) for n in (line, column, end_line, end_column)]
    return Diagnostic(path, *numbers, str(rule), str(category), str(severity), str(message), edits)


def make_folder(folder: Path) -> None:
    """Create the cache folder, tagged so that backups and git leave it alone."""
    if folder.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".gitignore").write_text("# created by seolint\n*\n", encoding="utf-8")
    (folder / "CACHEDIR.TAG").write_text(
        "Signature: 8a477f597d28d172789f06886806bc55\n# seolint cache\n", encoding="utf-8"
    )
