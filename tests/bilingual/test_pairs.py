"""Aligned pairs: story.en.txt checked against story.fr.txt, paragraph by paragraph."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.context import Context
from mtqa.filetypes import read_documents
from mtqa.readers import InputError
from tests.bilingual.conftest import found, lint_file

SOURCE = "Les combats près de Koupiansk.\n\nIl y a 27 000 habitants.\n\nLe maire a démissionné.\n"
TARGET = "Fighting near Kupyansk.\n\nThere are 26,000 inhabitants.\n\nThe mayor resigned.\n"


def test_pair_planted_errors(tmp_path: Path, ctx: Context) -> None:
    (tmp_path / "story.fr.txt").write_text(SOURCE, encoding="utf-8")
    target = tmp_path / "story.en.txt"
    target.write_text(TARGET, encoding="utf-8")
    result = lint_file(target, ctx, ["BIL"])
    hits = found(result)
    assert ("BIL005", "1", "Kupyansk") in hits
    assert ("BIL004", "2", "26,000") in hits
    assert not [h for h in hits if h[1] == "3"]
    assert next(f for f in result.findings if f.finding.code == "BIL004").line == 3


def test_pair_source_is_not_linted_alone(tmp_path: Path) -> None:
    (tmp_path / "story.fr.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "story.en.txt").write_text(TARGET, encoding="utf-8")
    assert list(read_documents(str(tmp_path / "story.fr.txt"), "en")) == []


def test_reference_is_not_a_source(tmp_path: Path) -> None:
    (tmp_path / "story.ref.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "story.en.txt").write_text(TARGET, encoding="utf-8")
    (doc,) = read_documents(str(tmp_path / "story.en.txt"), "en")
    assert not isinstance(doc, InputError) and doc.bilingual is None


def test_unaligned_pair_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "story.fr.txt").write_text("Un.\n\nDeux.\n\nTrois.\n", encoding="utf-8")
    (tmp_path / "story.en.txt").write_text("One.\n\nTwo.\n", encoding="utf-8")
    with pytest.raises(InputError, match="not aligned"):
        list(read_documents(str(tmp_path / "story.en.txt"), "en"))
