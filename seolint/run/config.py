"""Configuration: ``.seolint.yaml`` or ``[tool.seolint]`` in pyproject.toml, found by walking up."""

from __future__ import annotations

import sys
from pathlib import Path

from seolint.errors import ConfigError
from seolint.model.config import Config
from seolint.model.diagnostics import SEVERITIES

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
