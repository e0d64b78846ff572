from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app
from tests.conftest import ROOT

runner = CliRunner()
CORPUS = ROOT / "corpus"


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def test_lint_corpus_text_output_and_exit_code() -> None:
    result = invoke("lint", str(CORPUS))
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.startswith(f"{CORPUS}/000_2261ae89b4a4abee.txt:1:1: CAS002 [lowercase-start] ")
    assert "    + Is Ukraine taking" in result.output
    assert result.output.rstrip().splitlines()[-1].startswith("Found ")


def test_jsonl_records_slice_the_flagged_text() -> None:
    result = invoke("lint", str(CORPUS), "--format", "jsonl")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.output.splitlines()]
    assert len(records) >= 20
    texts = {p: Path(p).read_text(encoding="utf-8") for p in {r["path"] for r in records}}
    keys = {
        "schema",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "start",
        "end",
        "code",
        "rule",
        "severity",
        "mqm",
        "message",
        "fix",
        "alternatives",
    }
    for r in records:
        assert set(r) == keys
        text = texts[r["path"]]
        lines = text.split("\n")
        flagged = text[r["start"] : r["end"]]
        assert flagged
        # line/column agree with the offsets (1-based, in characters)
        assert lines[r["line"] - 1][r["column"] - 1 :].startswith(flagged.split("\n")[0])
        if r["fix"]:
            assert r["fix"]["applicability"] in {"safe", "unsafe", "display"}
            for edit in r["fix"]["edits"]:
                assert 0 <= edit["start"] <= edit["end"] <= len(text)
    kyiv = [r for r in records if text_of(r, texts) == "kyiv"]
    assert kyiv and all(r["fix"]["edits"][0]["replacement"] == "Kyiv" for r in kyiv)


def text_of(record: dict, texts: dict[str, str]) -> str:  # type: ignore[type-arg]
    return texts[record["path"]][record["start"] : record["end"]]


def test_json_is_one_array_and_exit_zero() -> None:
    result = invoke("lint", str(CORPUS), "--format", "json", "--exit-zero")
    assert result.exit_code == 0
    assert isinstance(json.loads(result.output), list)


def test_select_and_ignore() -> None:
    result = invoke("lint", str(CORPUS), "--format", "jsonl", "--select", "GLO,casing", "--ignore", "CAS002")
    codes = {json.loads(line)["code"] for line in result.output.splitlines()}
    assert codes == {"GLO001", "CAS001"}


def test_unknown_selector_and_language_are_usage_errors() -> None:
    result = invoke("lint", str(CORPUS), "--select", "XYZ9")
    assert result.exit_code == 2 and "unknown rule selector 'XYZ9'" in result.output
    result = invoke("lint", str(CORPUS), "--lang", "tlh")
    assert result.exit_code == 2 and "no profile for language 'tlh'" in result.output


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text("Kyiv retakes towns\n\nUkrainian forces advanced on Friday, officials said.\n", encoding="utf-8")
    result = invoke("lint", str(path))
    assert result.exit_code == 0 and "No findings in 1 file." in result.output


def test_bad_inputs_give_one_line_each_and_others_are_still_linted(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 au lait\n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text("He lives in kyiv.\n", encoding="utf-8")
    (tmp_path / "nothing").mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "mtqa", "lint", str(tmp_path), str(tmp_path / "nothing"), "--format", "jsonl"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    errors = result.stderr.splitlines()
    assert errors == [
        f"mtqa: error: {tmp_path}/bad.txt: invalid UTF-8 at byte 3 (line 1); convert the file to UTF-8",
        f"mtqa: error: {tmp_path}/binary.txt: binary file (contains NUL bytes), not text",
        f"mtqa: warning: {tmp_path}/empty.txt: empty file, nothing to check",
        f"mtqa: error: {tmp_path}/nothing: no text files (*.txt) found in this directory",
    ]
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(Path(r["path"]).name, r["code"]) for r in records] == [("good.txt", "CAS001")]


def test_broken_glossary_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "house.tsv"
    bad.write_text("preferred\treject\ttype\tlang\nKyiv\tKiev\tcity\ten\n", encoding="utf-8")
    result = invoke("lint", str(CORPUS), "--glossary", str(bad))
    assert result.exit_code == 2 and "house.tsv:2: type 'city'" in result.output


def test_own_glossary_replaces_shipped_ones(tmp_path: Path) -> None:
    house = tmp_path / "house.tsv"
    house.write_text("preferred\treject\ttype\tlang\nKyiv\tKiev\tplace\ten\n", encoding="utf-8")
    story = tmp_path / "s.txt"
    story.write_text("Troops left Kiev and Donbass.\n", encoding="utf-8")
    result = invoke("lint", str(story), "--glossary", str(house), "--format", "jsonl", "--select", "GLO")
    assert [json.loads(line)["message"].split("”")[0] for line in result.output.splitlines()] == ["“Kiev"]


def test_rules_and_rule() -> None:
    result = invoke("rules")
    assert result.exit_code == 0 and "CAS001" in result.output and "boilerplate" in result.output
    result = invoke("rule", "southsigns")
    assert result.exit_code == 2
    result = invoke("rule", "dictionary-join")
    assert result.exit_code == 0 and "FUS003 dictionary-join" in result.output and "Leaves alone:" in result.output


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys; from mtqa.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('wordfreq', 'langdetect', 'transformers', 'torch', 'ahocorasick') if m in sys.modules]\n"
        "assert not heavy, heavy"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("mtqa") is None, reason="console script not installed")
def test_console_script_version() -> None:
    out = subprocess.run(["mtqa", "--version"], capture_output=True, text=True, check=True).stdout
    assert out.startswith("mtqa ")


def test_glossary_commands(tmp_path: Path) -> None:
    result = invoke("glossary", "lookup", "Vovtchansk")
    assert result.exit_code == 0 and "French spelling of Vovchansk" in result.output
    result = invoke("glossary", "lookup", "Купʼянськ")
    assert "national romanisation (2010) Kupiansk" in result.output and "preferred — Kupiansk" in result.output
    house = tmp_path / "house.tsv"
    house.write_text("preferred\treject\ttype\tlang\nKyiv\tKiev\tplace\ten\n", encoding="utf-8")
    assert invoke("glossary", "check", str(house)).exit_code == 0
    tbx = tmp_path / "house.tbx"
    assert invoke("glossary", "export", "--glossary", str(house)).exit_code == 2
    assert invoke("glossary", "export", "--tbx", "--glossary", str(house), "-o", str(tbx)).exit_code == 0
    back = tmp_path / "back.tsv"
    assert invoke("glossary", "import", str(tbx), "-o", str(back)).exit_code == 0
    assert "Kyiv\tKiev\t\tplace\ten\tsensitive" in back.read_text(encoding="utf-8")
    result = invoke("glossary", "import", str(tbx), "-o", str(back))
    assert result.exit_code == 2 and "already exists" in result.output
    clash = tmp_path / "clash.tsv"
    clash.write_text("preferred\treject\ttype\tlang\nKyiv\tKiev\tplace\ten\nKiev\tKyiv\tplace\ten\n", encoding="utf-8")
    result = invoke("glossary", "check", str(clash))
    assert result.exit_code == 1 and "rejected here but preferred" in result.output


def test_lookup_with_bad_glossary_or_language_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("preferred\tbogus\n", encoding="utf-8")
    assert invoke("glossary", "lookup", "Kiev", "--glossary", str(bad)).exit_code == 2
    assert invoke("glossary", "lookup", "Kiev", "--lang", "xx").exit_code == 2


def test_standard_input() -> None:
    result = runner.invoke(app, ["lint", "-", "--format", "jsonl"], input="He lives in kyiv.\n")
    assert result.exit_code == 1 and json.loads(result.output)["path"] == "-"
    result = runner.invoke(app, ["fix", "-"], input="He lives in kyiv.\n")
    assert result.stdout == "He lives in Kyiv.\n" and result.exit_code == 0
    result = runner.invoke(app, ["fix", "-"], input="Studies2500km is here.\n")
    assert result.exit_code == 1 and "2 remain" in result.stderr
    result = runner.invoke(app, ["fix", "-", "--diff"], input="A clean line.\n")
    assert result.exit_code == 0 and result.stdout == ""
    assert runner.invoke(app, ["lint", "-", "--fix"], input="kyiv\n").exit_code == 2


def test_output_never_overwrites_an_input(tmp_path: Path) -> None:
    story = tmp_path / "same.txt"
    story.write_text("the result : a draw.\n", encoding="utf-8")
    result = invoke("lint", str(story), "-o", str(story))
    assert result.exit_code == 2 and "is one of the files to lint" in result.output
    assert story.read_text(encoding="utf-8") == "the result : a draw.\n"
    report = tmp_path / "report.sarif"
    assert invoke("lint", str(story), "-o", str(report), "-f", "sarif").exit_code == 1
    assert json.loads(report.read_text(encoding="utf-8"))["version"] == "2.1.0"
