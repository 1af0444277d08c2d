"""The settings of one configuration file (or the defaults): a typed record the rules, the
file walk and the language server read. Finding and reading the file is seolint.run.config's."""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

from seolint.model.record import Record

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from typing import Any

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")


class Config(Record):
    """Settings for the files below one configuration file (or the defaults); ``lines``:
    the line of each key in the file."""

    __slots__ = (
        "path",
        "root",
        "select",
        "ignore",
        "rules",
        "per_file_ignores",
        "rule_dirs",
        "focus_keyword",
        "fail_on",
        "exclude",
        "include",
        "force_exclude",
        "lines",
        "site_url",
    )

    def __init__(
        self,
        path: str | None = None,
        root: Path | None = None,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        rules: dict[str, dict[str, Any]] | None = None,
        per_file_ignores: dict[str, list[str]] | None = None,
        rule_dirs: list[Path] | None = None,
        focus_keyword: str | None = None,
        fail_on: str | None = None,
        exclude: list[str] | None = None,
        include: list[str] | None = None,
        force_exclude: bool = False,
        lines: dict[str, int] | None = None,
        site_url: str | None = None,
    ) -> None:
        self.path = path
        self.root = Path.cwd() if root is None else root
        self.select = ["all"] if select is None else select
        self.ignore = [] if ignore is None else ignore
        self.rules = {} if rules is None else rules
        self.per_file_ignores = {} if per_file_ignores is None else per_file_ignores
        self.rule_dirs = [] if rule_dirs is None else rule_dirs
        self.focus_keyword = focus_keyword
        self.fail_on = fail_on
        self.exclude = [] if exclude is None else exclude
        self.include = [] if include is None else include
        self.force_exclude = force_exclude
        self.lines = {} if lines is None else lines
        self.site_url = site_url

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key)

    def relative(self, path: str) -> str:
        """A path relative to the configuration's folder, with forward slashes."""
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def is_excluded(self, path: str) -> bool:
        """Whether ``exclude`` globs match the path (relative to this file) or its name."""
        return bool(self.exclude) and _matches(self.relative(path), self.exclude)

    def selects(self, path: str, walked: bool = False, folder: bool = False) -> bool:
        """Whether a file is checked under ``include`` and ``exclude``: the one test shared by
        the folder walk, named files with force-exclude, and the language server.

        A file must match an ``include`` glob (none set: any file named, or in a walk one with
        an article suffix) and no ``exclude`` glob; a named file is also left out when a
        folder above it, up to this configuration's folder, is excluded (a walk never enters
        one). A named ``folder`` is tested against ``exclude`` only."""
        if not self.include and not self.exclude:
            return not walked or path.lower().endswith(ARTICLE_SUFFIXES)
        relative = self.relative(path)
        if folder:
            included = True
        elif self.include:
            included = _matches(relative, self.include)
        else:
            included = not walked or path.lower().endswith(ARTICLE_SUFFIXES)
        if not included:
            return False
        if not self.exclude:
            return True
        pure = PurePosixPath(relative)
        above = [] if walked or pure.is_absolute() or ".." in pure.parts else pure.parents[:-1]
        return not any(_matches(str(p), self.exclude) for p in (pure, *above))


def _matches(relative: str, patterns: list[str]) -> bool:
    """Whether a glob matches a relative path (``*`` crosses folders) or its last part."""
    name = relative.rpartition("/")[2]
    return any(fnmatch(relative, p) or fnmatch(name, p) for p in patterns)
