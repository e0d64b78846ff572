from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from mtqa.readers import InputError, decode, discover, read_document


def test_utf8_bom_is_dropped_and_utf16_decoded(tmp_path: Path) -> None:
    assert decode(codecs.BOM_UTF8 + b"Kyiv", "x") == "Kyiv"
    assert decode("Kyiv ïa".encode("utf-16"), "x") == "Kyiv ïa"


def test_invalid_utf8_names_byte_and_line() -> None:
    with pytest.raises(InputError) as err:
        decode(b"ok\nbad \xff here", "story.txt")
    assert str(err.value) == "story.txt: invalid UTF-8 at byte 7 (line 2); convert the file to UTF-8"


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(InputError, match="binary file"):
        read_document(str(path), "en")


def test_too_large_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("a" * 2000)
    with pytest.raises(InputError, match="file too large"):
        read_document(str(path), "en", max_bytes=1000)


def test_directory_walk_is_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("B")
    (tmp_path / "a.txt").write_text("A")
    (tmp_path / "notes.md").write_text("M")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("C")
    found = list(discover([str(tmp_path)]))
    assert [Path(str(p)).name for p in found] == ["a.txt", "b.txt"]


def test_missing_path_and_empty_directory_are_errors(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    items = list(discover([str(tmp_path / "nope.txt"), str(tmp_path / "empty")]))
    assert all(isinstance(i, InputError) for i in items)
    assert "no such file" in str(items[0]) and "no text files" in str(items[1])


def test_unreadable_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a regular file"):
        read_document(str(tmp_path), "en")
