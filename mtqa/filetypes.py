"""Which reader reads a file: the one place that maps a path to its file type.

Plain text (``.txt``, standard input and any other name), JSON feeds (``.jsonl``, ``.json``), XML
feeds (``.xml``, ``.rss``, ``.atom``: RSS 2.0 or Atom, told apart by their root element), HTML pages
(``.html``, ``.htm``) and Markdown (``.md``, ``.markdown``). HTML and Markdown documents carry a source
map, so their findings point into the file and their fixes are written back to it; feed items are
stories of their own and are not fixed in place. Bilingual files (``.xlf``, ``.xliff``, ``.sdlxliff``,
``.tmx``, ``.po``; ``.pot`` templates are skipped) and aligned pairs (``story.en.txt`` beside
``story.fr.txt``) are read by ``mtqa.bilingual``: their targets are checked and fixed in the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

from mtqa.document import Document
from mtqa.readers import DEFAULT_MAX_BYTES, FeedFields, InputError, read_document, read_feed, read_raw


class FileType(StrEnum):
    """The kinds of input mtqa reads."""

    TEXT = "text"
    JSON_FEED = "json-feed"
    XML_FEED = "xml-feed"
    HTML = "html"
    MARKDOWN = "markdown"
    BILINGUAL = "bilingual"  # XLIFF, TMX, PO (mtqa.bilingual)


SUFFIXES = {
    ".jsonl": FileType.JSON_FEED,
    ".json": FileType.JSON_FEED,
    ".xml": FileType.XML_FEED,
    ".rss": FileType.XML_FEED,
    ".atom": FileType.XML_FEED,
    ".html": FileType.HTML,
    ".htm": FileType.HTML,
    ".md": FileType.MARKDOWN,
    ".markdown": FileType.MARKDOWN,
    **dict.fromkeys((".xlf", ".xliff", ".sdlxliff", ".tmx", ".po", ".pot"), FileType.BILINGUAL),
}
FEEDS = frozenset({FileType.JSON_FEED, FileType.XML_FEED})


def file_type(path: str) -> FileType:
    """The type of the file at ``path``, from its suffix (plain text when it has no known one)."""
    return SUFFIXES.get(Path(path).suffix.lower(), FileType.TEXT)


def not_fixable(path: str) -> str | None:
    """Why ``path`` cannot be fixed in place (its items are stories of a feed), or None when it can."""
    kind = file_type(path)
    if kind is FileType.JSON_FEED:
        return "items of a JSON feed are not fixed in place; fix the stories at their source"
    if kind is FileType.XML_FEED:
        return "items of an RSS or Atom feed are not fixed in place; fix the stories at their source"
    return None


def source_document(path: str, text: str, lang: str) -> Document:
    """The Document of a file's decoded text: extracted with a source map for HTML and Markdown."""
    kind = file_type(path)
    if kind is FileType.HTML:
        from mtqa.html_text import html_document

        return html_document(path, text, lang)
    if kind is FileType.MARKDOWN:
        from mtqa.markdown_text import markdown_document

        return markdown_document(path, text, lang)
    if kind is FileType.BILINGUAL:
        from mtqa.bilingual import bilingual_document

        return bilingual_document(path, text, lang)
    if kind is FileType.TEXT and (pair := _pair(path, lang)) is not None:
        from mtqa.bilingual.pairs import pair_document

        return pair_document(path, text, lang, *pair)
    return Document(path=path, text=text, lang=lang)


def _pair(path: str, lang: str) -> tuple[str, str] | None:
    """The source file and language when ``path`` is the target of an aligned pair (``story.en.txt``)."""
    if not path.lower().endswith(".txt"):
        return None
    from mtqa.bilingual.pairs import pair_source

    return pair_source(path, lang)


def read_documents(
    path: str, lang: str, fields: FeedFields | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | InputError]:
    """The Documents of the file at ``path`` (one per feed item), a bad item as an InputError.

    A file that cannot be read at all raises InputError.
    """
    kind = file_type(path)
    if kind is FileType.JSON_FEED:
        return read_feed(path, lang, fields or FeedFields(), max_bytes)
    if kind is FileType.XML_FEED:
        return _read_xml(path, lang, max_bytes)
    if kind in (FileType.HTML, FileType.MARKDOWN, FileType.BILINGUAL):
        if path.lower().endswith(".pot"):  # a PO template: no targets to check
            return iter([])
        raw = read_raw(path, lang, max_bytes)
        return iter([source_document(path, raw.text, lang)])
    if path.lower().endswith(".txt"):  # aligned pairs: story.en.txt is checked against story.fr.txt
        from mtqa.bilingual.pairs import is_pair_source

        if _pair(path, lang) is not None:
            raw = read_raw(path, lang, max_bytes)
            return iter([source_document(path, raw.text, lang)])
        if is_pair_source(path, lang):  # story.fr.txt: checked through its target
            return iter([])
    return iter([read_document(path, lang, max_bytes)])


def _read_xml(path: str, lang: str, max_bytes: int) -> Iterator[Document | InputError]:
    """The items of an XML feed, dispatched on the root element."""
    from mtqa.feeds import feed_items, feed_kind, parse_xml

    root = parse_xml(read_raw(path, lang, max_bytes).text, path)  # decoded as its declaration says
    if feed_kind(root) is not None:
        return feed_items(root, path, lang)
    # Other XML vocabularies (XLIFF, TMX) get their readers here, chosen by the root element.
    raise InputError(path, "not an RSS or Atom feed")
