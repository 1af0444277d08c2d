"""What PyYAML raises besides YAMLError when a value cannot be converted, and how to say so.

PyYAML parses ``2024-13-45`` as a date, ``!!int abc`` as an integer and a 5,000-digit number
as an int, then fails converting them with ValueError, KeyError, AttributeError and more.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    import yaml

CONVERSION_ERRORS = (
    ValueError,
    TypeError,
    KeyError,
    AttributeError,
    IndexError,
    OverflowError,
    RecursionError,
)


def unconvertible(node: yaml.Node) -> str:
    """One line saying which value could not be converted, and to what."""
    tag = str(node.tag).rsplit(":", 1)[-1]
    value = node.value if isinstance(node.value, str) else ""
    shown = value if len(value) <= 40 else value[:37] + "..."
    return f"{shown!r} cannot be read as {tag}" if shown else f"this {tag} cannot be read"
