"""Map offsets in text extracted from a markup file (HTML, Markdown) back to the file's own text.

An extractor builds the checked text piece by piece with a ``TextBuilder``: a piece copied verbatim
from the source becomes a segment ``(text_offset, source_offset, length)``; a piece that stands for
other source text (a decoded entity, collapsed whitespace) is bounded by two zero-length segments, so
that offsets around it still map; text that stands for nothing (a blank line between two blocks) has
no segment. Findings are moved to the source with ``SourceMap.finding``: their span always maps, their
fix only when every edit lies inside one verbatim segment, where the source reads exactly as the text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from mtqa.findings import Edit, Finding, Fix


@dataclass(frozen=True, slots=True)
class SourceMap:
    """Verbatim segments ``(text_offset, source_offset, length)`` of extracted text, in text order."""

    source: str
    segments: tuple[tuple[int, int, int], ...]
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _ends: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Index the segments' text starts and ends for binary search."""
        object.__setattr__(self, "_starts", tuple(t for t, _, _ in self.segments))
        object.__setattr__(self, "_ends", tuple(t + n for t, _, n in self.segments))

    def start(self, offset: int) -> int:
        """The source offset where text starting at ``offset`` starts (a gap maps to its source start)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return self.segments[0][1] if self.segments else 0
        t, s, n = self.segments[i]
        return s + min(offset - t, n)

    def end(self, offset: int) -> int:
        """The source offset where text ending at ``offset`` ends (a gap maps to its source end)."""
        i = bisect.bisect_left(self._ends, offset)
        if i >= len(self.segments):
            return self.segments[-1][1] + self.segments[-1][2] if self.segments else len(self.source)
        t, s, _ = self.segments[i]
        return s + max(offset - t, 0)

    def edit(self, edit: Edit) -> Edit | None:
        """``edit`` moved to the source, or None when its span is not inside one verbatim segment."""
        i = bisect.bisect_right(self._starts, edit.start) - 1
        while i >= 0 and self._ends[i] >= edit.start:  # zero-length and touching segments share offsets
            t, s, n = self.segments[i]
            if t <= edit.start and edit.end <= t + n:
                return Edit(s + edit.start - t, s + edit.end - t, edit.replacement)
            i -= 1
        return None

    def finding(self, finding: Finding) -> Finding:
        """``finding`` moved to the source; its fix is dropped when an edit cannot be moved exactly."""
        start = self.start(finding.start)
        end = max(start, self.end(finding.end)) if finding.end > finding.start else start
        fix = finding.fix
        if fix is not None:
            edits = [self.edit(e) for e in fix.edits]
            fix = None if any(e is None for e in edits) else Fix(tuple(e for e in edits if e), fix.applicability)
        return finding.moved(start, end, fix, finding.unit)


class TextBuilder:
    """Accumulates extracted text and its segments while an extractor walks the source."""

    def __init__(self, source: str) -> None:
        """Start an empty text extracted from ``source``."""
        self.source = source
        self.parts: list[str] = []
        self.length = 0
        self.segments: list[tuple[int, int, int]] = []

    def verbatim(self, start: int, end: int) -> None:
        """Append ``source[start:end]`` as it is."""
        if end <= start:
            return
        if self.segments:
            t, s, n = self.segments[-1]
            if t + n == self.length and s + n == start:  # continues the last segment
                self.segments[-1] = (t, s, n + end - start)
                self._append(self.source[start:end])
                return
        self.segments.append((self.length, start, end - start))
        self._append(self.source[start:end])

    def replaced(self, text: str, start: int, end: int) -> None:
        """Append ``text``, which stands for ``source[start:end]`` (verbatim when the two are equal)."""
        if text == self.source[start:end]:
            self.verbatim(start, end)
            return
        self.segments.append((self.length, start, 0))
        self._append(text)
        self.segments.append((self.length, end, 0))

    def synthetic(self, text: str) -> None:
        """Append ``text`` that stands for no source text (a separator between blocks)."""
        self._append(text)

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def build(self) -> tuple[str, SourceMap]:
        """The extracted text and its source map."""
        return "".join(self.parts), SourceMap(self.source, tuple(self.segments))
