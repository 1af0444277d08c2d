"""JUnit XML for CI dashboards: a test case per checked file, a failure per finding."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from seolint.formats.base import Reporter
from seolint.model.results import FileResult

# Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


class Junit(Reporter):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.suite = ET.Element("testsuite", name="seolint")
        self.tests = self.failures = 0

    def file(self, result: FileResult) -> None:
        path = _xml_text(result.path)
        case = ET.SubElement(self.suite, "testcase", classname=path, name=path)
        self.tests += 1
        self.failures += bool(result.diagnostics)
        for d in result.diagnostics:
            failure = ET.SubElement(case, "failure", message=_xml_text(d.message), type=d.rule)
            failure.text = _xml_text(f"{d.line}:{d.column}: {d.severity} {d.rule} {d.message}")

    def finish(self) -> None:
        counts = {"tests": str(self.tests), "failures": str(self.failures), "errors": "0"}
        self.suite.attrib.update(counts)
        root = ET.Element("testsuites", name="seolint", **counts)
        root.append(self.suite)
        ET.indent(root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode") + "\n")
