"""Extract the prose of a Markdown file, markup left out, knowing where every piece came from.

``markdown-it-py`` (CommonMark, with GitHub tables and strikethrough) gives the structure: each block's
inline content with the lines it spans. Headings, paragraphs, list items, quotes and table rows become
paragraphs of the text, separated by a blank line; heading and list markers, quote markers, emphasis,
link targets (the link text stays), table pipes, code spans and blocks, HTML and YAML/TOML front
matter are left out. Each inline text run is then found in the source, from where the last one ended,
so that the text carries a ``SourceMap`` back to the file.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from mtqa.document import Document
from mtqa.sourcemap import SourceMap, TextBuilder

FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\n.*?\n(---|\.\.\.|\+\+\+)[ \t]*(\n|\Z)", re.DOTALL)
SKIPPED_INLINE = frozenset({"code_inline", "html_inline", "image"})


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.disable("text_join")  # keep entities and escapes apart from the text around them
    return md


class _Locator:
    """Finds inline runs in the normalised source (LF line ends) and maps them to the original text."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.text = source.replace("\r\n", "\n").replace("\r", "\n")
        # offsets in ``text`` after which a CRLF of the source was folded into one LF
        self.folds = [m.start() - i for i, m in enumerate(re.finditer("\r\n", source))]
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]

    def original(self, offset: int) -> int:
        """The source offset of an offset in the normalised text."""
        return offset + bisect.bisect_left(self.folds, offset)

    def line(self, number: int) -> int:
        """The normalised offset of a 0-based line number."""
        return self.line_starts[number] if number < len(self.line_starts) else len(self.text)


def _skip_link_tail(text: str, pos: int) -> int:
    """The offset after a link's ``](destination "title")`` or ``][label]`` that starts at or after ``pos``."""
    close = text.find("]", pos)
    if close == -1:
        return pos
    after = close + 1
    if text.startswith("(", after):
        depth = 0
        for i in range(after, len(text)):
            if text[i] == "\\":
                continue
            if text[i] == "(":
                depth += 1
            elif text[i] == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
        return after
    if text.startswith("[", after):
        end = text.find("]", after)
        return end + 1 if end != -1 else after
    return after


class _Writer:
    """Writes the inline runs of a Markdown block into a TextBuilder, searching each in the source."""

    def __init__(self, locator: _Locator, builder: TextBuilder) -> None:
        self.at = locator
        self.out = builder

    def _put(self, text: str, start: int, end: int) -> None:
        """Write ``text`` for the normalised span ``[start, end)`` (verbatim when the source reads the same)."""
        self.out.replaced(text, self.at.original(start), self.at.original(end))

    def inline(self, token: Token, start: int, limit: int) -> int:
        """Write the text of an inline token whose source lies in ``[start, limit)``; return where it ended."""
        source = self.at.text
        cursor = start
        depth = 0  # inside an autolink, whose text is a URL
        children = token.children or []
        for child in children:
            kind = child.type
            if kind == "text" and child.content and not depth:
                found = source.find(child.content, cursor, limit)
                if found == -1:
                    self.out.replaced(child.content, self.at.original(cursor), self.at.original(cursor))
                    continue
                self._put(child.content, found, found + len(child.content))
                cursor = found + len(child.content)
            elif kind == "text_special":
                found = source.find(child.markup, cursor, limit)
                if found == -1:
                    found = cursor
                    span = 0
                else:
                    span = len(child.markup)
                self._put(child.content, found, found + span)
                cursor = found + span
            elif kind in ("softbreak", "hardbreak"):
                found = source.find("\n", cursor, limit)
                found = cursor if found == -1 else found
                # a hard break's backslash or trailing spaces stand with the line end
                begin = found
                while kind == "hardbreak" and begin > cursor and source[begin - 1] in " \\":
                    begin -= 1
                self._put(" " if kind == "softbreak" else "\n", begin, found + 1 if found < limit else found)
                cursor = found + 1
            elif kind == "code_inline":
                found = source.find(child.markup, cursor, limit)
                if found != -1:
                    close = source.find(child.markup, found + len(child.markup) + len(child.content.strip()), limit)
                    cursor = close + len(child.markup) if close != -1 else found + len(child.markup)
            elif kind == "html_inline":
                found = source.find(child.content, cursor, limit)
                cursor = found + len(child.content) if found != -1 else cursor
            elif kind == "image":
                found = source.find("![", cursor, limit)
                if found != -1:
                    cursor = _skip_link_tail(source, _close_bracket(source, found + 2, limit))
            elif kind == "link_open" and child.markup == "autolink":
                depth += 1
            elif kind == "link_close":
                if child.markup == "autolink":
                    depth -= 1
                    end = source.find(">", cursor, limit)
                    cursor = end + 1 if end != -1 else cursor
                else:
                    cursor = _skip_link_tail(source, cursor)
        return cursor


def _close_bracket(text: str, pos: int, limit: int) -> int:
    """The offset of the ``]`` closing a bracket opened just before ``pos`` (nested brackets counted)."""
    depth = 1
    i = pos
    while i < limit:
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return pos


def extract_markdown(source: str) -> tuple[str, SourceMap]:
    """The prose of a Markdown document and its map back to ``source``."""
    locator = _Locator(source)
    text = locator.text
    if match := FRONT_MATTER.match(text):  # blank it out, keeping offsets and line numbers
        text = re.sub(r"[^\n]", " ", match.group()) + text[match.end() :]
    builder = TextBuilder(source)
    writer = _Writer(locator, builder)
    first = True
    row: int | None = None  # inside a table row: where the search for the next cell starts
    row_text = cell_seen = False
    for token in _parser().parse(text):
        if token.type == "tr_open" and token.map is not None:
            row, row_text, cell_seen = locator.line(token.map[0]), False, False
            continue
        if token.type == "tr_close":
            row, row_text = None, False
            continue
        if token.type != "inline" or token.map is None:
            continue
        start, limit = locator.line(token.map[0]), locator.line(token.map[1])
        if row is not None:
            start = row
            if cell_seen:  # a later cell of the row starts after the next pipe
                pipe = text.find("|", row, limit)
                start = pipe + 1 if pipe != -1 else row
            cell_seen = True
            row = start
        if not token.content.strip():
            continue
        if row_text:
            builder.synthetic("\t")  # the cells of a row stay on one line
        elif not first:
            builder.synthetic("\n\n")
        end = writer.inline(token, start, limit)
        first = False
        if row is not None:
            row, row_text = end, True
    return builder.build()


def markdown_document(path: str, source: str, lang: str) -> Document:
    """The Document of a Markdown file: its prose, with a source map back to the file."""
    text, source_map = extract_markdown(source)
    return Document(path=path, text=text, lang=lang, source_map=source_map)
