"""GitLab Code Quality: a JSON array of issues with stable fingerprints."""

from __future__ import annotations

import json
from pathlib import Path

from seolint.formats.base import Reporter, source_lines
from seolint.formats.fingerprint import Fingerprints
from seolint.model.results import FileResult

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


class Gitlab(Reporter):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.issues: list[dict] = []
        self.fingerprints = Fingerprints()

    def file(self, result: FileResult) -> None:
        lines = source_lines(result)
        for d in result.diagnostics:
            path = Path(d.path).as_posix()
            self.issues.append(
                {
                    "description": d.message,
                    "check_name": d.rule,
                    "fingerprint": self.fingerprints.of(path, d, lines),
                    "severity": SEVERITIES[d.severity],
                    "location": {"path": path, "lines": {"begin": d.line, "end": d.end_line}},
                }
            )

    def finish(self) -> None:
        json.dump(self.issues, self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")
