"""TMX 1.4 translation memories: each ``tu`` a unit, its source and target ``tuv`` as the two sides.

The source language is the header's ``srclang``; each ``tuv`` names its language in ``xml:lang`` (TMX
1.1: ``lang``). The target language is the run's language when some ``tu`` has it, else the first other
language met; a ``tu`` without a ``tuv`` in it has an empty target. A unit is named by its ``tuid``,
else its position. The file is scanned as a stream (``mtqa.bilingual.xmlscan``), never loaded as a tree.
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
class _Unit:
    """A ``tu`` being read: its name, where it starts, and its variants by language."""

    id: str
    offset: int
    variants: dict[str, Side] = field(default_factory=dict)


@dataclass
class _Reader:
    """The scan handler: collects every ``tu`` (its text pieces only, not a tree)."""

    path: str
    source_lang: str = ""
    seen_root: bool = False
    languages: list[str] = field(default_factory=list)  # in order of appearance
    units: list[_Unit] = field(default_factory=list)
    unit: _Unit | None = None
    lang: str = ""
    side: Side | None = None
    depth: int = 0

    def start(self, name: str, attrs: dict[str, str], offset: int, content: int) -> None:
        """An element starts."""
        if self.side is not None:
            self.depth += 1
            self.side.start(name, {local(k): v for k, v in attrs.items()})
            return
        if not self.seen_root:
            self.seen_root = True
            if name != "tmx":
                raise InputError(self.path, f"not a TMX file (the root element is <{name}>, not <tmx>)")
        elif name == "header":
            self.source_lang = language_code(attrs.get("srclang", ""))
        elif name == "tu":
            self.unit = _Unit(attrs.get("tuid", str(len(self.units) + 1)), offset)
        elif name == "tuv" and self.unit is not None:
            self.lang = language_code(attrs.get("xml:lang", attrs.get("lang", "")))
            if self.lang and self.lang not in self.languages:
                self.languages.append(self.lang)
        elif name == "seg" and self.unit is not None and self.lang and self.lang not in self.unit.variants:
            self.side = self.unit.variants[self.lang] = Side(content=content)
            self.depth = 0

    def end(self, name: str, offset: int) -> None:
        """An element ends."""
        if end_in_side(self, offset):
            return
        if name == "tu" and self.unit is not None:
            self.units.append(self.unit)
            self.unit = None

    def text(self, data: str, offset: int, end: int) -> None:
        """Character data."""
        if self.side is not None:
            self.side.text(data, offset, end)


def tmx_document(path: str, text: str, run_lang: str) -> Document:
    """The bilingual Document of a TMX file's decoded text; InputError when it is unsafe or malformed."""
    reader = _Reader(path)
    scan(text, path, reader)
    source_lang = reader.source_lang if reader.source_lang not in ("", "*all*") else ""
    if not source_lang and reader.languages:
        source_lang = reader.languages[0]
    others = [lang for lang in reader.languages if lang != source_lang]
    target_lang = run_lang if run_lang in others else (others[0] if others else "")
    builder = BilingualBuilder(path, text)
    for unit in reader.units:
        source = unit.variants.get(source_lang) or Side()
        target = unit.variants.get(target_lang)
        if target is None:
            builder.begin(unit.id, source.plain, unit.offset, source.codes, has_target=False)
            builder.end()
            continue
        builder.begin(unit.id, source.plain, target.content if target.content >= 0 else unit.offset, source.codes)
        builder.set_target_codes(target.codes)
        for piece, start, end in target.pieces:
            builder.replaced(piece, start, end)
        builder.end(target.close if target.content >= 0 else None)
    return builder.document(source_lang, target_lang, run_lang)
