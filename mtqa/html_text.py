"""Extract the article text of an HTML page (or an HTML fragment), knowing where every piece came from.

The headline (the first ``<h1>``, else ``<title>``) comes first, then the text of each block element
(``p``, ``h1``-``h6``, ``li``, ``blockquote``, ``figcaption``, ``td``…), blocks separated by a blank line.
Scripts, styles, forms and site chrome (``nav``, ``aside``, ``footer``, and ``header`` outside the
article) are skipped; when the page has an ``<article>`` or ``<main>``, only its blocks are kept.
Whitespace runs collapse to one space as a browser shows them, ``<br>`` is a line break, entities are
decoded. The standard library's ``html.parser`` reports where each tag, text run and entity starts, so
the result carries a ``SourceMap`` back to the page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from mtqa.document import Document
from mtqa.readers import InputError
from mtqa.sourcemap import SourceMap, TextBuilder

SKIP = frozenset(
    {"script", "style", "noscript", "template", "nav", "footer", "aside", "form", "svg", "math", "iframe", "object"}
    | {"button", "select", "textarea"}
)
BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt", "figcaption"}
    | {"figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "ol", "p"}
    | {"pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "title", "html"}
)
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
MAIN = frozenset({"article", "main"})
SPACE = re.compile(r"[ \t\n\r\f]+")
ENTITY_END = re.compile(r"&#?[0-9A-Za-z]*;?")


class HtmlError(ValueError):
    """HTML that cannot be parsed; ``str()`` says where."""


@dataclass
class _Block:
    """The pieces of one block: ``(kind, start, end, text)`` with kind ``data``, ``entity`` or ``break``."""

    pieces: list[tuple[str, int, int, str]] = field(default_factory=list)
    main: bool = False
    tag: str = ""


class _Collector(HTMLParser):
    """Walks the page and groups its text pieces into blocks, with their source offsets."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.stack: list[tuple[str, bool]] = []  # open elements, and whether each skips its content
        self.skipping = 0
        self.in_main = 0
        self.in_head = 0
        self.in_title = 0
        self.blocks: list[_Block] = []
        self.block = _Block()

    def _position(self) -> int:
        """The source offset of the token being handled."""
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _reading(self) -> bool:
        return not self.skipping and (not self.in_head or self.in_title > 0)

    def _flush(self) -> None:
        """End the current block and start a new one inside the innermost open block element."""
        if self.block.pieces:
            self.blocks.append(self.block)
        tag = next((t for t, _ in reversed(self.stack) if t in BLOCKS), "")
        self.block = _Block(main=self.in_main > 0, tag=tag)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            if self._reading():
                start = self._position()
                end = self.source.find(">", start) + 1 or len(self.source)
                self.block.pieces.append(("break", start, end, "\n"))
            return
        if tag in VOID:
            if tag in BLOCKS:
                self._flush()
            return
        skips = tag in SKIP or (tag == "header" and not self.in_main)
        self.stack.append((tag, skips))
        self._count(tag, skips, 1)
        if tag in BLOCKS:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" or tag in VOID:
            self.handle_starttag(tag, attrs)
        elif tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if all(t != tag for t, _ in self.stack):
            return
        closes_block = False
        while self.stack:
            top, skips = self.stack.pop()
            self._count(top, skips, -1)
            closes_block = closes_block or top in BLOCKS
            if top == tag:
                break
        if closes_block:
            self._flush()

    def _count(self, tag: str, skips: bool, step: int) -> None:
        self.skipping += step if skips else 0
        self.in_main += step if tag in MAIN else 0
        self.in_head += step if tag == "head" else 0
        self.in_title += step if tag == "title" else 0

    def handle_data(self, data: str) -> None:
        if self._reading() and data:
            start = self._position()
            self.block.pieces.append(("data", start, start + len(data), data))

    def _entity(self) -> None:
        if not self._reading():
            return
        start = self._position()
        match = ENTITY_END.match(self.source, start)
        end = match.end() if match else start + 1
        self.block.pieces.append(("entity", start, end, html.unescape(self.source[start:end])))

    def handle_entityref(self, name: str) -> None:
        self._entity()

    def handle_charref(self, name: str) -> None:
        self._entity()


def _write_block(builder: TextBuilder, block: _Block) -> None:
    """Write a block's pieces, collapsing whitespace runs to one space and trimming both ends."""
    pending: tuple[int, int] | None = None  # the first whitespace run since the last content
    at_start = True
    for kind, start, end, text in block.pieces:
        if kind == "break":
            builder.replaced("\n", start, end)
            pending, at_start = None, True
            continue
        if kind == "entity":
            chunks = [(start, end, False)]
        else:
            chunks = []
            pos = start
            for match in SPACE.finditer(text):
                if match.start() > pos - start:
                    chunks.append((pos, start + match.start(), False))
                chunks.append((start + match.start(), start + match.end(), True))
                pos = start + match.end()
            if pos < end:
                chunks.append((pos, end, False))
        for lo, hi, space in chunks:
            if space:
                if pending is None and not at_start:
                    pending = (lo, hi)
                continue
            if pending is not None:
                builder.replaced(" ", *pending)
                pending = None
            if kind == "entity":
                builder.replaced(text, lo, hi)
            else:
                builder.verbatim(lo, hi)
            at_start = False


def _has_text(block: _Block) -> bool:
    return any(kind != "break" and (kind == "entity" or text.strip()) for kind, _, _, text in block.pieces)


def extract_html(source: str, fragment: bool = False) -> tuple[str, SourceMap]:
    """The article text of an HTML page and its map back to ``source``.

    With ``fragment`` (an RSS description, an Atom content) every block is kept, with no headline.
    Markup that the parser cannot read at all raises HtmlError.
    """
    collector = _Collector(source)
    try:
        collector.feed(source)
        collector.close()
    except AssertionError as exc:  # html.parser gives up on some broken declarations (``<![``)
        line, column = collector.getpos()
        raise HtmlError(f"malformed HTML at line {line}, column {column + 1}: {' '.join(str(exc).split())}") from None
    collector._flush()
    blocks = [b for b in collector.blocks if _has_text(b)]
    titles = [b for b in blocks if b.tag == "title"]
    body = [b for b in blocks if b.tag != "title"]
    if not fragment and any(b.main for b in body):
        chosen = [b for b in body if b.main]
        if not any(b.tag == "h1" for b in chosen):
            headline = next((b for b in body if b.tag == "h1"), titles[0] if titles else None)
            chosen = [headline, *chosen] if headline is not None else chosen
    else:
        chosen = body
        if not fragment and titles and not any(b.tag == "h1" for b in body):
            chosen = [titles[0], *body]
    builder = TextBuilder(source)
    for number, block in enumerate(chosen):
        if number:
            builder.synthetic("\n\n")
        _write_block(builder, block)
    return builder.build()


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment: blocks separated by a blank line, whitespace collapsed, entities decoded."""
    return extract_html(fragment, fragment=True)[0]


def html_document(path: str, source: str, lang: str) -> Document:
    """The Document of an HTML page: its article text, with a source map back to the page.

    A page that cannot be parsed raises InputError.
    """
    try:
        text, source_map = extract_html(source)
    except HtmlError as exc:
        raise InputError(path, str(exc)) from None
    return Document(path=path, text=text, lang=lang, source_map=source_map)
