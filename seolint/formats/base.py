"""The reporter interface shared by every output format."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from seolint.errors import SeolintError
from seolint.model.results import FileResult
from seolint.read.source import read_source

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from typing import TextIO

    from seolint.rules.load import Rule

RulesFor = Callable[[str], Sequence["Rule"]]
"""The rules in force for a checked path (what SARIF lists and hints summarise)."""


class Reporter:
    """Writes findings to a stream; subclasses override ``file`` and/or ``finish``."""

    def __init__(self, stream: TextIO, color: bool = False, rules: RulesFor | None = None) -> None:
        self.stream = stream
        self.color = color
        self.rules_for: RulesFor = rules or (lambda path: ())

    def file(self, result: FileResult) -> None:
        """Called once per checked file, in path order."""

    def finish(self) -> None:
        """Called after the last file."""


def use_color(choice: str, stream: TextIO) -> bool:
    """``always``/``never`` as said; ``auto``: a terminal and no non-empty ``NO_COLOR``."""
    if choice != "auto":
        return choice == "always"
    return not os.environ.get("NO_COLOR") and stream.isatty()


def source_lines(result: FileResult) -> list[str]:
    """The checked text's lines; a result without its source (say, cached) is read again."""
    source = result.source
    if source is None and result.diagnostics and result.path != "-":
        try:
            source = read_source(result.path)
        except SeolintError:
            return []
    return source.text.split("\n") if source else []
