"""The one error type users see: a single line naming the file (and line), exit code 2."""

from __future__ import annotations


class SeolintError(Exception):
    """A user-facing error about an input, a rule file or a configuration file."""

    def __init__(
        self, path: str, message: str, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}" + (f":{self.column}" if self.column else "")
        return f"{where}: {self.message}"


class ConfigError(SeolintError):
    """An error in a configuration or rule file, or in an option: it stops the whole run."""


def internal_error(exc: BaseException) -> str:
    """The one line for a bug met while checking a file: what failed and where, and a hint."""
    import traceback
    from pathlib import PurePath

    package = PurePath(__file__).parent
    ours = [
        f
        for f in traceback.extract_tb(exc.__traceback__)
        if PurePath(f.filename).is_relative_to(package)
    ]
    place = f" at {PurePath(ours[-1].filename).name}:{ours[-1].lineno}" if ours else ""
    detail = str(exc).splitlines()[0] if str(exc).strip() else ""
    what = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    return (
        f"internal error ({what}{place}); this is a bug in seolint, please report it with this file"
    )
