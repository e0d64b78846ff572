"""TMX 1.4: planted errors found on their unit and span, clean units quiet, fixes written in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.bilingual.tmx import tmx_document
from mtqa.context import Context
from mtqa.filetypes import source_document
from mtqa.fixer import fix_text
from mtqa.readers import InputError
from mtqa.rules import REGISTRY
from tests.bilingual.conftest import found, lint_file

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="test" srclang="fr-FR" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x"/>
  <body>
    <tu tuid="clean">
      <tuv xml:lang="fr-FR"><seg>Les combats continuent près de Koupiansk.</seg></tuv>
      <tuv xml:lang="en-GB"><seg>Fighting continues near Kupiansk.</seg></tuv>
    </tu>
    <tu tuid="time">
      <tuv xml:lang="fr-FR"><seg>Début à 18h45 avec <ph x="1">&lt;b&gt;</ph>12<ph x="2"/> élus.</seg></tuv>
      <tuv xml:lang="en-GB"><seg>The meeting starts at 7:45 p.m. with <ph x="1">&lt;b&gt;</ph>12 delegates.</seg></tuv>
    </tu>
    <tu tuid="missing">
      <tuv xml:lang="fr-FR"><seg>Le maire a démissionné.</seg></tuv>
    </tu>
    <tu tuid="name">
      <tuv xml:lang="fr-FR"><seg>Les combats près de Koupiansk.</seg></tuv>
      <tuv xml:lang="en-GB"><seg>Fighting near Kupyansk.</seg></tuv>
    </tu>
  </body>
</tmx>
"""


@pytest.fixture
def tmx(tmp_path: Path) -> Path:
    path = tmp_path / "memory.tmx"
    path.write_text(TMX, encoding="utf-8")
    return path


def test_tmx_planted_errors(tmx: Path, ctx: Context) -> None:
    hits = found(lint_file(tmx, ctx, ["BIL"]))
    assert ("BIL004", "time", "7:45 p.m.") in hits  # the source has 18h45
    assert ("BIL006", "time", 'The meeting starts at 7:45 p.m. with <ph x="1">&lt;b&gt;</ph>12 delegates.') in hits
    assert ("BIL001", "missing", "") in hits
    assert ("BIL005", "name", "Kupyansk") in hits
    assert not [h for h in hits if h[1] == "clean"]


def test_tmx_languages_and_native_code(tmx: Path) -> None:
    doc = tmx_document(str(tmx), TMX, "en")
    assert doc.bilingual is not None
    assert (doc.bilingual.source_lang, doc.bilingual.target_lang) == ("fr", "en")
    time = next(u for u in doc.bilingual.units if u.id == "time")
    assert time.source == "Début à 18h45 avec 12 élus."  # native code left out
    assert time.source_codes == ("ph x=1", "ph x=2")


def test_tmx_fix_is_byte_exact(tmx: Path, ctx: Context) -> None:
    result = fix_text(source_document(str(tmx), TMX, "en"), REGISTRY.select(["BIL005"]), ctx)
    assert result.text == TMX.replace("Fighting near Kupyansk.", "Fighting near Kupiansk.")


def test_tmx_unsafe_xml_is_refused() -> None:
    with pytest.raises(InputError, match="unsafe XML"):
        tmx_document("x.tmx", '<!DOCTYPE tmx [<!ENTITY a "b">]><tmx version="1.4"/>', "en")
