"""Concise output: one line a finding, no fix hints (``path:line:col: CODE message``)."""

from __future__ import annotations

from mtqa.engine import DocumentResult
from mtqa.reporters.base import Reporter


class ConciseReporter(Reporter):
    """ruff's concise format."""

    def document(self, result: DocumentResult) -> None:
        """Write one line per finding."""
        for item in result.findings:
            f = item.finding
            self.out.write(f"{result.path}:{item.line}:{item.column}: {f.code} {f.message}\n")
