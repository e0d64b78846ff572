"""RSS 2.0 and Atom feeds: parse them safely and read each item as a story.

XML is parsed with ``defusedxml``: a file that declares entities or refers to external ones is refused
("unsafe XML"), a malformed one is reported with its line and column; neither is ever a traceback.
An item's Document holds its title, a blank line, then its text with the HTML stripped (RSS:
``content:encoded``, else ``description``; Atom: ``content``, else ``summary``), exactly as a JSON feed
item's, and is named ``path#id`` (RSS: ``guid``, else ``link``, else the item's position; Atom: ``id``).

A feed declares its language as a JSON feed item does, and the declaration is the item's target
language: RSS 2.0 in the channel's ``language`` (or ``dc:language``, or ``xml:lang`` on the channel or
the root), an item in its own ``dc:language`` or ``xml:lang``; Atom in ``xml:lang`` on the feed, the entry
or the content (summary) the text is read from. The nearest declaration wins (content over entry over
feed, item over channel); ``fr-FR`` is ``fr``, and a code without a profile is checked with the run's.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import NamedTuple
from xml.etree import ElementTree as ET

from mtqa.document import Document
from mtqa.html_text import HtmlError, html_to_text
from mtqa.profiles import language_code
from mtqa.readers import InputError, item_name

ATOM = "{http://www.w3.org/2005/Atom}"
XHTML = "{http://www.w3.org/1999/xhtml}"
RSS_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_LANGUAGE = "{http://purl.org/dc/elements/1.1/}language"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse_xml(data: bytes | str, path: str) -> ET.Element:
    """The root element of an XML file, parsed without entity expansion or external references.

    ``data`` is best the decoded text (``mtqa.readers.read_raw``: the declared encoding is honoured, and
    its declaration is then ignored); bytes are decoded by expat, which knows few encodings. Unsafe XML
    (entity declarations, external references), malformed XML and an encoding expat cannot read raise a
    one-line InputError.
    """
    from defusedxml import ElementTree as SafeET
    from defusedxml.common import DefusedXmlException

    try:
        root: ET.Element = SafeET.fromstring(data)
    except DefusedXmlException as exc:
        name = getattr(exc, "name", None)
        what = f"it declares the entity {name!r}" if name else " ".join(str(exc).split())
        raise InputError(path, f"unsafe XML: {what}; entity declarations and external references are refused") from None
    except LookupError as exc:  # bytes declaring an encoding Python does not know
        raise InputError(path, f"declares an unknown encoding ({exc})") from None
    except ValueError as exc:  # bytes declaring a multi-byte encoding, which expat cannot read
        raise InputError(path, f"declares an encoding the XML parser cannot read ({exc})") from None
    except ET.ParseError as exc:
        line, column = exc.position
        reason = str(exc).rsplit(": line ", 1)[0]
        raise InputError(path, f"malformed XML: {reason} at line {line}, column {column + 1}") from None
    return root


def feed_kind(root: ET.Element) -> str | None:
    """``"rss"`` for an RSS 2.0 root, ``"atom"`` for an Atom feed, else None."""
    if root.tag == "rss":
        return "rss"
    if root.tag == f"{ATOM}feed":
        return "atom"
    return None


def feed_items(root: ET.Element, path: str, lang: str) -> Iterator[Document | InputError]:
    """The items of an RSS 2.0 or Atom feed (see ``feed_kind``), one Document or InputError each.

    An item's target language is the one it (else its feed) declares, else ``lang``.
    """
    reader: Callable[[ET.Element, int], _Item]
    if feed_kind(root) == "atom":
        entries = root.findall(f"{ATOM}entry")
        reader = _atom_entry
        declared = _xml_lang(root)
    else:
        channel = root.find("channel")
        entries = channel.findall("item") if channel is not None else []
        reader = _rss_item
        declared = _rss_language(channel) if channel is not None else ""
        declared = declared or _xml_lang(root)
    default = declared or lang
    for position, entry in enumerate(entries, 1):
        try:
            item = reader(entry, position)
        except _ItemError as exc:  # an item without text, or with unreadable HTML
            yield InputError(f"{path}#{exc.name}", exc.problem)
            continue
        text = f"{item.title}\n\n{item.body}" if item.title else item.body
        yield Document(path=f"{path}#{item.name}", text=text, lang=item.lang or default)


class _Item(NamedTuple):
    """What a feed item holds: its name, title, stripped body and declared language ("" for none)."""

    name: str
    title: str
    body: str
    lang: str


def _xml_lang(element: ET.Element | None) -> str:
    """The language an element's ``xml:lang`` declares (``fr-FR`` → ``fr``), or ""."""
    return language_code(element.get(XML_LANG, "")) if element is not None else ""


def _rss_language(element: ET.Element) -> str:
    """The language an RSS channel or item declares: ``language``, ``dc:language``, else ``xml:lang``; or ""."""
    for tag in ("language", DC_LANGUAGE):
        if code := language_code(_text(element.find(tag))):
            return code
    return _xml_lang(element)


class _ItemError(Exception):
    """An item that cannot be read: its name and the problem."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem


def _text(element: ET.Element | None) -> str:
    """The text of an element and its descendants, or "" when it is missing."""
    return "".join(element.itertext()) if element is not None else ""


def _rss_item(item: ET.Element, position: int) -> _Item:
    """An RSS item's name, title, stripped body and language; _ItemError when it has no readable text."""
    ident = _text(item.find("guid")).strip() or _text(item.find("link")).strip()
    name = item_name(ident) if ident else str(position)
    title = " ".join(_text(item.find("title")).split())
    html = _text(item.find(RSS_CONTENT)) or _text(item.find("description"))
    if not html.strip() and not title:
        raise _ItemError(name, "no title, description or content:encoded")
    try:
        return _Item(name, title, html_to_text(html), _rss_language(item))
    except HtmlError as exc:
        raise _ItemError(name, str(exc)) from None


def _atom_entry(entry: ET.Element, position: int) -> _Item:
    """An Atom entry's name, title, stripped body and language; _ItemError when it has no readable text."""
    ident = _text(entry.find(f"{ATOM}id")).strip()
    if not ident:
        link = entry.find(f"{ATOM}link")
        ident = (link.get("href") or "").strip() if link is not None else ""
    name = item_name(ident) if ident else str(position)
    try:
        title = " ".join(_atom_text(entry.find(f"{ATOM}title")).split())
        source = entry.find(f"{ATOM}content")
        body = _atom_text(source) if source is not None and source.get("src") is None else ""
        if not body:
            source = entry.find(f"{ATOM}summary")
            body = _atom_text(source)
    except HtmlError as exc:
        raise _ItemError(name, str(exc)) from None
    if not body.strip() and not title:
        raise _ItemError(name, "no title, content or summary")
    return _Item(name, title, body, (_xml_lang(source) if body else "") or _xml_lang(entry))


def _atom_text(element: ET.Element | None) -> str:
    """The text of an Atom text construct: ``type`` text as it is, html and xhtml with the markup stripped."""
    if element is None:
        return ""
    kind = element.get("type", "text")
    if kind == "html":
        return html_to_text(_text(element))
    if kind == "xhtml":
        return html_to_text(_xhtml(element))
    if kind not in ("text", "") and not kind.startswith("text/"):
        return ""  # base64 or other media: not text
    return html_to_text(_escape(_text(element)))


def _escape(text: str) -> str:
    """Plain text as HTML, so that it is cut into paragraphs and its whitespace collapsed like html."""
    from html import escape

    return "".join(f"<p>{escape(part)}</p>" for part in text.split("\n\n"))


def _xhtml(element: ET.Element) -> str:
    """The markup inside an Atom xhtml construct, namespaces dropped (the ``div`` wrapper included)."""
    copied = copy.deepcopy(element)
    for node in copied.iter():
        if isinstance(node.tag, str) and node.tag.startswith("{"):
            node.tag = node.tag.split("}", 1)[1]
    inner = [ET.tostring(child, encoding="unicode", method="html") for child in copied]
    from html import escape

    return escape(copied.text or "") + "".join(inner)
