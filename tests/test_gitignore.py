from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.readers import discover

runner = CliRunner()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("drafts/\n*.tmp.txt\n/top-only.txt\n", encoding="utf-8")
    for name in ["a.txt", "b.tmp.txt", "top-only.txt", "drafts/d.txt", "news/top-only.txt", "news/keep.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Troops left kyiv.\n", encoding="utf-8")
    (tmp_path / "news" / "old").mkdir()
    (tmp_path / "news" / "old" / "x.txt").write_text("Troops left kyiv.\n", encoding="utf-8")
    (tmp_path / "news" / "old" / "y.txt").write_text("Troops left kyiv.\n", encoding="utf-8")
    (tmp_path / "news" / ".gitignore").write_text("keep.txt\nold/*\n!old/y.txt\n", encoding="utf-8")
    return tmp_path


def names(found: list[str | object], root: Path) -> list[str]:
    return [Path(str(p)).relative_to(root).as_posix() for p in found]


def test_gitignored_files_are_skipped_like_git_does(repo: Path) -> None:
    found = list(discover([str(repo)]))
    assert names(found, repo) == ["a.txt", "news/top-only.txt", "news/old/y.txt"]
    ignored = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout
    assert sorted(line[3:] for line in ignored.splitlines() if line.endswith(".txt")) == [
        "a.txt",
        "news/old/y.txt",
        "news/top-only.txt",
    ]


def test_walking_a_subfolder_reads_the_gitignore_files_above_it(repo: Path) -> None:
    assert names(list(discover([str(repo / "news")])), repo) == ["news/top-only.txt", "news/old/y.txt"]


def test_files_named_explicitly_are_always_linted(repo: Path) -> None:
    draft = repo / "drafts" / "d.txt"
    assert list(discover([str(draft)])) == [str(draft)]
    result = runner.invoke(app, ["lint", str(draft), "--format", "concise", "--select", "CAS001"])
    assert result.exit_code == 1 and f"{draft}:1:13: CAS001" in result.output


def test_outside_a_work_tree_nothing_is_ignored(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("*.txt\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A", encoding="utf-8")
    assert names(list(discover([str(tmp_path)])), tmp_path) == ["a.txt"]
