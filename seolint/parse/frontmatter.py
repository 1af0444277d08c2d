"""YAML front matter: find the ``---`` block, parse it, and keep each value's position."""

from __future__ import annotations

import re

from seolint.model.document import Field
from seolint.parse.yamlvalues import CONVERSION_ERRORS, unconvertible

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


# TOML front matter (Hugo): a ``+++`` block (patterns compiled on first use, by ``re``'s cache).
_TOML_BLOCK = r"\A\+\+\+[ \t]*\n(.*?)^\+\+\+[ \t]*$\n?"
_TOML_KEY = r"[ \t]*([A-Za-z0-9_-]+|\"[^\"\n]*\")[ \t]*=[ \t]*"


def find_toml(text: str) -> tuple[int, int, int] | None:
    """(content start, content end, block end) of a leading ``+++`` TOML block, if any."""
    match = re.match(_TOML_BLOCK, text, re.S | re.M)
    if not match:
        return None
    return match.start(1), match.end(1), match.end()


def parse_toml(text: str, start: int, end: int) -> tuple[dict[str, Field], tuple[int, str] | None]:
    """Fields of TOML front matter in ``text[start:end]`` (top-level keys placed at their
    line), or an error as (offset, message)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]

    content = text[start:end]
    try:
        data = tomllib.loads(content)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or 1
        offset = start + sum(len(row) + 1 for row in content.split("\n")[: line - 1])
        message = str(exc).split(" (at ")[0]
        return {}, (min(offset, end), f"front matter is not valid TOML: {message}")
    fields: dict[str, Field] = {}
    at = start
    for row in content.split("\n"):
        if row.lstrip().startswith("["):
            break  # keys below a table header belong to that table
        match = re.match(_TOML_KEY, row)
        if match:
            name = match.group(1).strip('"')
            if name in data and name not in fields:
                fields[name] = _toml_field(name, data[name], row, match.end(), at)
        at += len(row) + 1
    for name, value in data.items():  # keys the line scan did not place (tables)
        if name not in fields:
            fields[name] = Field(name, value, start, start, False)
    return fields, None


def _toml_field(name: str, value: object, row: str, first: int, base: int) -> Field:
    raw = row[first:].rstrip()
    quoted = len(raw) >= 2 and raw[0] in "\"'" and raw[-1] == raw[0]
    if isinstance(value, str) and quoted and raw[1:-1] == value:
        return Field(name, value, base + first + 1, base + first + len(raw) - 1, True)
    if isinstance(value, str) and raw == value:
        return Field(name, value, base + first, base + first + len(raw), True)
    return Field(name, value, base + first, base + first + len(raw), False)


# The field names site generators use for the same thing (Hugo, Jekyll, Eleventy, Astro),
# first the name seolint's rules read, then its other names in order of preference.
ALIASES: dict[str, tuple[str, ...]] = {
    "description": ("summary", "excerpt", "meta_description", "metaDescription"),
    "date": ("pubDate", "publishDate", "published", "datePublished", "published_at"),
    "updated": (
        "last_modified",
        "lastmod",
        "last_modified_at",
        "modified",
        "updatedDate",
        "dateModified",
        "updated_at",
    ),
    "image": ("images", "heroImage", "cover", "featured_image", "og_image", "thumbnail"),
    "author": ("authors", "byline", "creator"),
    "slug": ("permalink", "url"),
}


def add_aliases(fields: dict[str, Field]) -> None:
    """Give each field seolint reads under its own name when the front matter uses another
    name for it (the other entry stays as it is)."""
    for name, others in ALIASES.items():
        if name in fields:
            continue
        for other in others:
            if other in fields:
                fields[name] = fields[other]
                break
