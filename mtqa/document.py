"""The unit of work: one decoded text with a stable id and a target language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mtqa.sourcemap import SourceMap

if TYPE_CHECKING:
    from mtqa.bilingual.segments import Bilingual


@dataclass(frozen=True, slots=True)
class Document:
    """Decoded text of one file (or feed item), its id (the path) and its target language.

    For text extracted from markup (HTML, Markdown), ``source_map`` maps it back to the file's text, so
    that findings are located, shown and fixed in the file itself. A bilingual file's ``bilingual`` table
    gives each target's unit and source text (``mtqa.bilingual``).
    """

    path: str
    text: str
    lang: str = "en"
    continuation: bool = False  # a later piece of a long file: its first line continues the previous piece
    source_map: SourceMap | None = None  # set when ``text`` was extracted from markup
    bilingual: Bilingual | None = None  # bilingual files (XLIFF, TMX, PO, pairs): each unit's source and target span
