"""Output formats. Each is a Reporter: it receives each file's result in order, then finishes.

Formats are named here and imported on use, so a run pays only for the format it prints.
"""

from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from seolint.formats.base import Reporter

FORMATS: dict[str, str] = {
    "concise": "seolint.formats.concise:Concise",
    "github": "seolint.formats.github:Github",
    "gitlab": "seolint.formats.gitlab:Gitlab",
    "json": "seolint.formats.json:Json",
    "jsonl": "seolint.formats.jsonl:JsonLines",
    "junit": "seolint.formats.junit:Junit",
    "sarif": "seolint.formats.sarif:Sarif",
    "text": "seolint.formats.text:Text",
}


def load(name: str) -> type[Reporter]:
    """The reporter class of a format name (a key of FORMATS)."""
    module, _, cls = FORMATS[name].partition(":")
    return getattr(import_module(module), cls)
