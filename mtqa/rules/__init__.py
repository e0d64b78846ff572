"""The rule catalogue: every rule, registered explicitly by family."""

from __future__ import annotations

from mtqa.registry import Registry
from mtqa.rules import casing, consistency, fused, glossary, numbers, punctuation, structure, toponyms

REGISTRY = Registry(
    (
        *casing.RULES,
        *fused.RULES,
        *punctuation.RULES,
        *numbers.RULES,
        *structure.RULES,
        *glossary.RULES,
        *toponyms.RULES,
        *consistency.RULES,
    )
)
