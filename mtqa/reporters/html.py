"""A self-contained, read-only HTML report: the review page's highlighting without its buttons."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from mtqa.engine import DocumentResult
from mtqa.reporters.base import Reporter


class HtmlReporter(Reporter):
    """Collects every document, then writes one HTML file that needs nothing else to open."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Start an empty report."""
        super().__init__(*args, **kwargs)
        self.documents: list[dict[str, Any]] = []

    def document(self, result: DocumentResult) -> None:
        """Add one document with its highlighted findings."""
        from mtqa.review.payload import document_payload

        catalogue = {rule.code: rule for rule in self.rules}
        self.documents.append(document_payload(result, catalogue, result.path))

    def finish(self, files: int, findings: int) -> None:
        """Write the page."""
        from mtqa.review.page import render_page

        plural = ("" if findings == 1 else "s", "" if files == 1 else "s")
        title = f"mtqa report: {findings} finding{plural[0]} in {files} file{plural[1]}"
        data = {"mode": "report", "documents": self.documents}
        nonce = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:24]  # same input, same file
        self.out.write(render_page(title, data, nonce, report=True))
