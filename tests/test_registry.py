"""Every rule's own examples: text it must flag (with the expected fix) and text it must leave alone."""

from __future__ import annotations

import pytest
import regex

from mtqa.bilingual.segments import example_document
from mtqa.context import Context
from mtqa.document import Document
from mtqa.engine import lint_document
from mtqa.registry import Registry, Rule
from mtqa.rules import REGISTRY
from tests.conftest import apply_first_fixes

RULES = list(REGISTRY)
CONTEXTS: dict[tuple[str, str | None], Context] = {}


def example_context(ctx: Context, lang: str, source: str | None) -> Context:
    """The session context, or one for another target or source language (made once)."""
    if (lang, source) == ("en", None):
        return ctx
    if (lang, source) not in CONTEXTS:
        CONTEXTS[lang, source] = Context(lang, ctx.glossary_paths, source)
    return CONTEXTS[lang, source]


def lint_example(
    text: str,
    ctx: Context,
    rule: Rule,
    lang: str | None = None,
    source: str | None = None,
    source_text: str | None = None,
):  # type: ignore[no-untyped-def]
    lang = lang or rule.example_lang
    source = source or rule.example_source
    doc = Document("<test>", text, lang)
    if source_text is not None:  # a bilingual example: one unit, its source and its target
        doc = example_document(source_text, text, source or "fr", lang)
    return lint_document(doc, [rule], example_context(ctx, lang, source))


def test_registry_has_every_family() -> None:
    families = {rule.family for rule in RULES}
    assert families == {
        "casing",
        "fused",
        "punctuation",
        "numbers",
        "structure",
        "glossary",
        "toponyms",
        "consistency",
        "language",
        "calque",
        "bilingual",
    }


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_metadata(rule) -> None:  # type: ignore[no-untyped-def]
    assert regex.fullmatch(r"[A-Z]{3}\d{3}", rule.code)
    assert regex.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert "/" in rule.mqm
    assert rule.summary and len(rule.explanation) > 80
    assert rule.flags and rule.passes, "a rule ships with examples of both kinds"


@pytest.mark.parametrize(
    ("rule", "example"),
    [(r, e) for r in RULES for e in r.flags],
    ids=lambda v: getattr(v, "code", None) or getattr(v, "text", "")[:30],
)
def test_rule_flags_its_examples(rule, example, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    findings = [
        item.finding
        for item in lint_example(example.text, ctx, rule, example.lang, example.source, example.source_text).findings
    ]
    assert findings, f"{rule.code} did not flag {example.text!r}"
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(example.text)
    if example.fixed is not None:
        assert apply_first_fixes(example.text, findings) == example.fixed


@pytest.mark.parametrize(
    ("rule", "text"),
    [(r, t) for r in RULES for t in r.passes],
    ids=lambda v: getattr(v, "code", None) or str(v)[:30],
)
def test_rule_leaves_alone(rule, text: str, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    findings = lint_example(text, ctx, rule).findings
    assert not findings, [f.finding.message for f in findings]


def test_lookup_by_code_name_and_prefix() -> None:
    assert REGISTRY.get("cas001") is REGISTRY.get("lowercase-proper-noun")
    assert {r.code for r in REGISTRY.matching("FUS")} >= {"FUS001", "FUS002", "FUS003"}
    assert next(r.code for r in REGISTRY.matching("numbers")) == "NUM001"
    chosen = REGISTRY.select(["FUS", "CAS001"], ["FUS003", "drop-cap"])
    assert "FUS003" not in {r.code for r in chosen} and "FUS005" not in {r.code for r in chosen}
    assert "CAS001" in {r.code for r in chosen}
    with pytest.raises(KeyError):
        REGISTRY.select(["NOPE"])


def test_duplicate_codes_are_refused() -> None:
    rule = RULES[0]
    with pytest.raises(ValueError, match="duplicate"):
        Registry([rule, rule])


def test_opt_in_rules_run_only_when_selected() -> None:
    default = {r.code for r in REGISTRY.select()}
    assert "CON002" not in default and "CON001" in default
    assert "CON002" in {r.code for r in REGISTRY.select(["CON"])}
    assert "CON002" in {r.code for r in REGISTRY.select(["ALL"])}


@pytest.mark.parametrize(
    ("rule", "example"),
    [(r, e) for r in RULES for e in r.pass_examples],
    ids=lambda v: getattr(v, "code", None) or getattr(v, "text", "")[:30],
)
def test_rule_leaves_alone_bilingual(rule, example, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    findings = lint_example(example.text, ctx, rule, example.lang, example.source, example.source_text).findings
    assert not findings, [f.finding.message for f in findings]
