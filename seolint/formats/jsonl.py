"""JSON Lines: one finding per line (the fields of ``--format json``), written file by file."""

from __future__ import annotations

import json

from seolint.formats.base import FileResult, Reporter


class JsonLines(Reporter):
    def file(self, result: FileResult) -> None:
        for d in result.diagnostics:
            self.stream.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
        self.stream.flush()
