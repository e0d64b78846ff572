"""Find the files to lint and decode them into Documents, with one clear error per bad input."""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mtqa.document import Document
from mtqa.gitignore import GitIgnore
from mtqa.profiles import language_code

TEXT_SUFFIXES = frozenset({".txt"})
REFERENCE_SUFFIX = ".ref.txt"  # post-edited references (mtqa eval), skipped when walking folders
STDIN = "-"  # the path that names standard input
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
BINARY_SNIFF = 8192


class InputError(Exception):
    """A path that could not be read as text; ``str()`` is the one-line message for the user."""

    def __init__(self, path: str, problem: str) -> None:
        """Record the offending path and what is wrong with it."""
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        """Pickle by path and problem (errors travel back from worker processes)."""
        return (InputError, (self.path, self.problem))


def discover(paths: list[str]) -> Iterator[str | InputError]:
    """Yield the files named by ``paths`` (directories walked for ``*.txt``; ``-`` is stdin), in sorted order.

    Inside a git work tree, what its ``.gitignore`` files ignore is skipped while walking a directory;
    a file named in ``paths`` is always yielded. A missing path or a directory without text files is
    yielded as an InputError, so that the caller can report it and go on with the rest.
    """
    for raw in paths:
        path = Path(raw)
        if raw == STDIN:
            yield raw
        elif path.is_dir():
            found = False
            ignore = GitIgnore.for_directory(path)
            for root, dirs, files in os.walk(path):
                ignore.enter(root)
                dirs[:] = sorted(
                    d for d in dirs if not d.startswith(".") and not ignore.ignored(os.path.join(root, d), True)
                )
                for name in sorted(files):
                    skip = name.startswith(".") or name.lower().endswith(REFERENCE_SUFFIX)  # references: not stories
                    skip = skip or ignore.ignored(os.path.join(root, name), False)  # .gitignore'd
                    if not skip and Path(name).suffix.lower() in TEXT_SUFFIXES:
                        found = True
                        yield os.path.join(root, name)
            if not found:
                yield InputError(raw, "no text files (*.txt) found in this directory")
        elif path.exists() or path.is_symlink():
            yield raw
        else:
            yield InputError(raw, "no such file or directory")


@dataclass(frozen=True)
class RawFile:
    """A file's bytes, its decoded text, and how to encode a new text the same way."""

    path: str
    lang: str
    data: bytes
    text: str
    encoding: str  # "utf-8", "utf-16-le" / "utf-16-be", or the encoding an HTML or XML file declares
    bom: bytes

    def encode(self, text: str) -> bytes:
        """Encode ``text`` as this file was encoded, BOM included.

        Raises InputError when ``text`` has a character the file's encoding cannot hold.
        """
        try:
            return self.bom + text.encode(self.encoding)
        except UnicodeEncodeError as exc:
            char = exc.object[exc.start]
            raise InputError(
                self.path, f"the fix needs “{char}” (U+{ord(char):04X}), which {self.encoding} cannot encode; not fixed"
            ) from None

    def document(self) -> Document:
        """The Document of this file."""
        return Document(path=self.path, text=self.text, lang=self.lang)


def sniff(data: bytes, path: str) -> tuple[str, bytes]:
    """The encoding and BOM of file bytes.

    UTF-16 with a BOM; UTF-8 with a BOM; the encoding an HTML or XML file declares in its first 1,024
    bytes (``<meta charset>``, ``<meta http-equiv="Content-Type">``, ``<?xml encoding?>``); else UTF-8.
    """
    if data.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", codecs.BOM_UTF16_LE
    if data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", codecs.BOM_UTF16_BE
    if b"\x00" in data[:BINARY_SNIFF]:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8", codecs.BOM_UTF8
    if Path(path).suffix.lower() in MARKUP_SUFFIXES and (declared := DECLARED_ENCODING.search(data[:1024])):
        label = (declared["xml"] or declared["meta"]).decode("ascii")
        try:
            encoding = codecs.lookup(label).name
        except LookupError:
            raise InputError(path, f"declares an unknown encoding {label!r}") from None
        try:
            b"a".decode(encoding)  # a codec of bytes to bytes (uu, base64) or of text to text (rot13) is no charset
        except UnicodeDecodeError:
            pass  # a text encoding in which one "a" is incomplete (UTF-16): handled below
        except (LookupError, ValueError):  # "undefined" refuses everything
            raise InputError(path, f"declares {label!r}, which is not a text encoding") from None
        if encoding in TRANSFORMING:
            raise InputError(path, f"declares {label!r}, which rewrites the text it decodes") from None
        if encoding.startswith("utf-16") or encoding.startswith("utf-32"):
            encoding = "utf-8"  # a UTF-16 file has a BOM; without one, the declaration cannot be right
        return encoding, b""
    return "utf-8", b""


# Codecs that decode escapes or labels into other text (offsets and write-back would not hold)
TRANSFORMING = frozenset({"unicode-escape", "raw-unicode-escape", "idna", "punycode", "utf-7"})
MARKUP_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xml", ".rss", ".atom", ".xlf", ".xliff", ".sdlxliff", ".tmx"})
DECLARED_ENCODING = re.compile(
    rb"""\A\s*<\?xml[^>]*?\bencoding\s*=\s*["'](?P<xml>[A-Za-z0-9._:-]+)["']"""
    rb"""|<meta\b[^>]*?\bcharset\s*=\s*["']?(?P<meta>[A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)


def decode(data: bytes, path: str) -> str:
    """Decode file bytes as UTF-8 (or UTF-16 with a BOM), dropping a BOM; raise InputError otherwise."""
    encoding, bom = sniff(data, path)
    try:
        return data[len(bom) :].decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding.startswith("utf-16"):
            raise InputError(path, f"invalid UTF-16 at byte {exc.start + len(bom)}") from None
        if encoding != "utf-8":
            raise InputError(path, f"invalid {encoding} at byte {exc.start} (the encoding the file declares)") from None
        at = exc.start + len(bom)
        line = data.count(b"\n", 0, at) + 1
        raise InputError(path, f"invalid UTF-8 at byte {at} (line {line}); convert the file to UTF-8") from None


def read_raw(path: str, lang: str, max_bytes: int = DEFAULT_MAX_BYTES) -> RawFile:
    """Read and decode one file; every failure is an InputError naming the file."""
    if path == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(path, f"standard input too large (> {max_bytes / 1e6:.0f} MB limit)")
        encoding, bom = sniff(data, path)
        return RawFile(path, lang, data, decode(data, path), encoding, bom)
    data = read_bytes(path, max_bytes)
    encoding, bom = sniff(data, path)
    return RawFile(path, lang, data, decode(data, path), encoding, bom)


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; every failure is an InputError naming it."""
    try:
        info = os.stat(path)  # a symbolic link loop or a file gone since discovery: an OSError
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, f"not a regular file ({_kind(info.st_mode)})")
        size = info.st_size
        if size > max_bytes:
            raise InputError(path, f"file too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.0f} MB limit)")
        with open(path, "rb") as handle:
            return handle.read(max_bytes + 1)
    except FileNotFoundError:  # gone since it was found, or a symbolic link to nothing
        raise InputError(path, "no such file or directory") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


def _kind(mode: int) -> str:
    """What a file that is not a regular one is, in words."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


@dataclass(frozen=True)
class FeedFields:
    """The names of the item fields of a JSON feed."""

    id: str = "id"
    title: str = "title"
    body: str = "body"


def read_feed(
    path: str, lang: str, fields: FeedFields, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | InputError]:
    """The items of a JSON Lines file (one object a line) or a JSON array, one Document each.

    An item's Document is named ``path#id`` (the id field, else its line or position) and holds its
    title and body separated by a blank line, so that headline rules see the title. A malformed line or
    an item without a body is one InputError; the other items are still read.
    """
    raw = read_raw(path, lang, max_bytes)
    if Path(path).suffix.lower() == ".jsonl":
        records: list[tuple[str, object]] = []
        for number, line in enumerate(raw.text.split("\n"), 1):  # LF only: JSON strings may hold U+2028
            if not line.strip():
                continue
            try:
                records.append((str(number), json.loads(line)))
            except json.JSONDecodeError as exc:
                yield InputError(f"{path}:{number}", f"invalid JSON ({exc.msg} at column {exc.colno})")
    else:
        try:
            data = json.loads(raw.text)
        except json.JSONDecodeError as exc:
            yield InputError(path, f"invalid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
            return
        if not isinstance(data, list):
            yield InputError(path, "a JSON feed must be an array of items")
            return
        records = [(str(i), item) for i, item in enumerate(data, 1)]
    for where, item in records:
        if not isinstance(item, dict):
            yield InputError(f"{path}#{where}", "an item must be a JSON object")
            continue
        ident = item.get(fields.id)
        name = item_name(ident) if isinstance(ident, str | int | float) and not isinstance(ident, bool) else where
        body = item.get(fields.body)
        title = item.get(fields.title) or ""
        if not isinstance(body, str):
            yield InputError(f"{path}#{name}", f"no text field {fields.body!r} (see --body-field)")
            continue
        if not isinstance(title, str):
            yield InputError(f"{path}#{name}", f"the title field {fields.title!r} is not text")
            continue
        text = f"{title}\n\n{body}" if title else body
        yield Document(path=f"{path}#{name}", text=text, lang=item_language(item) or lang)


def item_language(item: dict[str, object]) -> str:
    """The target language a feed item declares (``language`` or ``lang``: ``fr-FR`` → ``fr``), or ""."""
    tag = item.get("language") or item.get("lang")
    return language_code(tag) if isinstance(tag, str) else ""


def item_name(ident: str | int | float) -> str:
    """An item id fit for a path: control characters and whitespace runs become single spaces."""
    text = ident if isinstance(ident, str) else json.dumps(ident)
    return " ".join("".join(c if c.isprintable() else " " for c in text).split()) or "?"


def read_document(path: str, lang: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read and decode one file into a Document; every failure is an InputError naming the file."""
    return read_raw(path, lang, max_bytes).document()
