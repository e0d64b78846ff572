"""The text and inline codes of one side (source or target) of an XLIFF or TMX segment.

Inline codes stand for formatting or placeholders of the original document: XLIFF 1.2 ``g``, ``x``,
``bx``, ``ex``, ``bpt``, ``ept``, ``ph``, ``it``; XLIFF 2 ``pc``, ``ph``, ``sc``, ``ec``, ``cp``; TMX
``bpt``, ``ept``, ``ph``, ``it``, ``ut``, ``hi``. Text inside ``g``, ``pc``, ``hi`` and ``mrk`` is
translatable and belongs to the side's text; what ``bpt``, ``ept``, ``ph``, ``it`` and ``ut`` hold is
native code and does not. A code adds no text, so the verbatim stretches of the text stop at it: a fix
that would cross a code cannot be written back and is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

CODES = frozenset({"g", "x", "bx", "ex", "bpt", "ept", "ph", "it", "ut", "pc", "sc", "ec", "cp", "hi"})
NATIVE_CODE = frozenset({"bpt", "ept", "ph", "it", "ut"})  # their content is the original's code, not text
KEYS = ("id", "startRef", "i", "x", "hex")


def code_name(name: str, attrs: dict[str, str]) -> str:
    """How an inline code is named in messages and compared: ``g id=1``, ``ec startRef=2``, ``ph x=3``."""
    for key in KEYS:
        if key in attrs:
            return f"{name} {key}={attrs[key]}"
    return name


@dataclass
class Side:
    """The pieces of text (with their place in the file) and the codes of one source or target."""

    pieces: list[tuple[str, int, int]] = field(default_factory=list)  # (text, file start, file end)
    codes: list[str] = field(default_factory=list)
    content: int = -1  # where the element's content starts in the file (-1: an empty element)
    close: int = -1  # where its end tag starts
    native: int = 0  # depth inside native code

    def start(self, name: str, attrs: dict[str, str]) -> None:
        """An element starts inside this side."""
        if self.native:
            self.native += 1
            return
        if name in CODES:
            self.codes.append(code_name(name, attrs))
        if name in NATIVE_CODE:
            self.native = 1

    def end(self) -> None:
        """An element ends inside this side."""
        if self.native:
            self.native -= 1

    def text(self, data: str, start: int, end: int) -> None:
        """Character data inside this side (ignored inside native code)."""
        if not self.native:
            self.pieces.append((data, start, end))

    @property
    def plain(self) -> str:
        """The side's text."""
        return "".join(text for text, _, _ in self.pieces)


class SideReader(Protocol):
    """A scan handler that reads sources and targets: the side open now and the depth inside it."""

    side: Side | None
    depth: int


def end_in_side(reader: SideReader, offset: int) -> bool:
    """Handle an end tag while a side is open; True when it ended an element inside the side.

    When it ends the side itself, the side is closed at ``offset`` and False is returned, as it is
    when no side is open: the handler then goes on with the tag.
    """
    if reader.side is None:
        return False
    if reader.depth:
        reader.depth -= 1
        reader.side.end()
        return True
    reader.side.close = offset
    reader.side = None
    return False
