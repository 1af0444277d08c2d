"""Load YAML while remembering the line of every mapping and key, for errors that point at it."""

from __future__ import annotations

import yaml

from seolint.errors import ConfigError
from seolint.parse.yamlvalues import CONVERSION_ERRORS, unconvertible

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from typing import Any

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    """A mapping from YAML that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        self.flatten_mapping(node)
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self._convert(key_node)
            line = key_node.start_mark.line + 1
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise ConfigError(self.name, "mapping keys must be text", line)
            if str(key) in result:
                first = result.key_lines[str(key)]
                raise ConfigError(
                    self.name, f"duplicate key {str(key)!r} (first on line {first})", line
                )
            result[str(key)] = self._convert(value_node)
            result.key_lines[str(key)] = line
        return result

    def _convert(self, node: yaml.Node) -> Any:
        """A node's value; one PyYAML cannot convert ("2024-13-45") is an error at its line."""
        try:
            return self.construct_object(node, deep=True)
        except CONVERSION_ERRORS:
            raise ConfigError(self.name, unconvertible(node), node.start_mark.line + 1) from None


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_mapping)


def load(text: str, path: str) -> Any:
    """Parse YAML text; a syntax error becomes a SeolintError naming the file and line."""
    loader = _Loader(text)
    loader.name = path
    try:
        return loader.get_single_data()
    except CONVERSION_ERRORS as exc:  # a top-level value that does not convert
        raise ConfigError(path, f"invalid YAML: {exc}", 1) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(
            path, f"invalid YAML: {problem}", mark.line + 1 if mark else None
        ) from None
    finally:
        loader.dispose()


def read(path: str) -> Any:
    """Read and parse a YAML file."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except UnicodeDecodeError:
        raise ConfigError(path, "invalid UTF-8; save the file as UTF-8") from None
    except OSError as exc:
        raise ConfigError(path, f"cannot read file: {exc.strerror or exc}") from None
    return load(text, path)
