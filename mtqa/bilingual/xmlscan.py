"""Stream an XML file's elements and text with their character offsets, refusing unsafe XML.

The bilingual readers need to know where each piece of target text lies in the file, which no tree
API tells, so they read the file as a stream of events from expat (the parser behind ElementTree and
defusedxml), with the same defences as ``defusedxml``: an entity declaration (the billion laughs, an
external entity) or a reference to an external entity raises ``defusedxml``'s own exceptions before
anything is expanded or opened, and parameter entities (an external DTD) are never parsed — expat opens
no file or URL by itself. Nothing but the events is kept: no tree of the file is built. Offsets are
code points into the decoded text that was parsed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol
from xml.parsers import expat

from defusedxml.common import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden

from mtqa.readers import InputError

FEED_BYTES = 1 << 20
CONTENT = frozenset({"source", "target", "seg"})  # the elements whose content offset the readers use


class Handler(Protocol):
    """What a reader does with the events of the scan."""

    def start(self, name: str, attrs: dict[str, str], offset: int, content: int) -> None:
        """An element starts at ``offset``; its content starts at ``content``.

        ``content`` is -1 for an empty element, and for any element but ``source``, ``target`` and ``seg``.
        """

    def end(self, name: str, offset: int) -> None:
        """An element ends; ``offset`` is where its end tag starts (after the element when it is empty)."""

    def text(self, data: str, offset: int, end: int) -> None:
        """Character data ``data`` stands for ``file[offset:end]`` (equal to it when copied verbatim)."""


def local(name: str) -> str:
    """An element or attribute name without its namespace prefix: ``xliff:target`` → ``target``."""
    return name.rsplit(":", 1)[-1]


def scan(text: str, path: str, handler: Handler) -> None:
    """Parse ``text`` (a decoded XML file) and send its events to ``handler``.

    Unsafe XML (entity declarations, external entities) and malformed XML raise a one-line InputError
    naming the file, the line and the column.
    """
    data = text.encode("utf-8")
    to_char: Callable[[int], int] = _identity if len(data) == len(text) else _CharIndex(data)
    parser = expat.ParserCreate(encoding="UTF-8")  # the text was decoded already: whatever the declaration says
    parser.buffer_text = False
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def entity(name: str, *args: object) -> None:
        raise EntitiesForbidden(name, None, None, None, None, None)

    def external(context: str, base: str | None, sysid: str | None, pubid: str | None) -> int:
        raise ExternalReferenceForbidden(context, base, sysid, pubid)

    def start(name: str, attrs: dict[str, str]) -> None:
        offset = to_char(parser.CurrentByteIndex)
        name = local(name)
        if name not in CONTENT:
            handler.start(name, attrs, offset, -1)
            return
        content = _tag_end(text, offset)
        handler.start(name, attrs, offset, -1 if text[content - 2 : content] == "/>" else content)

    def end(name: str) -> None:
        handler.end(local(name), to_char(parser.CurrentByteIndex))

    def chars(value: str) -> None:
        offset = to_char(parser.CurrentByteIndex)
        if text.startswith(value, offset):
            handler.text(value, offset, offset + len(value))
        else:
            handler.text(value, offset, _reference_end(text, offset))

    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.ExternalEntityRefHandler = external
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        for at in range(0, len(data), FEED_BYTES):
            parser.Parse(data[at : at + FEED_BYTES], False)
        parser.Parse(b"", True)
    except DefusedXmlException as exc:
        name = getattr(exc, "name", None)
        what = f"it declares the entity {name!r}" if name else "it refers to an external entity"
        where = f" at line {parser.CurrentLineNumber}, column {parser.CurrentColumnNumber + 1}"
        raise InputError(
            path, f"unsafe XML: {what}{where}; entity declarations and external references are refused"
        ) from None
    except expat.ExpatError as exc:
        reason = expat.errors.messages[exc.code]
        raise InputError(path, f"malformed XML: {reason} at line {exc.lineno}, column {exc.offset + 1}") from None


def _identity(offset: int) -> int:
    return offset


class _CharIndex:
    """Byte offsets of UTF-8 data → code-point offsets, for offsets asked in increasing order."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.byte = 0
        self.char = 0

    def __call__(self, offset: int) -> int:
        if offset < self.byte:
            self.byte = self.char = 0
        self.char += len(self.data[self.byte : offset].decode("utf-8", "surrogatepass"))
        self.byte = offset
        return self.char


def _tag_end(text: str, offset: int) -> int:
    """The offset just after the start tag that begins at ``offset`` (quoted attribute values skipped)."""
    at = offset
    quote = ""
    while at < len(text):
        char = text[at]
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == ">":
            return at + 1
        at += 1
    return at


def _reference_end(text: str, offset: int) -> int:
    """Where the source of a non-verbatim piece of character data ends.

    An entity or character reference (``&amp;``, ``&#233;``), or a CR LF read as LF; anything else is
    treated as zero-width.
    """
    if text.startswith("&", offset):
        semicolon = text.find(";", offset, offset + 64)
        return semicolon + 1 if semicolon != -1 else offset
    if text.startswith("\r\n", offset):
        return offset + 2
    if text.startswith("\r", offset):
        return offset + 1
    return offset
