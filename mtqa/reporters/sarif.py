"""SARIF 2.1.0: the static-analysis interchange format read by code-scanning dashboards."""

from __future__ import annotations

from typing import Any

from mtqa import __version__
from mtqa.engine import DocumentResult
from mtqa.reporters.base import Reporter

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    """A URI reference for a path: percent-encoded, ``file://`` when absolute, a feed item as fragment."""
    from pathlib import Path
    from urllib.parse import quote

    file, hash_, item = path.partition("#")
    uri = Path(file).as_uri() if Path(file).is_absolute() else quote(file, safe="/")
    return uri + (f"#{quote(item, safe='')}" if hash_ else "")


class SarifReporter(Reporter):
    """One run with every rule in ``tool.driver.rules`` and one result per finding."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Start with no results."""
        super().__init__(*args, **kwargs)
        self.results: list[dict[str, Any]] = []
        self.index = {rule.code: i for i, rule in enumerate(self.rules)}

    def document(self, result: DocumentResult) -> None:
        """Add the findings of ``result``."""
        for item in result.findings:
            f = item.finding
            region = {
                "startLine": item.line,
                "startColumn": item.column,
                "endLine": item.end_line,
                "endColumn": item.end_column,
                "charOffset": f.start,
                "charLength": f.end - f.start,
                "snippet": {"text": result.text[f.start : f.end]},
            }
            entry: dict[str, Any] = {
                "ruleId": f.code,
                "level": LEVELS[f.severity.value],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(result.path)}, "region": region}}],
                "properties": {"mqm": f.mqm, "rule": f.rule},
            }
            if f.code in self.index:
                entry["ruleIndex"] = self.index[f.code]
            if f.fix is not None:
                entry["fixes"] = [
                    {
                        "description": {"text": f"{f.fix.applicability.value} fix"},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": _uri(result.path)},
                                "replacements": [
                                    {
                                        "deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start},
                                        "insertedContent": {"text": e.replacement},
                                    }
                                    for e in f.fix.edits
                                ],
                            }
                        ],
                    }
                ]
            self.results.append(entry)

    def finish(self, files: int, findings: int) -> None:
        """Write the SARIF log."""
        import json

        rules = [
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.explanation},
                "help": {"text": rule.explanation},
                "defaultConfiguration": {"level": LEVELS[rule.severity.value]},
                "properties": {"mqm": rule.mqm, "family": rule.family, "fix": rule.fix.value if rule.fix else None},
            }
            for rule in self.rules
        ]
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": {"name": "mtqa", "version": __version__, "rules": rules}},
                    "columnKind": "unicodeCodePoints",
                    "results": self.results,
                }
            ],
        }
        json.dump(log, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")
