"""Helpers for the bilingual reader tests: lint a file through the CLI's engine and look at its findings."""

from __future__ import annotations

from pathlib import Path

from mtqa.context import Context
from mtqa.engine import DocumentResult, lint_paths
from mtqa.readers import InputError
from mtqa.rules import REGISTRY


def lint_file(path: Path, ctx: Context, select: list[str] | None = None) -> DocumentResult:
    """The one result of linting ``path`` with ``select`` (default: the default rules)."""
    results = list(lint_paths([str(path)], REGISTRY.select(select or []), ctx))
    assert len(results) == 1, results
    result = results[0]
    assert not isinstance(result, InputError), str(result)
    return result


def found(result: DocumentResult) -> set[tuple[str, str | None, str]]:
    """(code, unit, flagged text in the file) of every finding."""
    return {(f.finding.code, f.finding.unit, result.text[f.finding.start : f.finding.end]) for f in result.findings}
