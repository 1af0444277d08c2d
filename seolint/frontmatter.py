"""YAML front matter: find the ``---`` block, parse it, and keep each value's position."""

from __future__ import annotations

import re

from seolint.document import Field
from seolint.yamlvalues import CONVERSION_ERRORS, unconvertible

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    import yaml

_BLOCK = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*$\n?", re.S | re.M)


def find(text: str) -> tuple[int, int, int] | None:
    """(content start, content end, block end) of a leading front-matter block, if any."""
    match = _BLOCK.match(text)
    if not match:
        return None
    return match.start(1), match.end(1), match.end()


def parse(text: str, start: int, end: int) -> tuple[dict[str, Field], tuple[int, str] | None]:
    """Fields of the front matter in ``text[start:end]``, or an error as (offset, message)."""
    import yaml  # only articles with front matter pay for PyYAML

    content = text[start:end]
    try:
        loader = yaml.SafeLoader(content)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        return {}, _error(exc, content, start)
    except CONVERSION_ERRORS:  # a value PyYAML cannot convert: "2024-13-45", "!!int abc"
        return _by_field(node, content, start)
    if data is None:
        return {}, None
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        return {}, (start, "front matter must be a mapping of fields (name: value)")
    fields: dict[str, Field] = {}
    for key_node, value_node in node.value:
        name = str(key_node.value)
        fields[name] = _field(name, data.get(name), value_node, content, start)
    return fields, None


def _by_field(
    node: yaml.Node, content: str, base: int
) -> tuple[dict[str, Field], tuple[int, str] | None]:
    """The fields whose values convert, and an error at the first that does not."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return {}, (base + node.start_mark.index, f"front matter {unconvertible(node)}")
    fields: dict[str, Field] = {}
    error = None
    for key_node, value_node in node.value:
        name = str(key_node.value)
        try:
            value = yaml.SafeLoader("").construct_object(value_node, deep=True)
        except (yaml.YAMLError, *CONVERSION_ERRORS):
            if error is None:
                where = base + value_node.start_mark.index
                error = (where, f"front matter field {name!r}: {unconvertible(value_node)}")
            continue
        fields[name] = _field(name, value, value_node, content, base)
    return fields, error


def _error(exc: yaml.YAMLError, content: str, base: int) -> tuple[int, str]:
    """Where a YAML error is, and what it says, as one line."""
    from yaml.reader import ReaderError

    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if isinstance(exc, ReaderError):
        position = exc.position
        problem = f"character U+{exc.character:04X} is not allowed in YAML"
    else:
        position = mark.index if mark else 0
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return base + min(position, len(content)), f"front matter is not valid YAML: {problem}"


def _field(name: str, value: object, node: yaml.Node, content: str, base: int) -> Field:
    first, last = node.start_mark.index, node.end_mark.index
    raw = content[first:last]
    if isinstance(value, str) and node.start_mark.line == node.end_mark.line:
        style = getattr(node, "style", None)
        if style is None and raw == value:
            return Field(name, value, base + first, base + last, True)
        if style in ("'", '"') and raw[1:-1] == value:
            return Field(name, value, base + first + 1, base + last - 1, True)
    return Field(name, value, base + first, base + last, False)
