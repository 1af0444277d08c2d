"""What checking one file gives: its findings, or the one-line error that stopped it."""

from __future__ import annotations

from seolint.model.diagnostics import Diagnostic
from seolint.model.record import Record

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from seolint.read.source import Source


class FileResult(Record):
    """One file's outcome: its diagnostics, or the one-line error that stopped it."""

    __slots__ = ("path", "diagnostics", "fail_on", "error", "source", "facts")

    def __init__(
        self,
        path: str,
        diagnostics: list[Diagnostic] | None = None,
        fail_on: str = "warning",
        error: str | None = None,
        source: Source | None = None,
        facts: list[Diagnostic] | None = None,
    ) -> None:
        self.path = path
        self.diagnostics = [] if diagnostics is None else diagnostics
        self.fail_on = fail_on
        self.error = error
        self.source = source
        self.facts = [] if facts is None else facts  # what seolint.lint.site compares across files
