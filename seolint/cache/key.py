"""The per-user secret that seals cache files, kept outside every repository.

A cache folder can come from anywhere: committed to a repository, or restored by CI from a
cache that another pull request wrote. A plain checksum catches damage, not a forger. So
every cache file carries an HMAC-SHA256 made with a random 32-byte key kept in the user's
cache directory (``$XDG_CACHE_HOME/seolint/key``, else ``~/.cache/seolint/key``; the
platform's cache directory on macOS and Windows). A file made with any other key is ignored
and written again. No key, no cache: when the key cannot be read or made (or it is not the
user's own, or others may write it), seolint checks everything afresh. See docs/cache.md.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

KEY_BYTES = 32


def key_file() -> Path:
    """Where the key lives: the user's cache directory, not any project's."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        base = Path(xdg)
    elif sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path.home() / ".cache"
    return base / "seolint" / "key"


@lru_cache(maxsize=1)
def cache_key() -> bytes | None:
    """The key (made on first use); None when there is no sound key to be had."""
    path = key_file()
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        _make(path)
        return _read(path)
    except OSError:
        return None


def _read(path: Path) -> bytes | None:
    with open(path, "rb") as handle:
        stat = os.fstat(handle.fileno())
        data = handle.read(KEY_BYTES + 1)
    mine = not hasattr(os, "getuid") or stat.st_uid == os.getuid()
    private = os.name == "nt" or not stat.st_mode & 0o022  # nobody else may write it
    return data if mine and private and len(data) == KEY_BYTES else None


def _make(path: Path) -> None:
    """Write a new key; the first of two processes racing to do so wins."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f"key.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(os.urandom(KEY_BYTES))
        try:
            os.link(temporary, path)  # never replaces a key another process made
        except FileExistsError:
            pass
        except OSError:  # no hard links here
            if not path.exists():
                os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()
