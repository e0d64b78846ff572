from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.glossary import GlossaryError, glossary_rows, load_glossary
from mtqa.tbx import export_tbx, import_tbx

TSV = (
    "preferred\treject\taccept\ttype\tlang\tcase\tcontext\tnote\n"
    "Kyiv\tKiev|Kiew\tchicken Kiev\tplace\ten\tinsensitive\t\tcapital\n"
    "DPR\tDNR\t\tacronym\ten\tsensitive\tDonetsk|Ukraine\tDonetsk People's Republic\n"
)


def test_tbx_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text(TSV, encoding="utf-8")
    entries = load_glossary(path)
    tbx = export_tbx(entries)
    assert "<term>Kiev</term>" in tbx and "deprecatedTerm-admn-sts" in tbx
    back = import_tbx(tbx.encode(), "g.tbx")
    assert [(e.preferred, e.reject, e.accept, e.type, e.case_sensitive, e.context, e.note) for e in back] == [
        (e.preferred, e.reject, e.accept, e.type, e.case_sensitive, e.context, e.note) for e in entries
    ]
    assert glossary_rows(back) == TSV


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"<martif><text><body><termEntry", "not a readable TBX file"),
        (
            b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><m>&b;</m>',
            "not a readable TBX file",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><m>&x;</m>',
            "not a readable TBX file",
        ),
        (
            b"<martif><text><body><termEntry id='t1'><langSet xml:lang='en'><tig><term>Kiev</term>"
            b"<termNote type='administrativeStatus'>deprecatedTerm-admn-sts</termNote></tig>"
            b"</langSet></termEntry></body></text></martif>",
            "termEntry t1: no preferredTerm",
        ),
    ],
)
def test_bad_tbx_is_reported(data: bytes, problem: str) -> None:
    with pytest.raises(GlossaryError, match=problem):
        import_tbx(data, "bad.tbx")
