"""The reporter interface shared by every output format."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TextIO

from seolint.diagnostics import Diagnostic
from seolint.source import Source


@dataclass
class FileResult:
    """One file's outcome: its diagnostics, or the one-line error that stopped it."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fail_on: str = "warning"
    error: str | None = None
    source: Source | None = None


class Reporter:
    """Writes findings to a stream; subclasses override ``file`` and/or ``finish``."""

    def __init__(self, stream: TextIO, color: bool = False) -> None:
        self.stream = stream
        self.color = color

    def file(self, result: FileResult) -> None:
        """Called once per checked file, in path order."""

    def finish(self) -> None:
        """Called after the last file."""
