"""Inline controls: ``<!-- seolint-disable ... -->`` and friends, resolved per line."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from seolint.model.document import Comment, Document

ALL = "*"


class Controls:
    """Which rules are switched off on which lines of one document."""

    def __init__(self, doc: Document) -> None:
        self.file: set[str] = set()
        self.lines: dict[int, set[str]] = {}
        self.starts: list[int] = []
        self.states: list[tuple[frozenset[str], frozenset[str]]] = []  # (disabled, enabled again)
        disabled: set[str] = set()
        exceptions: set[str] = set()
        for comment in doc.comments:
            names = set(comment.rules) or {ALL}
            line = doc.position(comment.start)[0]
            end_line = doc.position(comment.end)[0]
            if comment.action == "disable-file":
                self.file |= names
            elif comment.action == "disable-line":
                self.lines.setdefault(line, set()).update(names)
            elif comment.action == "disable-next-line":
                self.lines.setdefault(end_line + 1, set()).update(names)
            else:
                if comment.action == "disable":
                    if ALL in names:
                        disabled, exceptions = {ALL}, set()
                    else:
                        disabled |= names
                        exceptions -= names
                elif ALL in names:
                    disabled, exceptions = set(), set()
                elif ALL in disabled:
                    exceptions |= names
                else:
                    disabled -= names
                self.starts.append(line)
                self.states.append((frozenset(disabled), frozenset(exceptions)))

    def suppressed(self, rule: str, category: str, line: int) -> bool:
        """Whether a rule's finding on a line is switched off."""
        names = {rule, category, ALL}
        if self.file & names or self.lines.get(line, set()) & names:
            return True
        index = bisect_right(self.starts, line) - 1
        if index < 0:
            return False
        disabled, exceptions = self.states[index]
        if ALL in disabled:
            return not ({rule, category} & exceptions)
        return bool(disabled & names)


def unknown_names(doc: Document, known: Callable[[str], bool]) -> list[tuple[Comment, str]]:
    """Rule names in control comments that are neither rules nor categories."""
    return [(c, name) for c in doc.comments for name in c.rules if not known(name)]
