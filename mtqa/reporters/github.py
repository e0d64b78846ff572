"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request."""

from __future__ import annotations

from mtqa.engine import DocumentResult
from mtqa.reporters.base import Reporter

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`` lines."""

    def document(self, result: DocumentResult) -> None:
        """Write one workflow command per finding."""
        for item in result.findings:
            f = item.finding
            props = ",".join(
                f"{key}={_escape_property(str(value))}"
                for key, value in (
                    ("file", result.path),
                    ("line", item.line),
                    ("col", item.column),
                    ("endLine", item.end_line),
                    ("endColumn", item.end_column),
                    ("title", f"{f.code} {f.rule}"),
                )
            )
            self.out.write(f"::{LEVELS[f.severity.value]} {props}::{_escape_data(f.message)}\n")
