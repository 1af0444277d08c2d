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
