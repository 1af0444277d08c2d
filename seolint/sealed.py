"""Files that are written whole and carry a checksum: cache entries, rule packs, stat indexes.

A sealed file is a line with the SHA-256 of its payload, then the payload. It is written to a
temporary file and renamed into place, so a reader sees the old file or the new one, never
half of one; a file that does not match its checksum is treated as missing.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from seolint.errors import SeolintError

_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# seolint cache\n"


def seal(payload: bytes) -> bytes:
    """A sealed file's bytes: a checksum line, then the payload."""
    return hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def unseal(raw: bytes) -> bytes:
    """The payload of a sealed file; ValueError when it is damaged."""
    checksum, payload = raw.split(b"\n", 1)
    if hashlib.sha256(payload).hexdigest().encode() != checksum:
        raise ValueError("damaged cache entry")
    return payload


def read_sealed(path: str) -> bytes | None:
    """The payload stored at ``path``; None when it is missing, unreadable or damaged."""
    try:
        with open(path, "rb") as handle:
            return unseal(handle.read())
    except (OSError, ValueError):
        return None


def write_sealed(path: str, payload: bytes, root: Path) -> None:
    """Store a payload at ``path`` (under the cache folder ``root``, created when missing);
    written whole or not at all, and a failure only costs the file."""
    temporary = f"{path}.{os.getpid()}.tmp"
    data = seal(payload)
    try:
        try:
            _write(temporary, data)
        except FileNotFoundError:  # the first file of its folder
            make_folder(root)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            _write(temporary, data)
        os.replace(temporary, path)
    except OSError:
        pass


def _write(path: str, data: bytes) -> None:
    with open(path, "wb") as out:
        out.write(data)


def make_folder(folder: Path) -> None:
    """Create the cache folder, tagged so that backups and git leave it alone."""
    if folder.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".gitignore").write_text("# created by seolint\n*\n", encoding="utf-8")
    (folder / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")


def remove_cache(folder: Path) -> bool:
    """Delete a cache folder; False when there is none. A folder that seolint did not make
    (no seolint CACHEDIR.TAG in it) is left alone: SeolintError."""
    if not folder.exists():
        return False
    try:
        tagged = (folder / "CACHEDIR.TAG").read_text(encoding="utf-8") == _TAG
    except (OSError, UnicodeDecodeError):
        tagged = False
    if not tagged:
        raise SeolintError(
            str(folder), "not a seolint cache (no seolint CACHEDIR.TAG): not removed"
        )
    import shutil

    try:
        shutil.rmtree(folder)
    except OSError as exc:
        raise SeolintError(str(folder), f"cannot remove the cache: {exc.strerror or exc}") from None
    return True
