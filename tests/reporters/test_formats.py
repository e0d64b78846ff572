"""Golden-file tests of every output format, and SARIF validated against the 2.1.0 schema."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from mtqa.context import Context
from mtqa.document import Document
from mtqa.engine import lint_document
from mtqa.reporters import FORMATS
from mtqa.rules import REGISTRY
from tests.conftest import SHARED

GOLDEN = Path(__file__).parent / "golden"
TEXT = "is it over?\n\nThe result : a draw in kyiv, with “the end.” , he said.\r\nLeave a Reply\n"
UPDATE = os.environ.get("MTQA_UPDATE_GOLDEN") == "1"


def render(name: str, ctx: Context) -> str:
    rules = REGISTRY.select()
    result = lint_document(Document("story.txt", TEXT, "en"), rules, ctx)
    out = io.StringIO()
    reporter = FORMATS[name](out, rules=rules)
    reporter.document(result)
    reporter.finish(1, len(result.findings))
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_format_matches_golden_file(name: str, ctx: Context) -> None:
    text = render(name, ctx).replace(f'"version": "{__import__("mtqa").__version__}"', '"version": "X"')
    golden = GOLDEN / f"story.{name}"
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.skipif(not (SHARED / "data" / "sarif").is_dir(), reason="shared SARIF schema not available")
def test_sarif_is_valid_against_the_schema(ctx: Context) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SHARED / "data" / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    log = json.loads(render("sarif", ctx))
    jsonschema.validate(log, schema)
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"CAS001", "CAS002", "PUN001", "PUN002", "STR002"}
    for r in results:
        region = r["locations"][0]["physicalLocation"]["region"]
        assert TEXT[region["charOffset"] : region["charOffset"] + region["charLength"]] == region["snippet"]["text"]


def test_gitlab_fingerprints_survive_edits_elsewhere(ctx: Context) -> None:
    first = {i["description"]: i["fingerprint"] for i in json.loads(render("gitlab", ctx))}
    rules = REGISTRY.select()
    shifted = lint_document(Document("story.txt", "A new first line.\n\n" + TEXT, "en"), rules, ctx)
    out = io.StringIO()
    reporter = FORMATS["gitlab"](out, rules=rules)
    reporter.document(shifted)
    reporter.finish(1, 0)
    second = {i["description"]: i["fingerprint"] for i in json.loads(out.getvalue())}
    assert all(second[d] == fp for d, fp in first.items() if d in second)
    assert len(set(first.values())) == len(first)
