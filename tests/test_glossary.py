from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.glossary import Glossary, GlossaryError, glossary_files, load_glossaries, load_glossary

HEADER = "preferred\treject\taccept\ttype\tlang\tcase\tcontext\tnote\n"


def write(tmp_path: Path, body: str, name: str = "g.tsv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_shipped_glossaries_load_and_know_seed_names() -> None:
    glossary = load_glossaries(None, "en")
    found = {entry.preferred for _, _, entry in glossary.find("Izioum, Donbass, DNR and the Institute for War Studies")}
    assert found == {"Izium", "Donbas", "DPR", "Institute for the Study of War"}
    assert glossary.cased_names["kyiv"] == "Kyiv"
    assert all(p.suffix == ".tsv" for p in glossary_files())


def test_case_sensitivity_and_boundaries(tmp_path: Path) -> None:
    path = write(tmp_path, "Lyman\tLiman\t\tplace\ten\tsensitive\t\t\nKyiv\tKiev\t\tplace\ten\tinsensitive\t\t\n")
    glossary = Glossary(load_glossary(path), "en")
    text = "a liman, Liman, KIEV, Kiev-based, Kiev's, Kievan"
    assert [text[s:e] for s, e, _ in glossary.find(text)] == ["Liman", "KIEV", "Kiev", "Kiev"]


def test_longest_match_wins(tmp_path: Path) -> None:
    path = write(
        tmp_path, "A B\tWar Studies\t\tterm\ten\t\t\t\nISW\tInstitute for War Studies\t\torganisation\ten\t\t\t\n"
    )
    glossary = Glossary(load_glossary(path), "en")
    assert [e.preferred for _, _, e in glossary.find("the Institute for War Studies said")] == ["ISW"]


def test_other_languages_are_filtered(tmp_path: Path) -> None:
    path = write(tmp_path, "Kiev\tKyiv\t\tplace\tfr\t\t\t\n")
    assert list(Glossary(load_glossary(path), "en").find("Kyiv")) == []
    assert len(list(Glossary(load_glossary(path), "fr").find("Kyiv"))) == 1


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("Kyiv\tKiev\t\tcity\ten\t\t\t\n", "g.tsv:3: type 'city' is not one of"),
        ("\tKiev\t\tplace\ten\t\t\t\n", "g.tsv:3: empty 'preferred' cell"),
        ("Kyiv\tKiev\t\tplace\ten\tmaybe\t\t\n", "g.tsv:3: case 'maybe'"),
        ("Kyiv\tKyiv|Kiev\t\tplace\ten\t\t\t\n", "g.tsv:3: variant 'Kyiv' rejects the preferred form"),
        ("Kyiv\tKiev\t\tplace\ten\t\t\t\tx\textra\n", "g.tsv:3: 10 cells but the header has 8"),
    ],
)
def test_malformed_rows_name_file_and_line(tmp_path: Path, body: str, problem: str) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("# comment\n" + HEADER + body, encoding="utf-8")
    with pytest.raises(GlossaryError) as err:
        load_glossary(path)
    assert problem in str(err.value)


def test_bad_header_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("preferred\tbogus\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"g\.tsv:1: missing columns"):
        load_glossary(path)


def test_generated_settlements_glossary() -> None:
    from tests.conftest import ROOT

    path = ROOT / "glossaries" / "ukraine-settlements.tsv"
    entries = {e.preferred: e for e in load_glossary(path)}
    assert len(entries) > 15_000
    assert {"Kharkov", "Charkiw"} <= set(entries["Kharkiv"].reject)
    assert "Kupyansk" in entries["Kupiansk"].reject and "Robotyne" in entries
    # two settlements sharing a name never reject each other's spelling
    preferred = set(entries)
    assert not any(v in preferred for e in entries.values() for v in e.reject)
    glossary = Glossary(list(entries.values()), "en")
    assert [e.preferred for _, _, e in glossary.find("Russian troops left Bakhmout")] == ["Bakhmut"]


def test_quoted_multiline_cell_keeps_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text(
        HEADER + 'Kyiv\tKiev\t\tplace\ten\t\t\t"two\nlines"\nLviv\tLvov\t\tcity\ten\t\t\t\n', encoding="utf-8"
    )
    with pytest.raises(GlossaryError, match=r"g\.tsv:4: type 'city'"):
        load_glossary(path)
    path.write_text(HEADER + 'Kyiv\tKiev\t\tplace\ten\t\t\t"two\nlines"\n', encoding="utf-8")
    assert load_glossary(path)[0].note == "two\nlines"
