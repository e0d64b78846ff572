"""The command line around review: decisions honoured by lint and fix, the HTML report, bad decisions files."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.decisions import FILENAME, DecisionStore, anchor_of, decide

STORY = "Ukraine says kyiv is safe.\n\nLeave a Reply\n"
runner = CliRunner()


def _reject_boilerplate(folder: Path) -> None:
    start = STORY.index("Leave")
    anchor = anchor_of("story.txt", "STR002", STORY, start, start + len("Leave a Reply"))
    DecisionStore(folder / FILENAME).record(decide(anchor, "reject", "ana"))


def test_lint_and_fix_honour_rejections(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    before = runner.invoke(app, ["lint", str(story), "--format", "jsonl"])
    assert {json.loads(line)["code"] for line in before.output.splitlines()} == {"CAS001", "STR002"}
    _reject_boilerplate(tmp_path)
    after = runner.invoke(app, ["lint", str(story), "--format", "jsonl"])
    assert [json.loads(line)["code"] for line in after.output.splitlines()] == ["CAS001"]
    elsewhere = runner.invoke(app, ["lint", str(story), "--decisions", str(tmp_path / "none.jsonl")])
    assert elsewhere.exit_code == 2 and "no such decisions file" in elsewhere.output
    fixed = runner.invoke(app, ["fix", str(story), "--unsafe-fixes"])
    assert fixed.exit_code == 0, fixed.output
    assert story.read_text() == "Ukraine says Kyiv is safe.\n\nLeave a Reply\n"  # the rejected fix is not applied


def test_bad_decisions_file_is_one_line_error(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    (tmp_path / FILENAME).write_text("{broken\n")
    result = runner.invoke(app, ["lint", str(story)])
    assert result.exit_code == 2
    assert f"{FILENAME}:1: bad decision record" in result.output
    assert "Traceback" not in result.output


def test_html_report_file(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    report = tmp_path / "report.html"
    result = runner.invoke(app, ["lint", str(story), "--format", "html", "-o", str(report)])
    assert result.exit_code == 1
    page = report.read_text()
    assert '<body class="report">' in page and "Leave a Reply" in page and "CAS001" in page


def test_review_with_nothing_to_review(tmp_path: Path) -> None:
    result = runner.invoke(app, ["review", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "no such file or directory" in result.output and "nothing to review" in result.output
