"""The integrations shipped in the repository: pre-commit hooks and the GitHub Action."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import regex
from typer.testing import CliRunner

from mtqa.cli import app
from tests.conftest import ROOT

yaml = pytest.importorskip("yaml")
runner = CliRunner()


def _options(command: str) -> set[str]:
    """The long options that ``mtqa COMMAND --help`` lists."""
    help_text = runner.invoke(app, [command, "--help"], terminal_width=200).output
    return set(regex.findall(r"--[a-z][a-z-]+", help_text))


def test_pre_commit_hooks_run(tmp_path: Path) -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"mtqa-lint", "mtqa-fix"}
    story = tmp_path / "story.txt"
    story.write_text("Ukraine says kyiv is safe.\n")
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert regex.search(hook["files"], "news/story.txt")
        program, command, *args = shlex.split(hook["entry"])
        assert program == "mtqa"
        assert set(args) <= _options(command)
    lint = runner.invoke(app, [*shlex.split(hooks["mtqa-lint"]["entry"])[1:], str(story)])
    assert lint.exit_code == 1 and "CAS001" in lint.output  # pre-commit stops the commit
    fix = runner.invoke(app, [*shlex.split(hooks["mtqa-fix"]["entry"])[1:], str(story)])
    assert fix.exit_code == 0 and story.read_text() == "Ukraine says Kyiv is safe.\n"


def test_github_action_uses_real_options() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    assert any(step.get("uses", "").startswith("github/codeql-action/upload-sarif") for step in steps)
    lint = next(step for step in steps if step.get("id") == "lint")["run"]
    used = set(regex.findall(r"(?<=\s)--[a-z][a-z-]+", lint))
    assert {"--format", "--output", "--fail-on"} <= used
    assert used <= _options("lint")
    assert set(regex.findall(r"--format (\w+)", lint)) == {"sarif", "github"}
    inputs = set(action["inputs"])
    assert set(regex.findall(r"inputs\.([a-z-]+)", Path(ROOT / "action.yml").read_text())) <= inputs
