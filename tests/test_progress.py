from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa import progress
from mtqa.cli import app


def test_progress_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stderr", Tty())
    monkeypatch.delenv("CI", raising=False)
    assert progress.wanted(quiet=False)
    assert not progress.wanted(quiet=True)
    monkeypatch.setenv("CI", "true")
    assert not progress.wanted(quiet=False)
    monkeypatch.setattr("sys.stderr", io.StringIO())
    monkeypatch.delenv("CI")
    assert not progress.wanted(quiet=False)


def test_progress_bar_counts_and_clears(monkeypatch: pytest.MonkeyPatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    with progress.progress(True, 2) as bar:
        bar.advance("a.txt")
        bar.advance("b.txt")
    with progress.progress(False, None) as silent:
        silent.advance("c.txt")  # nothing shown
    assert "c.txt" not in err.getvalue()


def test_quiet_leaves_only_findings(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Ukraine says kyiv is safe.\n")
    runner = CliRunner()
    loud = runner.invoke(app, ["lint", str(story), "--statistics"])
    quiet = runner.invoke(app, ["lint", str(story), "--quiet"])
    assert "Quality" in loud.output
    assert quiet.exit_code == 1
    assert "CAS001" in quiet.output
    assert "Found 1 finding" not in quiet.output and "Quality" not in quiet.output
