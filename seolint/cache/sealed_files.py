"""Files that are written whole and carry a keyed checksum: cache entries, rule packs, stat
indexes; and the cache folder that holds them.

A sealed file is a line with the HMAC-SHA256 of its payload, keyed with the user's secret
(see seolint.cache.key), then the payload. It is written to a temporary file and renamed into
place, so a reader sees the old file or the new one, never half of one; a file that does not
match its checksum (damaged, or made elsewhere) is treated as missing. A cache folder that is
a symbolic link, or holds one where seolint writes, is not used at all.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

from seolint.cache.key import cache_key
from seolint.errors import SeolintError

_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# seolint cache\n"
_GITIGNORE = "# created by seolint\n*\n"


def seal(payload: bytes, key: bytes) -> bytes:
    """A sealed file's bytes: a keyed checksum line, then the payload."""
    return hmac.digest(key, payload, hashlib.sha256).hex().encode() + b"\n" + payload


def unseal(raw: bytes, key: bytes) -> bytes:
    """The payload of a sealed file; ValueError when it is damaged or sealed with another key."""
    checksum, payload = raw.split(b"\n", 1)
    if not hmac.compare_digest(hmac.digest(key, payload, hashlib.sha256).hex().encode(), checksum):
        raise ValueError("damaged or foreign cache entry")
    return payload


def read_sealed(path: str) -> bytes | None:
    """The payload stored at ``path``; None when it is missing, unreadable, damaged or not
    sealed with this user's key (or there is no key)."""
    key = cache_key()
    if key is None:
        return None
    try:
        with open(path, "rb") as handle:
            return unseal(handle.read(), key)
    except (OSError, ValueError):
        return None


class CacheFolder:
    """A cache folder, and what was found out about it: whether it is refused, and whether
    seolint may write into it (the folder made, or repaired, on the way). Each is found out
    once for the life of this object: one run's (a ``Workspace``'s; ``--watch`` looks again
    at each check)."""

    __slots__ = ("path", "_looked", "_refusal", "_usable")

    def __init__(self, path: Path) -> None:
        self.path = path
        self._looked = False
        self._refusal: str | None = None
        self._usable: bool | None = None

    def __fspath__(self) -> str:
        return os.fspath(self.path)

    def refusal(self) -> str | None:
        """Why the folder must not be used, or None (see ``refused``)."""
        if not self._looked:
            self._refusal = refused(self.path)
            self._looked = True
        return self._refusal

    def usable(self) -> bool:
        """Whether seolint may write into the folder."""
        if self._usable is None:
            self._usable = self.refusal() is None and _made(self.path)
        return self._usable


def write_sealed(path: str, payload: bytes, root: CacheFolder) -> None:
    """Store a payload at ``path`` (under the cache folder ``root``, created when missing);
    written whole or not at all, and a failure only costs the file. Nothing is written without
    a key, nor into a folder that is refused or not seolint's."""
    key = cache_key()
    if key is None or not root.usable():
        return
    temporary = f"{path}.{os.getpid()}.tmp"
    data = seal(payload, key)
    try:
        try:
            _write(temporary, data)
        except FileNotFoundError:  # the first file of its folder
            make_folder(root.path)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            _write(temporary, data)
        os.replace(temporary, path)
    except OSError:
        pass


def _write(path: str, data: bytes) -> None:
    with open(path, "wb") as out:
        out.write(data)


def refused(folder: Path) -> str | None:
    """Why a cache folder must not be used (read or written), or None: it, or a folder in it
    where seolint writes, is a symbolic link (a committed link would be written through)."""
    if folder.is_symlink():
        return "is a symbolic link"
    return _links_inside(str(folder))


def _made(folder: Path) -> bool:
    """Whether a cache folder is seolint's, made (or repaired) now when it has to be."""
    try:
        make_folder(folder)
    except OSError:
        return False
    return _tagged(folder)


def _links_inside(folder: str) -> str | None:
    """A symbolic link among the cache folder's entries or theirs (where seolint makes its
    folders)."""
    try:
        with os.scandir(folder) as entries:
            top = list(entries)
        for entry in top:
            if entry.is_symlink():
                return f"holds a symbolic link ({entry.name})"
            if entry.is_dir(follow_symlinks=False):
                with os.scandir(entry.path) as inner:
                    for item in inner:
                        if item.is_symlink() and item.is_dir():
                            return f"holds a symbolic link ({entry.name}/{item.name})"
    except OSError:
        return None  # no folder yet (or unreadable: writes will fail on their own)
    return None


def make_folder(folder: Path) -> None:
    """Create the cache folder, tagged so that backups and git leave it alone; a folder of
    seolint's that lost its tag or .gitignore (a full disk) gets them back."""
    if folder.is_dir() and _tagged(folder) and _read(folder / ".gitignore") == _GITIGNORE:
        return
    if folder.is_dir() and not _ours(folder):
        return  # someone else's folder: never tag it as a cache (clean would remove it)
    folder.mkdir(parents=True, exist_ok=True)
    _write_whole(folder / ".gitignore", _GITIGNORE)
    _write_whole(folder / "CACHEDIR.TAG", _TAG)


def _write_whole(path: Path, text: str) -> None:
    temporary = f"{path}.{os.getpid()}.tmp"
    _write(temporary, text.encode())
    os.replace(temporary, path)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _tagged(folder: Path) -> bool:
    return _read(folder / "CACHEDIR.TAG") == _TAG


def _ours(folder: Path) -> bool:
    """Whether a folder without a sound tag is still seolint's, or free to become it: empty
    (a cache folder made ahead, as CI and SEOLINT_CACHE_DIR=$(mktemp -d) do), or with our
    .gitignore (or what is left of it after a failed write) and only what seolint puts there."""
    try:
        if not os.listdir(folder):
            return True
    except OSError:
        return False
    gitignore = _read(folder / ".gitignore")
    if gitignore is None or not _GITIGNORE.startswith(gitignore):
        return False
    tag = _read(folder / "CACHEDIR.TAG")
    if tag is not None and not _TAG.startswith(tag):
        return False
    try:
        names = os.listdir(folder)
    except OSError:
        return False
    return all(
        name in (".gitignore", "CACHEDIR.TAG", "rules", "pruned")
        or name[:1].isdigit()  # a seolint version's entries
        or name.endswith(".tmp")
        for name in names
    )


def remove_cache(folder: Path) -> bool:
    """Delete a cache folder; False when there is none. A folder that seolint did not make
    (no seolint CACHEDIR.TAG in it, nor the look of a seolint cache that lost it) is left
    alone: SeolintError. A symbolic link is removed, never what it points to."""
    if folder.is_symlink():
        folder.unlink()
        return True
    if not folder.exists():
        return False
    if not _tagged(folder) and not _ours(folder):
        raise SeolintError(
            str(folder), "not a seolint cache (no seolint CACHEDIR.TAG): not removed"
        )
    import shutil

    try:
        shutil.rmtree(folder)
    except OSError as exc:
        raise SeolintError(str(folder), f"cannot remove the cache: {exc.strerror or exc}") from None
    return True
