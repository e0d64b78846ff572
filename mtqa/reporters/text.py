"""Human-readable output: one finding a line (``path:line:col: CODE [name] message``) and a fix hint."""

from __future__ import annotations

from collections import Counter

from mtqa.engine import DocumentResult, Located
from mtqa.findings import Applicability, Edit, apply_edits
from mtqa.reporters.base import Reporter

CONTEXT = 30


def fix_preview(text: str, edits: tuple[Edit, ...]) -> tuple[str, str]:
    """The line fragment around ``edits`` before and after applying them (for a diff-like hint)."""
    lo = min(e.start for e in edits)
    hi = max(e.end for e in edits)
    line_start = max(text.rfind("\n", 0, lo) + 1, text.rfind("\r", 0, lo) + 1)
    line_end = min((i for i in (text.find("\n", hi), text.find("\r", hi)) if i != -1), default=len(text))
    start = max(line_start, lo - CONTEXT)
    end = min(line_end, hi + CONTEXT)
    if any(e.start < start or e.end > end for e in edits):  # a fix that spans lines: show the span
        start, end = lo, hi
    before = text[start:end]
    after = apply_edits(before, [Edit(e.start - start, e.end - start, e.replacement) for e in edits])
    prefix = "…" if start > line_start else ""
    suffix = "…" if end < line_end else ""
    return _visible(prefix + before + suffix), _visible(prefix + after + suffix)


def _visible(text: str) -> str:
    """Show line breaks (LF, CRLF, CR) as ⏎ so that a hint stays on one terminal line."""
    return text.replace("\r\n", "⏎").replace("\r", "⏎").replace("\n", "⏎")


class TextReporter(Reporter):
    """ruff-style lines, with the proposed fix shown as a before/after pair."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        """Start counting fixes by applicability."""
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fixable: Counter[str] = Counter()

    def _style(self, text: str, **style: object) -> str:
        if not self.color:
            return text
        import typer

        return typer.style(text, **style)  # type: ignore[arg-type]

    def document(self, result: DocumentResult) -> None:
        """Write each finding of ``result`` with its hint."""
        for item in result.findings:
            self._write(result, item)

    def _write(self, result: DocumentResult, item: Located) -> None:
        f = item.finding
        where = self._style(f"{result.path}:{item.line}:{item.column}:", bold=True)
        code = self._style(f.code, fg="red" if f.severity.value == "error" else "yellow", bold=True)
        self.out.write(f"{where} {code} [{f.rule}] {f.message}\n")
        if f.fix is not None:
            self.fixable[f.fix.applicability.value] += 1
            before, after = fix_preview(result.text, f.fix.edits)
            label = f.fix.applicability.value
            if f.fix.applicability is Applicability.DISPLAY:
                label = "suggestion"
            self.out.write(self._style(f"    - {before}\n", fg="red"))
            self.out.write(self._style(f"    + {after}", fg="green") + f"   ({label} fix)\n")
        for alternative in f.alternatives:
            self.out.write(f"    or: {alternative}\n")

    def finish(self, files: int, findings: int) -> None:
        """Write the summary line (unless quiet)."""
        if self.quiet:
            return
        noun = "file" if files == 1 else "files"
        if not findings:
            self.out.write(f"No findings in {files} {noun}.\n")
            return
        parts = [f"{n} {kind}" for kind, n in sorted(self.fixable.items()) if n]
        fixes = f" ({', '.join(parts)} fixes proposed)" if parts else ""
        plural = "finding" if findings == 1 else "findings"
        self.out.write(f"Found {findings} {plural} in {files} {noun}{fixes}.\n")
