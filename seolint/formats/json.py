"""A JSON array of findings (see README for the fields)."""

from __future__ import annotations

import json

from seolint.formats.base import Reporter
from seolint.model.results import FileResult


class Json(Reporter):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.items: list[dict] = []

    def file(self, result: FileResult) -> None:
        self.items.extend(d.to_dict() for d in result.diagnostics)

    def finish(self) -> None:
        json.dump(self.items, self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")
