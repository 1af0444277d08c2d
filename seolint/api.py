"""The public Python API: lint text or files with rules loaded once, and fix text.

``Linter`` holds the settings; the rules of each configuration file are built the first time
a path under it is linted and reused afterwards, within the process, by every ``Linter`` with
the same settings (they share a ``Workspace``). The module-level functions use the default
``Linter()`` (the configuration is found from each path's folder, as ``seolint check`` finds
it). See docs/api.md.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from seolint.errors import SeolintError
from seolint.model.diagnostics import Diagnostic
from seolint.read.source import Source, decode, encode, read_source
from seolint.run.options import CheckOptions
from seolint.run.workspace import Workspace

__all__ = [
    "Finding",
    "FixResult",
    "Linter",
    "Location",
    "SeolintError",
    "find_articles",
    "fix_text",
    "lint_file",
    "lint_text",
]

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

PathLike = str | os.PathLike
JSON_FIELDS = ("path", "line", "column", "end_line", "end_column", "rule", "category")
JSON_FIELDS += ("severity", "message", "fixable")


@dataclass(frozen=True)
class Location:
    """A span of evidence for a finding (1-based; end column exclusive)."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Finding:
    """One finding, with the fields of ``seolint check --format json``: ``related`` is the
    evidence elsewhere in the article, and ``data`` the rule's measured values (both shown in
    JSON only when present; ``data``'s keys are JSON fields of their own)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: str
    severity: str
    message: str
    fixable: bool
    related: tuple[Location, ...] = ()
    data: Mapping[str, float | int | str] = field(default_factory=dict, hash=False)

    def to_dict(self) -> dict:
        """The finding as ``--format json`` prints it."""
        out = {name: getattr(self, name) for name in JSON_FIELDS}
        if self.related:
            out["related"] = [vars(location).copy() for location in self.related]
        out.update(self.data)
        return out


@dataclass(frozen=True)
class FixResult:
    """The outcome of ``fix_text``: the fixed text, how many fixes were applied, the findings
    that remain, and why nothing was changed (None when the text could be fixed)."""

    text: str
    fixed: int
    findings: list[Finding]
    not_fixed: str | None = None


class Linter:
    """Lints articles with one set of options; rules are loaded once per configuration file.

    ``config``: a configuration file to use for every path; without it, each path's
    configuration is found by walking up from its folder (for text without a path, from the
    working folder). ``select``, ``ignore``, ``focus_keyword`` and ``rule_dirs`` work as the
    command line's ``--select``, ``--ignore``, ``--focus-keyword`` and ``--rules-dir``.
    A bad configuration or rule file raises ``SeolintError`` naming the file and line.
    """

    def __init__(
        self,
        config: PathLike | None = None,
        *,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
        focus_keyword: str | None = None,
        rule_dirs: Iterable[PathLike] = (),
    ) -> None:
        # The options the command line would have: the same code picks files and settings.
        options = CheckOptions(
            config=Path(config) if config is not None else None,
            rules_dir=[Path(folder) for folder in rule_dirs],
            select=[select] if isinstance(select, str) else select or (),
            ignore=[ignore] if isinstance(ignore, str) else ignore or (),
            focus_keyword=focus_keyword or None,
            no_cache=True,  # the API neither reads nor writes .seolint_cache
        )
        self._workspace = _workspaces.get(options)
        if self._workspace is None:
            self._workspace = _workspaces[options] = Workspace(options)

    def lint_text(self, text: str, path: PathLike = "-") -> list[Finding]:
        """Findings for an article's text; ``path`` names it in findings and picks its
        configuration and per-file ignores (the file need not exist)."""
        source = _source(os.fspath(path), text)
        return [_finding(d) for d in self._lint(source)]

    def lint_file(self, path: PathLike) -> list[Finding]:
        """Findings for a file; an unreadable, binary or non-UTF-8 file raises SeolintError."""
        return [_finding(d) for d in self._lint(read_source(os.fspath(path)))]

    def fix_text(self, text: str, path: PathLike = "-") -> FixResult:
        """Apply the safe fixes ``--fix`` would apply; line endings and a BOM are kept."""
        from seolint.fix.apply import fix_source

        source = _source(os.fspath(path), text)
        outcome, reason = fix_source(source, self._lint)
        if outcome is None:
            return FixResult(text, 0, [_finding(d) for d in self._lint(source)], reason)
        fixed = encode(source, outcome.source.text).decode("utf-8")
        return FixResult(fixed, outcome.fixed, [_finding(d) for d in outcome.diagnostics])

    def find_articles(self, *paths: PathLike) -> list[str]:
        """The articles ``seolint check PATHS`` would check, in its order: files as named
        (unless force-exclude leaves them out); folders walked in sorted order, leaving out
        what ``exclude``, ``include`` and git leave out."""
        from seolint.run.runner import article_paths

        named = [os.fspath(p) for p in paths] or ["."]
        return list(article_paths(self._workspace, named))

    def _lint(self, source: Source) -> list[Diagnostic]:
        from seolint.run.runner import lint_source

        return lint_source(source, self._workspace).diagnostics


def _source(path: str, text: str) -> Source:
    return decode(path, text.encode("utf-8", "surrogatepass"))


def _finding(d: Diagnostic) -> Finding:
    fields = {name: getattr(d, name) for name in JSON_FIELDS[:-1]}
    related = tuple(Location(*span) for span in d.related)
    return Finding(**fields, fixable=d.fix is not None, related=related, data=dict(d.data or {}))


# Each set of options' Workspace, shared by every Linter made with them (the module-level
# functions' default one too) for the life of the process: its rules are built once per
# process (see "Settings" in docs/api.md).
_workspaces: dict[CheckOptions, Workspace] = {}


def lint_text(text: str, path: PathLike = "-") -> list[Finding]:
    """``Linter().lint_text`` with the discovered configuration."""
    return Linter().lint_text(text, path)


def lint_file(path: PathLike) -> list[Finding]:
    """``Linter().lint_file`` with the discovered configuration."""
    return Linter().lint_file(path)


def fix_text(text: str, path: PathLike = "-") -> FixResult:
    """``Linter().fix_text`` with the discovered configuration."""
    return Linter().fix_text(text, path)


def find_articles(*paths: PathLike) -> list[str]:
    """``Linter().find_articles`` with the discovered configuration."""
    return Linter().find_articles(*paths)
