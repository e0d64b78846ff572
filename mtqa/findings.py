"""Core value types shared by rules, the engine, reporters and the fixer: findings, fixes, edits."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How serious a finding is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(StrEnum):
    """How safe a fix is to apply without a person looking (ruff's model)."""

    SAFE = "safe"  # can never make correct text wrong
    UNSAFE = "unsafe"  # probably right, needs a person's judgment
    DISPLAY = "display"  # shown as a suggestion only, never applied automatically


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the code points ``[start, end)`` of the document text with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of non-overlapping edits applied together, with their safety level."""

    edits: tuple[Edit, ...]
    applicability: Applicability


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by a rule in one document, with everything a reporter or fixer needs."""

    code: str
    rule: str
    severity: Severity
    mqm: str
    start: int
    end: int
    message: str
    fix: Fix | None = None
    alternatives: tuple[str, ...] = field(default=())
    unit: str | None = None  # the translation unit of a bilingual file (XLIFF, TMX, PO, pairs) it lies in

    def moved(self, start: int, end: int, fix: Fix | None, unit: str | None) -> Finding:
        """A copy at another span, with another fix and unit (faster than ``dataclasses.replace``)."""
        return Finding(
            self.code, self.rule, self.severity, self.mqm, start, end, self.message, fix, self.alternatives, unit
        )


def apply_edits(text: str, edits: list[Edit] | tuple[Edit, ...]) -> str:
    """Return ``text`` with non-overlapping ``edits`` applied (used by tests and the fixer)."""
    out: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos:
            raise ValueError(f"overlapping edit at {edit.start}")
        out.append(text[pos : edit.start])
        out.append(edit.replacement)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)
