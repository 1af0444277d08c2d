"""Output formats. Each is a Reporter: it receives each file's result in order, then finishes."""

from __future__ import annotations

from seolint.formats.base import Reporter
from seolint.formats.concise import Concise
from seolint.formats.json import Json

FORMATS: dict[str, type[Reporter]] = {"concise": Concise, "json": Json}
