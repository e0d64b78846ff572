"""Calque and false-friend rules: source-dependent, info level, suggestions never applied automatically."""

from __future__ import annotations

from mtqa.context import Context
from mtqa.document import Document
from mtqa.engine import lint_document
from mtqa.findings import Applicability, Severity
from mtqa.rules import REGISTRY

CALQUE_RULES = REGISTRY.select(["calque"])
TEXT = "This Saturday, several tens of protesters, actually students, marched. It is in Lyon that it began.\n"


def test_calque_rules_are_info_and_never_safe() -> None:
    assert {r.code for r in CALQUE_RULES} == {"CLQ001", "CLQ002"}
    for rule in CALQUE_RULES:
        assert rule.severity is Severity.INFO
        assert rule.fix in (None, Applicability.DISPLAY, Applicability.UNSAFE)


def test_findings_are_info_with_display_fixes(ctx: Context) -> None:
    french = Context("en", ctx.glossary_paths, source="fr")
    result = lint_document(Document("<t>", TEXT, "en"), CALQUE_RULES, french)
    assert len(result.findings) == 4
    for item in result.findings:
        assert item.finding.severity is Severity.INFO
        assert item.finding.fix is not None and item.finding.fix.applicability is Applicability.DISPLAY
    suggestions = [item.finding.fix.edits[0].replacement for item in result.findings if item.finding.fix]
    assert suggestions == ["On Saturday", "dozens of", "currently", "In Lyon,"]


def test_nothing_without_a_source_language(ctx: Context) -> None:
    assert not lint_document(Document("<t>", TEXT, "en"), CALQUE_RULES, ctx).findings


def test_each_source_has_its_own_patterns(ctx: Context) -> None:
    text = "He has lived there since three years and is actually retired.\n"
    for source, expected in (("de", 2), ("es", 2), ("fr", 2)):
        sourced = Context("en", ctx.glossary_paths, source=source)
        assert len(lint_document(Document("<t>", text, "en"), CALQUE_RULES, sourced).findings) == expected
    german_only = "The concern said profits rose.\n"
    german = Context("en", ctx.glossary_paths, source="de")
    spanish = Context("en", ctx.glossary_paths, source="es")
    assert lint_document(Document("<t>", german_only, "en"), CALQUE_RULES, german).findings
    assert not lint_document(Document("<t>", german_only, "en"), CALQUE_RULES, spanish).findings
