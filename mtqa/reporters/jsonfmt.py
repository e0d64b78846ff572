"""JSON and JSON Lines reporters: the versioned wire format of DESIGN §5."""

from __future__ import annotations

import json
from typing import Any

from mtqa.engine import DocumentResult
from mtqa.reporters.base import Reporter, record


class JsonLinesReporter(Reporter):
    """One finding per line, streamed as documents finish."""

    def document(self, result: DocumentResult) -> None:
        """Write each finding of ``result`` as one JSON object on its own line."""
        for item in result.findings:
            self.out.write(json.dumps(record(result.path, item), ensure_ascii=False) + "\n")


class JsonReporter(Reporter):
    """A JSON array of every finding, written at the end."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Start with an empty list of records."""
        super().__init__(*args, **kwargs)
        self._records: list[dict[str, Any]] = []

    def document(self, result: DocumentResult) -> None:
        """Buffer the records of ``result``."""
        self._records.extend(record(result.path, item) for item in result.findings)

    def finish(self, files: int, findings: int) -> None:
        """Write the array."""
        json.dump(self._records, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")
