"""Shared fixtures: a lint context and helpers to lint a string."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mtqa.context import Context
from mtqa.document import Document
from mtqa.engine import DocumentResult, lint_document
from mtqa.findings import Edit, Finding, apply_edits
from mtqa.registry import Rule
from mtqa.rules import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the persistent cache (``mtqa.cache``) of the tests away from the user's: one folder per session."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MTQA_CACHE_DIR", str(tmp_path_factory.mktemp("mtqa-cache")))
        patch.delenv("MTQA_NO_CACHE", raising=False)
        yield


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own (``$MTQA_CACHE_DIR``), empty."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("MTQA_CACHE_DIR", str(folder))
    monkeypatch.delenv("MTQA_NO_CACHE", raising=False)
    return folder


@pytest.fixture(scope="session")
def ctx() -> Context:
    return Context("en")


def lint_text(text: str, ctx: Context, rules: list[Rule] | None = None) -> DocumentResult:
    return lint_document(Document("<test>", text, "en"), rules or list(REGISTRY), ctx)


def apply_first_fixes(text: str, findings: list[Finding]) -> str:
    """Apply the fix of each finding, skipping any that overlaps an earlier one."""
    edits: list[Edit] = []
    taken: list[tuple[int, int]] = []
    for finding in findings:
        if finding.fix is None:
            continue
        spans = [(e.start, e.end) for e in finding.fix.edits]
        if any((s < te and ts < e) or (s == e == ts) for s, e in spans for ts, te in taken):
            continue
        edits.extend(finding.fix.edits)
        taken.extend(spans)
    return apply_edits(text, edits)
