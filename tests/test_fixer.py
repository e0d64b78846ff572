from __future__ import annotations

import codecs
import difflib
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.context import Context
from mtqa.document import Document
from mtqa.engine import lint_document
from mtqa.findings import Applicability, Edit, Finding, Fix, Severity
from mtqa.fixer import choose_edits, fix_text, write_atomically
from mtqa.readers import InputError, read_raw
from mtqa.rules import REGISTRY
from tests.conftest import ROOT

runner = CliRunner()


def finding(start: int, end: int, replacement: str, applicability: Applicability, code: str = "X001") -> Finding:
    fix = Fix((Edit(start, end, replacement),), applicability)
    return Finding(code, "x", Severity.ERROR, "Fluency/Spelling", start, end, "m", fix)


def test_choose_edits_takes_safe_non_overlapping_in_text_order() -> None:
    found = [
        finding(10, 14, "B", Applicability.SAFE, "B001"),
        finding(0, 4, "A", Applicability.SAFE),
        finding(2, 6, "overlap", Applicability.SAFE),
        finding(20, 22, "unsafe", Applicability.UNSAFE),
        finding(14, 14, "touching insertion", Applicability.SAFE),
    ]
    edits, count = choose_edits(found, unsafe=False)
    assert [e.replacement for e in edits] == ["A", "B"] and count == 2
    edits, count = choose_edits(found, unsafe=True)
    assert [e.replacement for e in edits] == ["A", "B", "unsafe"] and count == 3


def test_fix_is_idempotent_on_the_seed(ctx: Context) -> None:
    text = (ROOT / "corpus" / "000_2261ae89b4a4abee.txt").read_text(encoding="utf-8")
    rules = REGISTRY.select()
    once = fix_text(Document("s.txt", text), rules, ctx)
    assert once.fixed >= 10 and "kyiv" not in once.text and "Is Ukraine" in once.text
    twice = fix_text(Document("s.txt", once.text), rules, ctx)
    assert twice.text == once.text and twice.fixed == 0
    unsafe = fix_text(Document("s.txt", text), rules, ctx, unsafe=True)
    assert "Studies, 2,500 km²" not in unsafe.text or "Leave a Reply" not in unsafe.text


def test_write_keeps_bom_line_endings_and_permissions(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(b"\xef\xbb\xbfThe forces of kyiv left.\r\nEnd.\r\n")
    os.chmod(path, 0o640)
    raw = read_raw(str(path), "en")
    write_atomically(raw, raw.text.replace("kyiv", "Kyiv"))
    assert path.read_bytes() == b"\xef\xbb\xbfThe forces of Kyiv left.\r\nEnd.\r\n"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["story.txt"]


def test_write_refuses_a_file_changed_since_read(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("kyiv\n", encoding="utf-8")
    raw = read_raw(str(path), "en")
    path.write_text("edited by someone else\n", encoding="utf-8")
    with pytest.raises(InputError, match="changed on disk"):
        write_atomically(raw, "Kyiv\n")
    assert path.read_text(encoding="utf-8") == "edited by someone else\n"
    assert [p.name for p in tmp_path.iterdir()] == ["story.txt"]


def test_utf16_is_written_back_as_utf16(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes("He lives in kyiv.\n".encode("utf-16"))
    result = runner.invoke(app, ["fix", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == "He lives in Kyiv.\n".encode("utf-16")


def test_cli_fix_diff_then_fix(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    original = "is it over?\n\nThe result : a draw in kyiv.\n"
    path.write_text(original, encoding="utf-8")
    result = runner.invoke(app, ["fix", str(path), "--diff"])
    assert result.exit_code == 1 and "+The result: a draw in Kyiv." in result.output
    assert path.read_text(encoding="utf-8") == original
    result = runner.invoke(app, ["fix", str(path)])
    assert result.exit_code == 0 and "Fixed 3 findings in 1 files; 0 remain" in result.output
    assert path.read_text(encoding="utf-8") == "Is it over?\n\nThe result: a draw in Kyiv.\n"
    result = runner.invoke(app, ["fix", str(path)])
    assert "Fixed 0 findings in 0 files" in result.output


def test_lint_fix_reports_what_remains(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Forces left kyiv.\n\nThey helped people and theirfamilies.\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", str(path), "--fix", "--format", "jsonl"])
    assert result.exit_code == 1
    assert path.read_text(encoding="utf-8").startswith("Forces left Kyiv.")
    assert '"code": "FUS003"' in result.output and '"code": "CAS001"' not in result.output


def test_symlinks_and_hard_links_are_fixed_in_their_target(tmp_path: Path) -> None:
    target = tmp_path / "target.txt"
    target.write_text("He lives in kyiv.\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert runner.invoke(app, ["fix", str(link)]).exit_code == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "He lives in Kyiv.\n"
    other = tmp_path / "other.txt"
    os.link(target, other)
    target.write_text("She left kyiv.\n", encoding="utf-8")
    assert runner.invoke(app, ["fix", str(target)]).exit_code == 0
    assert other.read_text(encoding="utf-8") == "She left Kyiv.\n" and os.stat(other).st_nlink == 2


def test_read_only_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("He lives in kyiv.\n", encoding="utf-8")
    os.chmod(path, 0o444)
    result = runner.invoke(app, ["fix", str(path)])
    assert result.exit_code == 2 and "not writable" in result.output
    assert path.read_text(encoding="utf-8") == "He lives in kyiv.\n"


def test_per_file_ignores_apply_to_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mtqa.toml").write_text('[per-file-ignores]\n"wires/*" = ["PUN001"]\n', encoding="utf-8")
    (tmp_path / "wires").mkdir()
    story = tmp_path / "wires" / "w.txt"
    story.write_text("The result : a draw.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["fix", "wires", "--diff"])
    assert result.exit_code == 0 and result.stdout == ""


@pytest.mark.parametrize("seed", sorted(p.name for p in (ROOT / "corpus").glob("*.txt") if ".ref." not in p.name))
def test_fix_on_the_seeds_touches_only_flagged_spans(tmp_path: Path, ctx: Context, seed: str) -> None:
    """Every byte outside the flagged spans survives; CRLF and a BOM too; a second fix changes nothing."""
    original = (ROOT / "corpus" / seed).read_text(encoding="utf-8")
    result = lint_document(Document(seed, original), list(REGISTRY), ctx)
    spans = [(i.finding.start, i.finding.end) for i in result.findings]
    story = tmp_path / "lf" / seed
    crlf = tmp_path / "crlf" / seed
    story.parent.mkdir()
    crlf.parent.mkdir()
    story.write_bytes(original.encode())
    crlf.write_bytes(codecs.BOM_UTF8 + original.replace("\n", "\r\n").encode())
    runner = CliRunner()
    for path in (story, crlf):
        assert runner.invoke(app, ["fix", str(path), "--unsafe-fixes", "--exit-zero"]).exit_code == 0
    fixed = story.read_text(encoding="utf-8")
    assert fixed != original
    opcodes = difflib.SequenceMatcher(None, original, fixed, autojunk=False).get_opcodes()
    for tag, i1, i2, _, _ in opcodes:
        if tag != "equal":
            assert any(s - 1 <= i2 and i1 <= e + 1 for s, e in spans), (original[i1 - 20 : i2 + 20], tag)
    data = crlf.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert data.count(b"\n") == data.count(b"\r\n")
    assert data[3:].decode().replace("\r\n", "\n") == fixed
    for path in (story, crlf):
        before = path.read_bytes()
        runner.invoke(app, ["fix", str(path), "--unsafe-fixes", "--exit-zero"])
        assert path.read_bytes() == before


def test_latin1_declared_html_survives_a_fix(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        "<title>News</title></head><body><p>At the café in kyiv, prices rose.</p></body></html>\n"
    )
    page.write_bytes(html.encode("latin-1"))
    raw = read_raw(str(page), "en")
    assert raw.encoding == "iso8859-1" and "café" in raw.text
    result = CliRunner().invoke(app, ["fix", str(page)])
    assert result.exit_code == 0, result.output
    assert page.read_bytes() == html.replace("kyiv", "Kyiv").encode("latin-1")


def test_fix_that_the_declared_encoding_cannot_hold_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "story.xml"
    page.write_bytes(b'<?xml version="1.0" encoding="ISO-8859-1"?><rss/>')
    raw = read_raw(str(page), "en")
    with pytest.raises(InputError, match=r"needs “€” \(U\+20AC\), which iso8859-1 cannot encode; not fixed"):
        write_atomically(raw, raw.text + "€")
    assert page.read_bytes() == b'<?xml version="1.0" encoding="ISO-8859-1"?><rss/>'


def test_unknown_declared_encoding_is_one_line(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_bytes(b'<meta charset="klingon-8"><p>kyiv</p>')
    with pytest.raises(InputError, match="declares an unknown encoding 'klingon-8'"):
        read_raw(str(page), "en")
