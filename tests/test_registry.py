"""Every rule's own examples: text it must flag (with the expected fix) and text it must leave alone."""

from __future__ import annotations

import pytest
import regex

from mtqa.context import Context
from mtqa.registry import Registry
from mtqa.rules import REGISTRY
from tests.conftest import apply_first_fixes, lint_text

RULES = list(REGISTRY)


def test_registry_has_every_family() -> None:
    families = {rule.family for rule in RULES}
    assert families == {"casing", "fused", "punctuation", "numbers", "structure", "glossary", "toponyms", "consistency"}


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
    findings = [item.finding for item in lint_text(example.text, ctx, [rule]).findings]
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
    findings = lint_text(text, ctx, [rule]).findings
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
