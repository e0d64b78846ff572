"""XLIFF 1.2 and 2.x: planted errors found on their unit and span, clean units quiet, fixes written in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.bilingual.xliff import xliff_document
from mtqa.context import Context
from mtqa.fixer import fix_text
from mtqa.readers import InputError, read_raw
from mtqa.rules import REGISTRY
from tests.bilingual.conftest import found, lint_file

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="fr-FR" target-language="en-GB" original="story.txt" datatype="plaintext">
    <body>
      <trans-unit id="clean">
        <source>Les forces russes ont poursuivi leur offensive lundi.</source>
        <target state="translated">Russian forces pressed on with their offensive on Monday.</target>
        <alt-trans><target>Ignored proposal des forces de la région</target></alt-trans>
      </trans-unit>
      <trans-unit id="empty">
        <source>Le maire a démissionné.</source>
        <target></target>
      </trans-unit>
      <trans-unit id="same">
        <source>Le maire de la ville a démissionné.</source>
        <target>Le maire de la ville a démissionné.</target>
      </trans-unit>
      <trans-unit id="partial">
        <source>Les soldats ont avancé dans la région de Koupiansk.</source>
        <target>The soldiers advanced dans la région de Kupiansk.</target>
      </trans-unit>
      <trans-unit id="numbers">
        <source>Il y a 27 000 habitants et 12 écoles.</source>
        <target>There are 27 000 inhabitants and 13 schools.</target>
      </trans-unit>
      <trans-unit id="name">
        <source>Les combats près de Koupiansk.</source>
        <target>Fighting near Kupyansk.</target>
      </trans-unit>
      <trans-unit id="tags">
        <source>Cliquez <g id="1">ici</g> ou <x id="2"/>.</source>
        <target>Click here or <x id="2"/>.</target>
      </trans-unit>
      <trans-unit id="clean-tags">
        <source>Lisez <g id="1">l&apos;article</g> &amp; partagez.</source>
        <target>Read <g id="1">the article</g> &amp; share it.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr" trgLang="en">
  <file id="f1">
    <unit id="u1">
      <segment id="s1">
        <source>Le taux est de 2,5 %.</source>
        <target>The rate is 2,5%.</target>
      </segment>
      <ignorable><source> </source></ignorable>
      <segment id="s2">
        <source>Cliquez <pc id="1">ici</pc>.</source>
        <target>Click <pc id="1">here</pc>.</target>
      </segment>
    </unit>
    <unit id="u2">
      <segment>
        <source>Rendez-vous à <ph id="1"/> demain.</source>
        <target>See you tomorrow.</target>
      </segment>
    </unit>
  </file>
</xliff>
"""


@pytest.fixture
def xliff12(tmp_path: Path) -> Path:
    path = tmp_path / "story.xlf"
    path.write_text(XLIFF12, encoding="utf-8")
    return path


def test_xliff12_planted_errors_are_found_on_their_unit(xliff12: Path, ctx: Context) -> None:
    result = lint_file(xliff12, ctx, ["BIL"])
    hits = found(result)
    assert ("BIL001", "empty", "") in hits
    assert ("BIL002", "same", "Le maire de la ville a démissionné.") in hits
    assert ("BIL003", "partial", "dans la région de") in hits
    assert ("BIL004", "numbers", "27 000") in hits  # the source's format, fixed to 27,000
    assert ("BIL004", "numbers", "13") in hits  # changed: the source has 12
    assert ("BIL005", "name", "Kupyansk") in hits
    assert ("BIL006", "tags", 'Click here or <x id="2"/>.') in hits  # the target, in the file
    assert not {unit for _, unit, _ in hits} & {"clean", "clean-tags"}


def test_xliff12_findings_point_at_file_lines(xliff12: Path, ctx: Context) -> None:
    result = lint_file(xliff12, ctx, ["BIL005"])
    (item,) = result.findings
    assert item.line == 28 and XLIFF12.splitlines()[27][item.column - 1 :].startswith("Kupyansk")


def test_xliff12_languages_and_units(xliff12: Path) -> None:
    doc = xliff_document(str(xliff12), XLIFF12, "en")
    assert doc.bilingual is not None
    assert (doc.bilingual.source_lang, doc.bilingual.target_lang, doc.lang) == ("fr", "en", "en")
    units = {u.id: u for u in doc.bilingual.units}
    assert list(units) == ["clean", "empty", "same", "partial", "numbers", "name", "tags", "clean-tags"]
    assert doc.text[units["clean-tags"].start : units["clean-tags"].end] == "Read the article & share it."
    assert units["clean-tags"].source == "Lisez l'article & partagez."
    assert units["tags"].source_codes == ("g id=1", "x id=2") and units["tags"].target_codes == ("x id=2",)
    assert "Ignored proposal" not in doc.text


def test_fix_edits_only_targets_byte_for_byte(xliff12: Path, ctx: Context) -> None:
    raw = read_raw(str(xliff12), "en")
    from mtqa.filetypes import source_document

    result = fix_text(source_document(str(xliff12), raw.text, "en"), REGISTRY.select(["ALL"]), ctx)
    expected = XLIFF12.replace("There are 27 000 inhabitants", "There are 27,000 inhabitants").replace(
        "Fighting near Kupyansk.", "Fighting near Kupiansk."
    )
    assert result.text == expected


def test_xliff20_segments_and_codes(tmp_path: Path, ctx: Context) -> None:
    path = tmp_path / "story.xliff"
    path.write_text(XLIFF20, encoding="utf-8")
    hits = found(lint_file(path, ctx, ["BIL"]))
    assert ("BIL004", "u1/s1", "2,5") in hits
    assert ("BIL006", "u2", "See you tomorrow.") in hits
    assert not [h for h in hits if h[1] == "u1/s2"]


def test_json_record_carries_the_unit(xliff12: Path, ctx: Context) -> None:
    from mtqa.reporters.base import record

    result = lint_file(xliff12, ctx, ["BIL005"])
    data = record(result.path, result.findings[0])
    assert data["unit"] == "name" and data["schema"] == "mtqa.finding/1"


def test_sdlxliff_reads_as_xliff12(tmp_path: Path, ctx: Context) -> None:
    path = tmp_path / "story.sdlxliff"
    path.write_text(XLIFF12, encoding="utf-8")
    assert ("BIL005", "name", "Kupyansk") in found(lint_file(path, ctx, ["BIL005"]))


def test_malformed_xliff_is_one_line_error(tmp_path: Path) -> None:
    text = XLIFF12.replace("</source>\n        <target></target>", "</sourc>\n        <target></target>")
    with pytest.raises(InputError, match=r"malformed XML: mismatched tag at line 11, column \d+") as info:
        xliff_document("bad.xlf", text, "en")
    assert "\n" not in str(info.value)


def test_not_an_xliff_file() -> None:
    with pytest.raises(InputError, match="not an XLIFF file"):
        xliff_document("x.xlf", "<tmx version='1.4'/>", "en")


MARKER = "SECRET-MARKER-7f3a"


def test_external_entity_is_refused_and_nothing_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from typer.testing import CliRunner

    from mtqa.cli import app

    secret = tmp_path / "secret.txt"
    secret.write_text(MARKER, encoding="utf-8")
    path = tmp_path / "xxe.xlf"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        '<xliff version="1.2"><file source-language="fr" target-language="en"><body>'
        '<trans-unit id="1"><source>a</source><target>&xxe;</target></trans-unit></body></file></xliff>',
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["lint", str(path), "--format", "json"])
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert result.exit_code == 2
    assert "unsafe XML: it declares the entity 'xxe'" in output
    assert MARKER not in output


def test_billion_laughs_is_refused() -> None:
    lol = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
        + ']>\n<xliff version="1.2"><file><body><trans-unit id="1"><source>a</source><target>&lol9;</target>'
        "</trans-unit></body></file></xliff>"
    )
    with pytest.raises(InputError, match="unsafe XML: it declares the entity 'lol'"):
        xliff_document("lol.xlf", lol, "en")
