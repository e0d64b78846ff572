"""The segment table of a bilingual Document: its units, their source text and their target spans.

A bilingual file (XLIFF, TMX, PO, an aligned pair of text files) is one Document whose text is the
units' targets joined by blank lines, so that the monolingual rules see each target as a paragraph of
its own. ``Bilingual`` records, for each unit, its id, its source text, where its target lies in the
Document's text and on which line of the file the unit sits, plus the inline codes and placeholders
of both sides. ``BilingualBuilder`` assembles the text, the table and the source map while a reader
walks a file: target text copied verbatim from the file maps back to it exactly, so fixes are written
to the target inside the file and nowhere else.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from mtqa.document import Document
from mtqa.profiles import available_languages
from mtqa.sourcemap import TextBuilder

SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Unit:
    """One translation unit: its id, source text, target span in the Document text and file line."""

    id: str
    source: str
    start: int  # target span in the Document's text
    end: int
    line: int  # 1-based line of the unit's target (or of the unit when it has no target) in the file
    source_codes: tuple[str, ...] = ()  # inline codes (XLIFF, TMX), in order
    target_codes: tuple[str, ...] = ()
    printf: bool = False  # the unit's text uses printf placeholders (PO c-format, python-format…)
    has_target: bool = True  # False when the file has no target element for the unit at all


@dataclass(frozen=True, slots=True)
class Bilingual:
    """The units of one bilingual Document, in text order, and the languages of their two sides."""

    source_lang: str
    target_lang: str
    units: tuple[Unit, ...]
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Index the units' target starts for binary search."""
        object.__setattr__(self, "_starts", tuple(u.start for u in self.units))

    def unit_at(self, offset: int) -> Unit | None:
        """The unit whose target holds ``offset`` (the preceding unit for an offset between two)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.units[i] if i >= 0 else (self.units[0] if self.units else None)

    def window(self, base: int, size: int) -> Bilingual:
        """The units overlapping ``[base, base + size)``, their spans clipped and made relative to ``base``."""
        kept = [
            replace(u, start=max(u.start, base) - base, end=min(u.end, base + size) - base)
            for u in self.units
            if u.end >= base and u.start <= base + size
        ]
        return Bilingual(self.source_lang, self.target_lang, tuple(kept))


def profile_language(target: str, run_lang: str) -> str:
    """The language whose profile checks the targets: the file's target language when a profile ships."""
    return target if target and target in available_languages() else run_lang


@dataclass
class _Pending:
    """A unit being built."""

    id: str
    source: str
    line: int
    start: int
    source_codes: tuple[str, ...]
    target_codes: tuple[str, ...]
    printf: bool
    has_target: bool


class BilingualBuilder:
    """Builds a bilingual Document: targets joined by blank lines, with a source map into the file."""

    def __init__(self, path: str, file_text: str) -> None:
        """Start an empty Document for the file ``path`` whose decoded text is ``file_text``."""
        self.path = path
        self.file_text = file_text
        self.text = TextBuilder(file_text)
        self.units: list[Unit] = []
        self._pending: _Pending | None = None
        self._line_starts: list[int] | None = None

    def line_of(self, offset: int) -> int:
        """The 1-based line of a file offset."""
        if self._line_starts is None:
            starts = [0]
            find = self.file_text.find
            at = find("\n")
            while at != -1:
                starts.append(at + 1)
                at = find("\n", at + 1)
            self._line_starts = starts
        return bisect.bisect_right(self._line_starts, offset)

    def begin(
        self,
        unit_id: str,
        source: str,
        anchor: int,
        source_codes: Iterable[str] = (),
        target_codes: Iterable[str] = (),
        printf: bool = False,
        has_target: bool = True,
    ) -> None:
        """Start a unit whose target text follows; ``anchor`` is the file offset where its target starts."""
        if self.units or self._pending:
            self.text.synthetic(SEPARATOR)
        start = self.text.length
        self.text.segments.append((start, anchor, 0))  # an empty target still maps to its place in the file
        self._pending = _Pending(
            unit_id, source, self.line_of(anchor), start, tuple(source_codes), tuple(target_codes), printf, has_target
        )

    def verbatim(self, start: int, end: int) -> None:
        """Add ``file_text[start:end]`` to the current target as it is."""
        self.text.verbatim(start, end)

    def replaced(self, text: str, start: int, end: int) -> None:
        """Add ``text``, which stands for ``file_text[start:end]`` (an entity, an escape), to the current target."""
        self.text.replaced(text, start, end)

    def end(self, anchor: int | None = None) -> None:
        """Close the current unit; ``anchor`` is the file offset where its target ends."""
        pending = self._pending
        if pending is None:
            return
        if anchor is not None:
            self.text.segments.append((self.text.length, anchor, 0))
        self.units.append(
            Unit(
                pending.id,
                pending.source,
                pending.start,
                self.text.length,
                pending.line,
                pending.source_codes,
                pending.target_codes,
                pending.printf,
                pending.has_target,
            )
        )
        self._pending = None

    def set_target_codes(self, codes: Iterable[str]) -> None:
        """Record the inline codes of the current unit's target (known only once it has been read)."""
        if self._pending is not None:
            self._pending.target_codes = tuple(codes)

    def document(self, source_lang: str, target_lang: str, run_lang: str) -> Document:
        """The Document: its text, the source map into the file, and the unit table."""
        self.end()
        text, source_map = self.text.build()
        bilingual = Bilingual(source_lang, target_lang, tuple(self.units))
        lang = profile_language(target_lang, run_lang)
        return Document(self.path, text, lang, source_map=source_map, bilingual=bilingual)


def example_document(source: str, target: str, source_lang: str = "fr", target_lang: str = "en") -> Document:
    """A one-unit bilingual Document of a source and a target string (rule examples, tests).

    Strings with XLIFF 1.2 inline codes (``<g id="1">…</g>``, ``<x id="2"/>``) are read as XLIFF, the
    codes left out of the text and recorded in the unit.
    """
    if "<" in source or "<" in target:
        from mtqa.bilingual.xliff import xliff_document

        xliff = (
            f'<xliff version="1.2"><file source-language="{source_lang}" target-language="{target_lang}"><body>'
            f'<trans-unit id="1"><source>{source}</source><target>{target}</target></trans-unit></body></file></xliff>'
        )
        doc = xliff_document("<test>", xliff, target_lang)
        return replace(doc, source_map=None)
    units = (Unit("1", source, 0, len(target), 1),)
    return Document("<test>", target, target_lang, bilingual=Bilingual(source_lang, target_lang, units))
