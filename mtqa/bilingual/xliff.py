"""XLIFF 1.2 and 2.x (and SDL's ``.sdlxliff``, read as 1.2): each segment a unit with source and target.

XLIFF 1.2: a ``trans-unit`` (its ``id``) holds ``source`` and ``target``; the languages are the first
``file`` element's ``source-language`` and ``target-language``. ``alt-trans`` proposals are not units.
XLIFF 2.x: a ``unit`` holds ``segment`` elements with ``source`` and ``target``; the languages are the
root's ``srcLang`` and ``trgLang``; a unit with several segments gives one unit per segment, named
``unit/segment`` (its ``id``, else its position). ``ignorable`` and ``originalData`` are not units.
The file is scanned as a stream (``mtqa.bilingual.xmlscan``), never loaded as a tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mtqa.bilingual.inline import Side, end_in_side
from mtqa.bilingual.segments import BilingualBuilder
from mtqa.bilingual.xmlscan import local, scan
from mtqa.document import Document
from mtqa.profiles import language_code
from mtqa.readers import InputError


@dataclass
class _Segment:
    """A segment (a 1.2 trans-unit, a 2.x segment) being read."""

    id: str
    offset: int
    source: Side | None = None
    target: Side | None = None


@dataclass
class _Reader:
    """The scan handler: tracks where it is and collects segments."""

    path: str
    builder: BilingualBuilder
    version: str = ""
    source_lang: str = ""
    target_lang: str = ""
    stack: list[str] = field(default_factory=list)
    unit_id: str = ""
    segments: list[_Segment] = field(default_factory=list)  # of the current 2.x unit
    segment: _Segment | None = None
    side: Side | None = None
    depth: int = 0  # elements open inside the current side

    def start(self, name: str, attrs: dict[str, str], offset: int, content: int) -> None:
        """An element starts."""
        attrs = {local(k): v for k, v in attrs.items()}
        if self.side is not None:
            self.depth += 1
            self.side.start(name, attrs)
            return
        parent = self.stack[-1] if self.stack else ""
        self.stack.append(name)
        if not parent:
            if name != "xliff":
                raise InputError(self.path, f"not an XLIFF file (the root element is <{name}>, not <xliff>)")
            self.version = attrs.get("version", "1.2")
            self.source_lang = attrs.get("srcLang", "")
            self.target_lang = attrs.get("trgLang", "")
        elif name == "file" and not self.source_lang:
            self.source_lang = attrs.get("source-language", "")
            self.target_lang = self.target_lang or attrs.get("target-language", "")
        elif name == "trans-unit":
            self.segment = _Segment(attrs.get("id", str(len(self.builder.units) + 1)), offset)
        elif name == "unit" and not self.version.startswith("1"):
            self.unit_id = attrs.get("id", str(len(self.builder.units) + 1))
            self.segments = []
        elif name == "segment":
            self.segment = _Segment(attrs.get("id", ""), offset)
        elif name in ("source", "target") and parent in ("trans-unit", "segment") and self.segment is not None:
            self.side = Side(content=content)
            self.depth = 0
            setattr(self.segment, name, self.side)

    def end(self, name: str, offset: int) -> None:
        """An element ends."""
        if end_in_side(self, offset):
            return
        self.stack.pop()
        if name == "trans-unit" and self.segment is not None:
            _emit(self.builder, self.segment.id, self.segment)
            self.segment = None
        elif name == "segment" and self.segment is not None:
            self.segments.append(self.segment)
            self.segment = None
        elif name == "unit" and self.segments:
            for n, segment in enumerate(self.segments, 1):
                unit_id = self.unit_id if len(self.segments) == 1 else f"{self.unit_id}/{segment.id or n}"
                _emit(self.builder, unit_id, segment)
            self.segments = []

    def text(self, data: str, offset: int, end: int) -> None:
        """Character data."""
        if self.side is not None:
            self.side.text(data, offset, end)


def _emit(builder: BilingualBuilder, unit_id: str, segment: _Segment) -> None:
    """Add a segment's unit to the Document: its source text and codes, its target text mapped to the file."""
    source = segment.source or Side()
    target = segment.target
    if target is None:
        builder.begin(unit_id, source.plain, segment.offset, source.codes, (), has_target=False)
        builder.end()
        return
    anchor = target.content if target.content >= 0 else segment.offset
    builder.begin(unit_id, source.plain, anchor, source.codes, target.codes)
    for text, start, end in target.pieces:
        builder.replaced(text, start, end)
    builder.end(target.close if target.content >= 0 else None)


def xliff_document(path: str, text: str, run_lang: str) -> Document:
    """The bilingual Document of an XLIFF file's decoded text; InputError when it is unsafe or malformed."""
    reader = _Reader(path, BilingualBuilder(path, text))
    scan(text, path, reader)
    if not reader.version:
        raise InputError(path, "not an XLIFF file (no <xliff> root element)")
    source, target = language_code(reader.source_lang), language_code(reader.target_lang)
    return reader.builder.document(source, target, run_lang)
