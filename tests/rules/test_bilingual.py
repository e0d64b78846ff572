"""The bilingual rules on one-unit documents: what they flag, where, and what they leave alone."""

from __future__ import annotations

from mtqa.bilingual.segments import Bilingual, Unit, example_document
from mtqa.context import Context
from mtqa.document import Document
from mtqa.engine import lint_document
from mtqa.rules import REGISTRY


def flagged(source: str, target: str, code: str, ctx: Context) -> list[tuple[str, str | None]]:
    result = lint_document(example_document(source, target), REGISTRY.select([code]), ctx)
    return [(target[f.finding.start : f.finding.end], f.finding.unit) for f in result.findings]


def test_numbers_in_the_target_locale_pass(ctx: Context) -> None:
    source = "Le 12/03/2024 à 18h, 1,2 milliard et 80.000 spectateurs."
    target = "On 12 March 2024 at 6 p.m., 1.2 billion and 80,000 spectators."
    assert not flagged(source, target, "BIL004", ctx)


def test_number_missing_spans_the_target(ctx: Context) -> None:
    assert flagged("Il y a 27 000 habitants.", "There are many inhabitants.", "BIL004", ctx) == [
        ("There are many inhabitants.", "1")
    ]


def test_printf_placeholders_in_a_c_format_unit(ctx: Context) -> None:
    units = (Unit("m", "%d morts à %s", 0, 13, 1, printf=True),)
    doc = Document("<t>", "%s: %d killed", "en", bilingual=Bilingual("fr", "en", units))
    (item,) = lint_document(doc, REGISTRY.select(["BIL007"]), ctx).findings
    assert "another order" in item.finding.message


def test_bilingual_rules_are_silent_without_a_source(ctx: Context) -> None:
    doc = Document("<t>", "The soldiers advanced dans la région de Koupiansk.", "en")
    assert not lint_document(doc, REGISTRY.select(["BIL"]), ctx).findings


def test_copied_names_and_numbers_are_not_untranslated(ctx: Context) -> None:
    assert not flagged("Volodymyr Zelensky, 2024", "Volodymyr Zelensky, 2024", "BIL002", ctx)
    assert not flagged("Il est à Kyiv.", "He is in Kyiv.", "BIL003", ctx)
