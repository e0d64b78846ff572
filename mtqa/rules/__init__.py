"""The rule catalogue: every rule, registered explicitly by family."""

from __future__ import annotations

from mtqa.registry import Registry
from mtqa.rules import (
    bilingual,
    calques,
    casing,
    consistency,
    fused,
    glossary,
    language,
    locale_typography,
    numbers,
    punctuation,
    structure,
    toponyms,
)

REGISTRY = Registry(
    (
        *casing.RULES,
        *fused.RULES,
        *punctuation.RULES,
        *numbers.RULES,
        *locale_typography.RULES,
        *structure.RULES,
        *glossary.RULES,
        *toponyms.RULES,
        *consistency.RULES,
        *language.RULES,
        *calques.RULES,
        *bilingual.RULES,
    )
)
