from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.context import Context
from mtqa.quality import corpus_score, document_score, score
from tests.conftest import lint_text

runner = CliRunner()


def test_score_is_penalty_per_100_words() -> None:
    assert score(0, 100) == 100.0
    assert score(5, 100) == 95.0
    assert score(10, 20) == 50.0
    assert score(1000, 10) == 0.0
    assert score(3, 0) == 100.0
    assert corpus_score([(5, 100), (0, 100)]) == 97.5


def test_document_score_weights_by_severity(ctx: Context) -> None:
    result = lint_text("The forces of kyiv advanced; the result : a draw in May.\n", ctx)
    assert [f.finding.severity.value for f in result.findings] == ["error", "error"]
    assert document_score(result) == score(10, result.words)
    assert document_score(result, {"error": 1.0}) == score(2, result.words)


def test_fail_under(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("The forces of kyiv advanced on Friday and the army held the town for a week.\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", str(story), "--fail-under", "50", "--format", "concise"])
    assert result.exit_code == 1  # the finding itself fails the default fail-on
    result = runner.invoke(app, ["lint", str(story), "--fail-under", "50", "--fail-on", "error", "--select", "PUN"])
    assert result.exit_code == 0 and "Quality (MQM-style" in result.output
    result = runner.invoke(app, ["lint", str(story), "--fail-under", "99", "--fail-on", "error", "--exit-zero"])
    assert "quality 68.8 < 99" in result.output
