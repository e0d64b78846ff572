"""GitLab Code Quality report: a JSON array with stable fingerprints (merge-request widgets)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from mtqa.engine import DocumentResult
from mtqa.reporters.base import Reporter

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


class GitlabReporter(Reporter):
    """Code Quality issues, written at the end."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Start an empty list."""
        super().__init__(*args, **kwargs)
        self.issues: list[dict[str, Any]] = []
        self.seen: Counter[tuple[str, str, str]] = Counter()  # per run: a path given twice stays distinct

    def document(self, result: DocumentResult) -> None:
        """Add one issue per finding.

        The fingerprint hashes the path, the code, the flagged text and how many times that text
        was flagged before in the file, so it survives edits elsewhere in the file.
        """
        for item in result.findings:
            f = item.finding
            flagged = result.text[f.start : f.end]
            self.seen[(result.path, f.code, flagged)] += 1
            key = f"{result.path}\0{f.code}\0{flagged}\0{self.seen[(result.path, f.code, flagged)]}"
            self.issues.append(
                {
                    "description": f"{f.code} {f.message}",
                    "check_name": f.code,
                    "fingerprint": hashlib.sha256(key.encode()).hexdigest(),
                    "severity": SEVERITIES[f.severity.value],
                    "location": {"path": result.path, "lines": {"begin": item.line, "end": item.end_line}},
                }
            )

    def finish(self, files: int, findings: int) -> None:
        """Write the array."""
        json.dump(self.issues, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")
