"""JUnit XML: one test case per document, one failure per finding (for CI dashboards)."""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree as ET

from mtqa.engine import DocumentResult
from mtqa.reporters.base import Reporter

XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return XML_ILLEGAL.sub("\ufffd", text)


class JunitReporter(Reporter):
    """A ``testsuites`` document written at the end."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Start an empty suite."""
        super().__init__(*args, **kwargs)
        self.suite = ET.Element("testsuite", {"name": "mtqa"})
        self.tests = self.failures = 0

    def document(self, result: DocumentResult) -> None:
        """Add the document as a test case, failing once per finding."""
        case = ET.SubElement(self.suite, "testcase", {"classname": "mtqa", "name": _xml(result.path)})
        self.tests += 1
        if result.findings:
            self.failures += 1
        for item in result.findings:
            f = item.finding
            failure = ET.SubElement(
                case, "failure", {"type": f.code, "message": _xml(f"{item.line}:{item.column}: {f.code} {f.message}")}
            )
            failure.text = _xml(f"{result.path}:{item.line}:{item.column}: {f.code} [{f.rule}] {f.message}")

    def finish(self, files: int, findings: int) -> None:
        """Write the XML."""
        self.suite.set("tests", str(self.tests))
        self.suite.set("failures", str(self.failures))
        root = ET.Element("testsuites", {"name": "mtqa", "tests": str(self.tests), "failures": str(self.failures)})
        root.append(self.suite)
        ET.indent(root)
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")
