"""Configuration: ``.seolint.yaml`` or ``[tool.seolint]`` in pyproject.toml, found by walking up."""

from __future__ import annotations

import sys
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

from seolint.errors import ConfigError
from seolint.model.diagnostics import SEVERITIES
from seolint.model.record import Record

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from typing import Any

CONFIG_NAMES = (".seolint.yaml", ".seolint.yml", "seolint.yaml")
KEYS = {
    "select": list,
    "ignore": list,
    "rules": dict,
    "per-file-ignores": dict,
    "rule-dirs": list,
    "focus-keyword": str,
    "fail-on": str,
    "exclude": list,
    "include": list,
    "force-exclude": bool,
    "site-url": str,
}
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


def find_config(start: Path) -> Path | None:
    """The nearest configuration file at or above a folder."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


def _has_tool_section(path: Path) -> bool:
    try:
        return "[tool.seolint" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def load_config(path: Path) -> Config:
    """Read and validate a configuration file."""
    from seolint.parse import yamlfile  # PyYAML only when there is a configuration to read

    shown = str(path)
    if path.name == "pyproject.toml":
        data, lines = _read_pyproject(path)
    else:
        data = yamlfile.read(shown)
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise ConfigError(shown, "configuration must be a mapping of settings", 1)
        lines = dict(getattr(data, "key_lines", {}))
    config = Config(path=shown, root=path.parent, lines=lines)
    for key, value in data.items():
        line = lines.get(key)
        expected = KEYS.get(key)
        if expected is None:
            from seolint.suggest import did_you_mean

            hint = did_you_mean(key, KEYS) or f" (settings: {', '.join(KEYS)})"
            raise ConfigError(shown, f"unknown setting {key!r}{hint}", line)
        if not isinstance(value, expected):
            raise ConfigError(shown, f"setting {key!r} must be a {expected.__name__}", line)
        if expected is list and not all(isinstance(v, str) for v in value):
            raise ConfigError(shown, f"setting {key!r} must be a list of text", line)
        setattr(config, key.replace("-", "_"), value)
    if config.fail_on is not None and config.fail_on not in SEVERITIES:
        raise ConfigError(
            shown, f"'fail-on' must be one of {', '.join(SEVERITIES)}", lines.get("fail-on")
        )
    config.rule_dirs = [(path.parent / d).resolve() for d in data.get("rule-dirs", [])]
    for rule_id, settings in config.rules.items():
        if not isinstance(settings, dict):
            raise ConfigError(
                shown, f"rules.{rule_id} must be a mapping of options", lines.get("rules")
            )
    for pattern, ids in config.per_file_ignores.items():
        if isinstance(ids, str):
            config.per_file_ignores[pattern] = [ids]
        elif not isinstance(ids, list):
            raise ConfigError(
                shown,
                f"per-file-ignores {pattern!r} must list rule ids",
                lines.get("per-file-ignores"),
            )
    return config


def _read_pyproject(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    shown = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(shown, f"cannot read file: {exc.strerror or exc}") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ConfigError(shown, "UTF-16 text (a UTF-16 byte-order mark); save it as UTF-8", 1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ConfigError(shown, "invalid UTF-8; save the file as UTF-8", line) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, _, where = str(exc).partition(" (at line ")
        line = getattr(exc, "lineno", None) or int(where.split(",")[0] or 0) or None
        raise ConfigError(shown, f"invalid TOML: {message}", line) from None
    except ValueError as exc:  # a value TOML reads but Python cannot hold (a 5,000-digit int)
        raise ConfigError(shown, f"invalid TOML: {exc}", _error_line(text, exc)) from None
    tool = data.get("tool", {})
    section = tool.get("seolint", {}) if isinstance(tool, dict) else {}
    if not isinstance(section, dict):
        raise ConfigError(shown, "[tool.seolint] must be a table of settings", None)
    return section, _section_lines(text)


def _section_lines(text: str) -> dict[str, int]:
    """The line of each key of the ``[tool.seolint]`` table (its sub-tables by their header),
    so that an error in any of them, an unknown one included, names its line."""
    lines: dict[str, int] = {}
    table: str | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if stripped.startswith("["):
            table = stripped.strip("[]").replace(" ", "").replace('"', "")
            if table.startswith("tool.seolint."):  # [tool.seolint.rules.load] and the like
                lines.setdefault(table.split(".")[2], number)
            continue
        key = raw.split("=", 1)[0].strip().strip("\"'")
        if "=" in raw and table == "tool.seolint" and key not in lines:
            lines[key] = number
        elif "=" in raw and table == "tool" and key.startswith("seolint."):  # dotted keys
            lines.setdefault(key.split(".")[1].strip("\"'"), number)
    return lines


def _error_line(text: str, exc: ValueError) -> int | None:
    """The line of the first number too long for Python, the value TOML reads but cannot hold."""
    import re

    digits = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 4300
    match = re.search(rf"\d{{{digits + 1}}}", text)
    return text.count("\n", 0, match.start()) + 1 if match else None
