"""Safe autofix: apply the edits rules attach to findings, show them as a diff, write files.

The pure part (``apply_fixes``, ``fix_until_stable``, ``unified_diff``) works on
``Source.text`` (LF line endings, no BOM); ``write_atomic`` puts the result on disk.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import io
import os
import re
import stat
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TextIO

from seolint import frontmatter
from seolint.diagnostics import Diagnostic, Edit
from seolint.errors import SeolintError
from seolint.formats.base import FileResult
from seolint.source import Source, encode, read_source

MAX_PASSES = 10
Lint = Callable[[Source], list[Diagnostic]]


def apply_fixes(text: str, fixes: Iterable[tuple[Edit, ...]]) -> tuple[str, int]:
    """Apply every fix that overlaps no earlier one; return the new text and how many fixes
    it settles (see ``choose``)."""
    taken, settled = choose(list(fixes))
    return _edit(text, taken), len(settled)


def _edit(text: str, edits: list[Edit]) -> str:
    """The text with non-overlapping edits made."""
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def choose(fixes: list[tuple[Edit, ...]]) -> tuple[list[Edit], list[int]]:
    """The edits to apply, and the indices of the fixes they settle.

    A fix's edits are applied together or not at all. Fixes are taken in order of position
    (the wider first at the same start), so a section removal wins over a line inside it;
    a fix skipped because all its edits lie inside an applied edit is settled too (the
    section's removal takes the line along), so it is counted as fixed.
    """
    taken: list[Edit] = []
    settled: list[int] = []
    order = sorted(
        range(len(fixes)),
        key=lambda i: (min(e.start for e in fixes[i]), -max(e.end for e in fixes[i])),
    )
    for index in order:
        fix = fixes[index]
        if any(_overlap(edit, other) for edit in fix for other in taken):
            if all(any(_inside(edit, other) for other in taken) for edit in fix):
                settled.append(index)
            continue
        taken.extend(fix)
        settled.append(index)
    return taken, sorted(settled)


def _inside(edit: Edit, other: Edit) -> bool:
    """Whether an edit's span lies within a removing or replacing edit's span."""
    return other.start <= edit.start and edit.end <= other.end and other.start < other.end


def _overlap(a: Edit, b: Edit) -> bool:
    """Spans that share a character, or two edits at the same place (order would matter)."""
    return (a.start < b.end and b.start < a.end) or a.start == b.start


def unfixable(text: str) -> str | None:
    """Why a text must not be rewritten, or None when it parses fully."""
    block = frontmatter.find(text)
    if block and frontmatter.parse(text, block[0], block[1])[1]:
        return "front matter is not valid YAML"
    return None


@dataclass(frozen=True)
class Fixed:
    """The outcome of fixing one source: the new source, fixes applied, what remains."""

    source: Source
    fixed: int
    diagnostics: list[Diagnostic]
    rules: Counter[str]  # the fixed findings per rule


def fix_until_stable(source: Source, lint: Lint) -> Fixed:
    """Lint and fix repeatedly (at most MAX_PASSES) until no fix applies any more."""
    rules: Counter[str] = Counter()
    diagnostics = lint(source)
    for _ in range(MAX_PASSES):
        fixable = [d for d in diagnostics if d.fix]
        taken, settled = choose([d.fix for d in fixable])  # type: ignore[misc]
        text = _edit(source.text, taken)
        if not settled or text == source.text:
            break
        rules.update(fixable[i].rule for i in settled)
        source = source.replace(text=text)
        diagnostics = lint(source)
    return Fixed(source, sum(rules.values()), diagnostics, rules)


def unified_diff(path: str, old: str, new: str) -> str:
    """A unified diff (``a/`` and ``b/`` prefixes, as git writes) from ``old`` to ``new``."""
    out = []
    for line in difflib.unified_diff(_lines(old), _lines(new), f"a/{path}", f"b/{path}"):
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> list[str]:
    """Lines with their endings, split at LF only (CR, form feed and U+2028 are content)."""
    return [line for line in re.split(r"(?<=\n)", text) if line]


def write_atomic(path: str, data: bytes) -> None:
    """Replace a file's bytes via a temporary file in the same folder, keeping its mode."""
    target = os.path.realpath(path)
    tmp = None
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
        if not os.access(target, os.W_OK):
            raise PermissionError(13, "permission denied (the file is read-only)")
        fd, tmp = tempfile.mkstemp(
            prefix=f".{os.path.basename(target)}.",
            suffix=".seolint-tmp",
            dir=os.path.dirname(target),
        )
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise SeolintError(path, f"cannot write the fixed file: {exc.strerror or exc}") from None


class Fixer:
    """``--fix`` writes fixed files (stdin: prints the fixed text); ``--diff`` prints a diff."""

    def __init__(self, args: argparse.Namespace, lint: Lint) -> None:
        self.diff = bool(args.diff)
        self.stdin = args.paths == ["-"]
        if "-" in args.paths and not self.stdin:
            raise SeolintError("-", "--fix and --diff read stdin only when it is the one path")
        self.lint = lint
        self.fixed = 0
        self.files = 0
        self.shown: list[tuple[str, Counter[str]]] = []  # per fixed file, its fixes per rule

    @property
    def report_stream(self) -> TextIO:
        """Where findings go: stdout, unless the fixed text or the diff takes it."""
        if self.diff:
            return io.StringIO()  # --diff prints only the diff; the report is discarded
        return sys.stderr if self.stdin else sys.stdout

    def process(self, result: FileResult) -> FileResult:
        """Fix one checked file; return its result with the remaining findings."""
        if result.error:
            return result
        try:  # a result without its source (say, from a cache) is read again
            source = result.source or read_source(result.path)
        except SeolintError as exc:
            return FileResult(result.path, error=str(exc))
        reason = "mixed line endings" if source.mixed_newlines else unfixable(source.text)
        outcome = None if reason else fix_until_stable(source, self.lint)
        if outcome is not None and outcome.fixed and unfixable(outcome.source.text):
            reason, outcome = "the fixes would break the front matter", None
        if outcome is None:
            print(f"seolint: {result.path}: not fixed: {reason}", file=sys.stderr)
            self._emit(source, source)
            return result
        try:
            self._emit(source, outcome.source)
        except SeolintError as exc:
            return FileResult(result.path, error=str(exc))
        if outcome.fixed:
            self.fixed += outcome.fixed
            self.files += 1
            self.shown.append((result.path, outcome.rules))
        return result.replace(diagnostics=outcome.diagnostics, source=outcome.source)

    def _emit(self, old: Source, new: Source) -> None:
        """Print the diff, print the stdin text, or write the changed file."""
        if self.diff:
            if new.text != old.text:
                sys.stdout.write(
                    unified_diff(
                        old.path, encode(old, old.text).decode(), encode(old, new.text).decode()
                    )
                )
        elif self.stdin:
            sys.stdout.flush()
            sys.stdout.buffer.write(encode(old, new.text))
        elif new.text != old.text:
            write_atomic(old.path, encode(old, new.text))

    def summary(self) -> str:
        """The closing line on stderr: what was (or would be) fixed."""
        verb = "would fix" if self.diff else "fixed"
        files = "file" if self.files == 1 else "files"
        findings = "finding" if self.fixed == 1 else "findings"
        return f"{verb} {self.fixed} {findings} in {self.files} {files}"

    def listing(self) -> str:
        """``--show-fixes``: each fixed file with its fixes per rule (empty when none)."""
        lines = []
        for path, rules in self.shown:
            lines.append(f"{path}:")
            lines.extend(f"  {n} × {rule}" for rule, n in sorted(rules.items()))
        return "\n".join(lines)
