from __future__ import annotations

import io
import json

from mtqa.context import Context
from mtqa.reporters.jsonfmt import JsonLinesReporter, JsonReporter
from tests.conftest import lint_text

TEXT = "Kyiv\n\nThe troops left Donbass; the result : a draw.\n"


def test_jsonl_wire_record(ctx: Context) -> None:
    out = io.StringIO()
    JsonLinesReporter(out).document(lint_text(TEXT, ctx))
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    glossary = next(r for r in records if r["code"] == "GLO001")
    assert glossary == {
        "schema": "mtqa.finding/1",
        "path": "<test>",
        "line": 3,
        "column": 17,
        "end_line": 3,
        "end_column": 24,
        "start": 22,
        "end": 29,
        "code": "GLO001",
        "rule": "glossary-variant",
        "severity": "error",
        "mqm": "Terminology/Wrong term",
        "message": "“Donbass”: house style writes “Donbas” (the region, not the mining term)",
        "fix": {"applicability": "safe", "edits": [{"start": 22, "end": 29, "replacement": "Donbas"}]},
        "alternatives": [],
    }
    assert TEXT[glossary["start"] : glossary["end"]] == "Donbass"
    assert {r["code"] for r in records} == {"GLO001", "PUN001"}


def test_json_array_matches_jsonl(ctx: Context) -> None:
    result = lint_text(TEXT, ctx)
    lines, array = io.StringIO(), io.StringIO()
    JsonLinesReporter(lines).document(result)
    reporter = JsonReporter(array)
    reporter.document(result)
    reporter.finish(1, len(result.findings))
    assert json.loads(array.getvalue()) == [json.loads(line) for line in lines.getvalue().splitlines()]
