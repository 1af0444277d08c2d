"""JSON Lines: one finding per line (the fields of ``--format json``), written file by file."""

from __future__ import annotations

import json

from seolint.formats.base import Reporter
from seolint.model.results import FileResult


class JsonLines(Reporter):
    def file(self, result: FileResult) -> None:
        for d in result.diagnostics:
            self.stream.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
        self.stream.flush()
