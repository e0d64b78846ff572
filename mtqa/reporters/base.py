"""The reporter interface and the wire record shared by the machine-readable formats."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from mtqa.engine import DocumentResult, Located
from mtqa.registry import Rule

SCHEMA = "mtqa.finding/1"


def record(path: str, item: Located) -> dict[str, Any]:
    """The JSON wire record of one finding (DESIGN §5): stable keys, 1-based lines and columns."""
    f = item.finding
    fix = None
    if f.fix is not None:
        fix = {
            "applicability": f.fix.applicability.value,
            "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in f.fix.edits],
        }
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "path": path,
        "line": item.line,
        "column": item.column,
        "end_line": item.end_line,
        "end_column": item.end_column,
        "start": f.start,
        "end": f.end,
        "code": f.code,
        "rule": f.rule,
        "severity": f.severity.value,
        "mqm": f.mqm,
        "message": f.message,
        "fix": fix,
        "alternatives": list(f.alternatives),
    }
    if f.unit is not None:  # bilingual files: the translation unit's id (an optional key of the schema)
        data["unit"] = f.unit
    return data


class Reporter:
    """Receives document results one by one and writes them to ``out``."""

    def __init__(self, out: TextIO, color: bool = False, rules: Sequence[Rule] = (), quiet: bool = False) -> None:
        """Write to ``out``.

        ``color`` enables ANSI styling where the format has any; ``rules`` are the rules that ran
        (formats such as SARIF describe them); ``quiet`` leaves out summary lines.
        """
        self.out = out
        self.color = color
        self.rules = list(rules)
        self.quiet = quiet

    def document(self, result: DocumentResult) -> None:
        """Write (or buffer) the findings of one document."""
        raise NotImplementedError

    def finish(self, files: int, findings: int) -> None:
        """Write whatever closes the report (summary, closing bracket)."""
