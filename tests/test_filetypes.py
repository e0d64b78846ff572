from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.document import Document
from mtqa.filetypes import FileType, file_type, not_fixable, read_documents
from mtqa.readers import InputError


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("story.txt", FileType.TEXT),
        ("-", FileType.TEXT),
        ("notes", FileType.TEXT),
        ("feed.JSONL", FileType.JSON_FEED),
        ("feed.json", FileType.JSON_FEED),
        ("feed.xml", FileType.XML_FEED),
        ("feed.rss", FileType.XML_FEED),
        ("feed.atom", FileType.XML_FEED),
        ("page.html", FileType.HTML),
        ("page.HTM", FileType.HTML),
        ("story.md", FileType.MARKDOWN),
        ("story.markdown", FileType.MARKDOWN),
    ],
)
def test_file_type_by_suffix(name: str, kind: FileType) -> None:
    assert file_type(name) is kind


def test_only_feeds_are_not_fixable() -> None:
    assert not_fixable("a.jsonl") and not_fixable("a.rss") and not_fixable("a.xml")
    assert not_fixable("a.md") is None and not_fixable("a.html") is None and not_fixable("a.txt") is None


def test_markup_documents_carry_a_source_map_and_text_does_not(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Title\n\nBody *text*.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Body *text*.\n", encoding="utf-8")
    (md,) = read_documents(str(tmp_path / "a.md"), "en")
    (txt,) = read_documents(str(tmp_path / "a.txt"), "en")
    assert isinstance(md, Document) and md.text == "Title\n\nBody text." and md.source_map is not None
    assert isinstance(txt, Document) and txt.text == "Body *text*.\n" and txt.source_map is None


def test_xml_that_is_not_a_feed_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "doc.xml").write_text("<tmx version='1.4'/>", encoding="utf-8")
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        list(read_documents(str(tmp_path / "doc.xml"), "en"))
