r"""gettext PO files: each message a unit, ``msgid`` its source and ``msgstr`` its target.

A small parser rather than ``polib``: polib gives the strings but not where they lie in the file, and
fixes must be written into the ``msgstr`` strings and nowhere else. A ``msgstr`` may be split over
several quoted lines; its text is their contents with the C escapes (``\n``, ``\"``, ``\\``…) read,
and an escape breaks the verbatim stretches, so a fix never rewrites one. Plural forms (``msgstr[N]``)
are units of their own, with ``msgid_plural`` as the source of every form after the first. Obsolete
messages (``#~``) and the header are skipped; the header's ``Language:`` is the target language and
``X-Source-Language:`` the source language (gettext's convention when absent: English). A unit is named
by its ``msgctxt`` and ``msgid`` (``ctxt|msgid``, shortened), with ``[N]`` for a plural form; printf
placeholders are checked when the message is flagged ``c-format``, ``python-format`` or the like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mtqa.bilingual.segments import BilingualBuilder
from mtqa.document import Document
from mtqa.profiles import language_code
from mtqa.readers import InputError

KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]*(?=\")")
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v", "?": "?"}
ESCAPE = re.compile(r"\\(?:[0-7]{1,3}|x[0-9A-Fa-f]+|.)", re.DOTALL)
ID_CHARS = 60

Piece = tuple[str, int, int]  # text, file start, file end


@dataclass
class _Message:
    """One message being read: its fields as pieces, its flags, and where its ``msgstr`` strings start."""

    fields: dict[str, list[Piece]] = field(default_factory=dict)
    anchors: dict[str, int] = field(default_factory=dict)  # file offset where each field's first string starts
    flags: set[str] = field(default_factory=set)

    def value(self, key: str) -> str:
        """The unescaped text of a field."""
        return "".join(text for text, _, _ in self.fields.get(key, ()))


def _string(line: str, base: int, start: int, path: str, number: int) -> list[Piece]:
    """The pieces of the quoted string that starts at ``line[start]``: verbatim runs and escapes."""
    pieces: list[Piece] = []
    at = start + 1
    while True:
        quote = line.find('"', at)
        backslash = line.find("\\", at)
        if quote == -1:
            raise InputError(path, f"malformed PO: unterminated string at line {number}, column {start + 1}")
        if backslash != -1 and backslash < quote:
            if backslash > at:
                pieces.append((line[at:backslash], base + at, base + backslash))
            m = ESCAPE.match(line, backslash)
            assert m is not None
            escape = m.group()
            pieces.append((_unescape(escape), base + backslash, base + m.end()))
            at = m.end()
            continue
        if quote > at:
            pieces.append((line[at:quote], base + at, base + quote))
        rest = line[quote + 1 :].strip()
        if rest and not rest.startswith("#"):
            raise InputError(path, f"malformed PO: text after a string at line {number}, column {quote + 2}")
        return pieces


def _unescape(escape: str) -> str:
    """The character a C escape stands for."""
    body = escape[1:]
    if body[:1] == "x" and len(body) > 1:  # a bare ``\x`` is an unknown escape: the letter itself
        code = int(body[1:], 16) % 0x110000
        return "\ufffd" if 0xD800 <= code <= 0xDFFF else chr(code)  # no lone surrogates in the text
    if body[:1] in ("0", "1", "2", "3", "4", "5", "6", "7"):  # ``\8`` and ``\9`` are not octal
        return chr(int(body, 8))
    return ESCAPES.get(body, body)


def _messages(text: str, path: str) -> list[_Message]:
    """The messages of a PO file, in order (obsolete ones left out)."""
    messages: list[_Message] = []
    current = _Message()
    key = ""
    last_was_string = False
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        base = offset
        offset += len(line)
        body = line.rstrip("\r\n")
        stripped = body.lstrip()
        indent = len(body) - len(stripped)
        if not stripped:
            continue
        if stripped.startswith("#"):
            if last_was_string and current.fields:  # a comment after a message starts the next one
                messages.append(current)
                current, key, last_was_string = _Message(), "", False
            if stripped.startswith("#,"):
                current.flags.update(flag.strip() for flag in stripped[2:].split(","))
            continue
        if stripped.startswith('"'):
            if not key:
                raise InputError(path, f"malformed PO: a string without a keyword at line {number}")
            current.fields[key].extend(_string(body, base, indent, path, number))
            continue
        m = KEYWORD.match(stripped)
        if m is None:
            raise InputError(path, f"malformed PO: unexpected text at line {number}, column {indent + 1}")
        name = m.group(1)
        if name in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in current.fields):
            messages.append(current)
            current = _Message()
        elif name in ("msgctxt", "msgid") and name in current.fields:
            raise InputError(path, f"malformed PO: {name} repeated at line {number}")
        key = name
        quote = indent + m.end()
        current.fields[key] = _string(body, base, quote, path, number)
        current.anchors[key] = base + quote + 1
        last_was_string = True
    if current.fields:
        messages.append(current)
    return messages


def _header_field(header: str, name: str) -> str:
    """A field of the PO header (``Language: fr``), or ""."""
    for line in header.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == name.lower():
            return value.strip()
    return ""


def _unit_id(context: str, msgid: str) -> str:
    """A unit's name: its context and msgid, on one line and shortened."""
    name = " ".join(msgid.split())
    if len(name) > ID_CHARS:
        name = name[: ID_CHARS - 1] + "…"
    return f"{' '.join(context.split())}|{name}" if context else name or "?"


def po_document(path: str, text: str, run_lang: str) -> Document:
    """The bilingual Document of a PO file's decoded text; InputError when it is malformed."""
    messages = _messages(text, path)
    source_lang, target_lang = "en", ""
    builder = BilingualBuilder(path, text)
    for message in messages:
        msgid = message.value("msgid")
        if "msgid" not in message.fields:
            raise InputError(path, "malformed PO: a message without msgid")
        if not msgid and "msgctxt" not in message.fields:  # the header
            header = message.value("msgstr")
            target_lang = language_code(_header_field(header, "Language"))
            source_lang = language_code(_header_field(header, "X-Source-Language")) or source_lang
            continue
        printf = any(flag.endswith("-format") and not flag.startswith("no-") for flag in message.flags)
        name = _unit_id(message.value("msgctxt"), msgid)
        keys = sorted((k for k in message.fields if k.startswith("msgstr")), key=lambda k: (len(k), k))
        for key in keys:
            plural = key != "msgstr"
            index = int(key[7:-1]) if plural else 0
            source = message.value("msgid_plural") if index > 0 and "msgid_plural" in message.fields else msgid
            builder.begin(f"{name}[{index}]" if plural else name, source, message.anchors[key], printf=printf)
            for piece, start, end in message.fields[key]:
                builder.replaced(piece, start, end)
            builder.end()
    return builder.document(source_lang, target_lang, run_lang)
