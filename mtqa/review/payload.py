"""The JSON a review page (or HTML report) shows for one document: its text cut into segments, its findings.

Offsets in Python count code points and in JavaScript UTF-16 units, so the page never gets offsets:
the text arrives cut at every finding boundary, each segment listing the findings that cover it.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise
from typing import Any

from mtqa.decisions import Anchor, DecisionStore, anchor_of
from mtqa.engine import DocumentResult, Located
from mtqa.findings import Edit, Finding, apply_edits
from mtqa.registry import Rule


def fix_region(finding: Finding) -> tuple[int, int]:
    """The span a fix (or an editor's replacement) rewrites: the finding's span and its fix's edits."""
    edits = finding.fix.edits if finding.fix is not None else ()
    start = min([finding.start, *(e.start for e in edits)])
    end = max([finding.end, *(e.end for e in edits)])
    return start, end


def fixed_region(text: str, finding: Finding) -> str | None:
    """The text of the finding's region once its fix is applied (None: no fix)."""
    if finding.fix is None:
        return None
    start, end = fix_region(finding)
    edits = [Edit(e.start - start, e.end - start, e.replacement) for e in finding.fix.edits]
    return apply_edits(text[start:end], edits)


def anchors(result: DocumentResult, relative_path: str) -> list[Anchor]:
    """The decision anchor of each finding of ``result``, in order."""
    return [anchor_of(relative_path, f.code, result.text, f.start, f.end) for f in (i.finding for i in result.findings)]


def segments(text: str, findings: tuple[Located, ...]) -> list[dict[str, Any]]:
    """``text`` cut at every finding boundary: ``{"text", "findings": [indexes covering it]}``.

    An empty finding (an insertion point) covers the character after it, or the one before at the end.
    """
    spans = []
    for index, item in enumerate(findings):
        start, end = item.finding.start, item.finding.end
        if start == end:
            start, end = (start, start + 1) if start < len(text) else (max(0, start - 1), start)
        spans.append((start, end, index))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for lo, hi in pairwise(cuts):
        if lo >= hi:
            continue
        covering = [index for start, end, index in spans if start <= lo and hi <= end]
        out.append({"text": text[lo:hi], "findings": covering})
    return out


def document_payload(
    result: DocumentResult,
    rules: Mapping[str, Rule],
    name: str,
    store: DecisionStore | None = None,
    digest: str | None = None,
) -> dict[str, Any]:
    """Everything the page needs about one linted document."""
    relative = store.relative(result.path) if store is not None else result.path
    findings = []
    for item, anchor in zip(result.findings, anchors(result, relative), strict=True):
        f = item.finding
        rule = rules.get(f.code)
        decision = store.lookup(anchor) if store is not None else None
        start, end = fix_region(f)
        findings.append(
            {
                "id": anchor.fingerprint,
                "code": f.code,
                "rule": f.rule,
                "severity": f.severity.value,
                "mqm": f.mqm,
                "message": f.message,
                "summary": rule.summary if rule else "",
                "explanation": rule.explanation if rule else "",
                "line": item.line,
                "column": item.column,
                "flagged": result.text[f.start : f.end],
                "before": result.text[start:end],
                "after": fixed_region(result.text, f),
                "applicability": f.fix.applicability.value if f.fix is not None else None,
                "alternatives": list(f.alternatives),
                "decision": decision.decision if decision else None,
                "replacement": decision.replacement if decision else None,
            }
        )
    counts = {level: sum(1 for f in findings if f["severity"] == level) for level in ("error", "warning", "info")}
    return {
        "name": name,
        "path": result.path,
        "digest": digest,
        "words": result.words,
        "counts": counts,
        "segments": segments(result.text, result.findings),
        "findings": findings,
    }
