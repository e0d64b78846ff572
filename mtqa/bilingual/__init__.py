"""Bilingual inputs: XLIFF, TMX, PO and aligned pairs of text files, checked target against source.

Design. A bilingual file is one Document (not one per unit): its text is the units' targets joined by
blank lines, so that the paragraph rules see each target on its own and the monolingual rules run on
the target text unchanged, and it carries two things: a source map into the file (``mtqa.sourcemap``:
target text copied verbatim from the file maps back to its exact place; an XML entity, a PO escape or
an inline tag breaks the verbatim stretches, and a fix that would cross one is dropped) and a unit
table (``mtqa.bilingual.segments.Bilingual``: each unit's id, source text, target span, line and
inline codes), from which the bilingual rules read the source and the engine names each finding's
unit. One Document per file keeps write-back byte-exact and simple: the fixer edits the file's text
through the source map exactly as it does for HTML and Markdown, re-reads it after each pass, and
never re-serialises XML, so the declaration, the attributes, the other units and the whitespace stay
as they were. (One Document per unit would need a second layer to gather each unit's fixes back into
one file and would lose cross-unit checks such as name consistency.)

File types: ``.xlf``, ``.xliff``, ``.sdlxliff`` (XLIFF 1.2 or 2.x, told apart by ``version``), ``.tmx``,
``.po``; a ``.pot`` template has no targets and is skipped. An aligned pair (``story.fr.txt`` beside
``story.en.txt``) is found automatically when the target-language file is read (``mtqa.bilingual.pairs``).
"""

from __future__ import annotations

from pathlib import Path

from mtqa.document import Document

SUFFIXES = {".xlf": "xliff", ".xliff": "xliff", ".sdlxliff": "xliff", ".tmx": "tmx", ".po": "po", ".pot": "pot"}


def bilingual_kind(path: str) -> str | None:
    """``xliff``, ``tmx``, ``po`` or ``pot`` for a bilingual file's path (by suffix), else None."""
    return SUFFIXES.get(Path(path).suffix.lower())


def bilingual_document(path: str, text: str, lang: str) -> Document:
    """The Document of a bilingual file's decoded text (``lang``: the run's language, the fallback target).

    Raises InputError (``mtqa.readers``) for unsafe or malformed files.
    """
    kind = bilingual_kind(path)
    if kind == "xliff":
        from mtqa.bilingual.xliff import xliff_document

        return xliff_document(path, text, lang)
    if kind == "tmx":
        from mtqa.bilingual.tmx import tmx_document

        return tmx_document(path, text, lang)
    if kind == "po":
        from mtqa.bilingual.po import po_document

        return po_document(path, text, lang)
    raise ValueError(f"not a bilingual file: {path}")
