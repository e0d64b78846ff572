"""Number rules: cases beyond the rules' own examples."""

from __future__ import annotations

from mtqa.context import Context
from mtqa.document import Document
from mtqa.engine import lint_document
from mtqa.rules import REGISTRY


def _codes(text: str) -> list[str]:
    result = lint_document(Document("<t>", text, "en"), REGISTRY.select(("NUM003",), ()), Context("en"))
    return [f.finding.code for f in result.findings]


def test_a_long_number_glued_to_its_unit_in_any_script_of_digits_is_flagged() -> None:
    assert _codes("An area of 2500km² was retaken.\n") == ["NUM003"]
    assert _codes("Some ٢٥٠٠km were covered.\n") == ["NUM003"]


def test_a_number_with_a_leading_zero_is_a_code_not_an_amount() -> None:
    assert _codes("Batch 2024-01-0100% pure and order 0450km.\n") == []
