"""``mtqa eval`` on the command line, and the LM options' import hygiene."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from mtqa.cli import app
from tests.conftest import ROOT

runner = CliRunner()


def test_eval_corpus_text_show_and_html(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    result = runner.invoke(app, ["eval", str(ROOT / "corpus"), "--show", "--html", str(page)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "precision" in out and "fix-acc" in out and "\noverall " in out and "family glossary" in out
    assert "MQM Terminology/Wrong term" in out and "Quality (MQM-style" in out and "corpus: " in out
    assert "chrF++ signature: nrefs:1|case:mixed|eff:yes|nc:6|nw:2" in out and "BLEU signature:" in out
    assert "Misses (gold annotations no finding overlaps): " in out and "False alarms" in out
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "family glossary" in html
    assert "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")  # no external assets


def test_eval_json(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(ROOT / "corpus"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "mtqa.eval/1" and data["stories"] == 2
    assert data["overall"]["precision"] == 1.0 and 0 < data["overall"]["recall"] < 1
    assert set(data["families"]) >= {"glossary", "fused", "casing"}
    assert [s["name"] for s in data["references"]["systems"]] == ["raw MT", "safe fixes", "safe+unsafe fixes"]
    assert data["quality"]["documents"][0]["breakdown"][0]["points"] > 0


def test_bad_annotations_are_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text("kyiv\n", encoding="utf-8")
    (tmp_path / "annotations.jsonl").write_text('{"file": "s.txt", "text": "Lviv"}\n', encoding="utf-8")
    result = runner.invoke(app, ["eval", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path / 'annotations.jsonl'}:1:" in result.stderr


def test_missing_lm_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text("kyiv\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", str(tmp_path / "s.txt"), "--lm", str(tmp_path / "no-model")])
    assert result.exit_code == 2 and "--lm" in result.stderr


def test_lint_with_frequency_scorer(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text("Officials said the city was in the southsigns of it.\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", str(tmp_path / "s.txt"), "--lm", "wordfreq", "-f", "concise"])
    assert result.exit_code == 1 and "FUS003" in result.stdout


def test_help_does_not_import_torch_or_transformers() -> None:
    probe = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from mtqa.cli import app\n"
        "for args in (['--help'], ['lint', '--help'], ['eval', '--help']):\n"
        "    result = CliRunner().invoke(app, args)\n"
        "    assert result.exit_code == 0, result.output\n"
        "    assert '--lm' in result.output or args == ['--help']\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'transformers', 'sacrebleu'))\n"
        "print(heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
