"""SARIF 2.1.0 for GitHub code scanning: one run, the rules in force, a result per finding."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from seolint.formats.base import Reporter, source_lines
from seolint.formats.fingerprint import Fingerprints
from seolint.model.diagnostics import Diagnostic
from seolint.model.results import FileResult
from seolint.version import __version__

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A relative path as a relative URI reference (posix, percent-encoded); others as file:."""
    if Path(path).is_absolute():
        return Path(path).as_uri()
    return quote(Path(path).as_posix())


def descriptor(rule) -> dict:
    """A reportingDescriptor for a seolint Rule."""
    full = rule.description.strip() or rule.message
    link = {"helpUri": rule.url} if rule.url else {}
    return {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full},
        "help": {
            "text": f"{full}\n\nRun 'seolint explain {rule.id}' for details.",
            "markdown": f"{full}\n\nRun `seolint explain {rule.id}` for details.",
        },
        **link,
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.category]},
    }


def _location(path: str, place: tuple[int, int, int, int]) -> dict:
    """A physicalLocation: the file and the region from (line, column, end line, end column)."""
    line, column, end_line, end_column = place
    return {
        "artifactLocation": {"uri": artifact_uri(path)},
        "region": {
            "startLine": line,
            "startColumn": column,
            "endLine": end_line,
            "endColumn": end_column,
        },
    }


def _related(number: int, path: str, place: tuple) -> dict:
    """A relatedLocation: in the finding's file, or in another (path and message follow the
    span, see seolint.lint.site)."""
    if len(place) == 6:
        return {
            "id": number,
            "physicalLocation": _location(place[4], place[:4]),
            "message": {"text": place[5]},
        }
    return {"id": number, "physicalLocation": _location(path, place)}


class Sarif(Reporter):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.descriptors: list[dict] = []
        self.index: dict[str, int] = {}
        self.results: list[dict] = []
        self.fingerprints = Fingerprints()

    def file(self, result: FileResult) -> None:
        for rule in self.rules_for(result.path):
            if rule.id not in self.index:
                self.add(descriptor(rule))
        lines = source_lines(result)
        for d in result.diagnostics:
            self.results.append(self.result(d, lines))

    def add(self, rule_descriptor: dict) -> None:
        self.index[rule_descriptor["id"]] = len(self.descriptors)
        self.descriptors.append(rule_descriptor)

    def result(self, d: Diagnostic, lines: list[str]) -> dict:
        if d.rule not in self.index:  # a finding of seolint itself, not of a rule
            self.add({"id": d.rule, "shortDescription": {"text": d.rule}})
        result = {
            "ruleId": d.rule,
            "ruleIndex": self.index[d.rule],
            "level": LEVELS[d.severity],
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": _location(
                        d.path, (d.line, d.column, d.end_line, d.end_column)
                    )
                }
            ],
            "partialFingerprints": {"seolint/v1": self.fingerprints.of(d.path, d, lines)},
        }
        if d.related:
            result["relatedLocations"] = [_related(i, d.path, r) for i, r in enumerate(d.related)]
        if d.data:
            result["properties"] = dict(d.data)
        return result

    def finish(self) -> None:
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "seolint",
                            "version": __version__,
                            "rules": self.descriptors,
                        }
                    },
                    "columnKind": "unicodeCodePoints",
                    "results": self.results,
                }
            ],
        }
        json.dump(log, self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")
