"""gettext PO: planted errors found on their message, escapes kept, fixes written into msgstr only."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.bilingual.po import po_document
from mtqa.context import Context
from mtqa.filetypes import read_documents, source_document
from mtqa.fixer import fix_text
from mtqa.readers import InputError
from mtqa.rules import REGISTRY
from tests.bilingual.conftest import found, lint_file

PO = r"""# Translation of the news site.
msgid ""
msgstr ""
"Language: en\n"
"X-Source-Language: fr\n"
"Content-Type: text/plain; charset=UTF-8\n"

#: site.py:10
msgid "Les combats continuent près de Koupiansk."
msgstr "Fighting continues near Kupiansk."

#, python-format
msgid "%(count)d soldats blessés à %(city)s"
msgstr "%(count)d soldiers wounded"

#, c-format
msgid "%s a dit : %d morts"
msgstr "%d dead, said %s"

msgctxt "headline"
msgid "Les combats près de Koupiansk."
msgstr ""
"Fighting near "
"Kupyansk \"today\"."

msgid "{n} article"
msgid_plural "{n} articles"
msgstr[0] "{n} article"
msgstr[1] ""

#~ msgid "Ancien"
#~ msgstr "Old"
"""


@pytest.fixture
def po(tmp_path: Path) -> Path:
    path = tmp_path / "site.po"
    path.write_text(PO, encoding="utf-8")
    return path


def test_po_planted_errors(po: Path, ctx: Context) -> None:
    hits = found(lint_file(po, ctx, ["BIL"]))
    assert ("BIL007", "%(count)d soldats blessés à %(city)s", "%(count)d soldiers wounded") in hits
    assert ("BIL007", "%s a dit : %d morts", "%d dead, said %s") in hits  # order of printf placeholders
    assert ("BIL005", "headline|Les combats près de Koupiansk.", "Kupyansk") in hits
    assert ("BIL001", "{n} article[1]", "") in hits
    assert not [h for h in hits if h[1] == "Les combats continuent près de Koupiansk."]


def test_po_units(po: Path) -> None:
    doc = po_document(str(po), PO, "en")
    assert doc.bilingual is not None
    assert (doc.bilingual.source_lang, doc.bilingual.target_lang) == ("fr", "en")
    ids = [u.id for u in doc.bilingual.units]
    assert ids[-2:] == ["{n} article[0]", "{n} article[1]"] and "Ancien" not in "".join(ids)
    headline = next(u for u in doc.bilingual.units if u.id.startswith("headline"))
    assert doc.text[headline.start : headline.end] == 'Fighting near Kupyansk "today".'
    assert doc.bilingual.units[-1].source == "{n} articles"


def test_po_fix_is_byte_exact(po: Path, ctx: Context) -> None:
    result = fix_text(source_document(str(po), PO, "en"), REGISTRY.select(["BIL005"]), ctx)
    assert result.text == PO.replace('"Kupyansk \\"today\\"."', '"Kupiansk \\"today\\"."')


def test_pot_templates_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "site.pot"
    path.write_text(PO, encoding="utf-8")
    assert list(read_documents(str(path), "en")) == []


def test_malformed_po(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unterminated string at line 2"):
        po_document("bad.po", 'msgid "a"\nmsgstr "b\n', "en")
