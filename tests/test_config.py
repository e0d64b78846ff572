from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.config import ConfigError, find_config, load_config

runner = CliRunner()
STORY = "The result : a draw in kyiv.\n\nThe counteroffensive and the counter-offensive.\n"


def project(tmp_path: Path, config: str, name: str = "mtqa.toml") -> Path:
    (tmp_path / name).write_text(config, encoding="utf-8")
    (tmp_path / "feed").mkdir()
    (tmp_path / "feed" / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "feed" / "drafts").mkdir()
    (tmp_path / "feed" / "drafts" / "draft.txt").write_text(STORY, encoding="utf-8")
    return tmp_path


def codes(output: str) -> list[tuple[str, str, str]]:
    records = [json.loads(line) for line in output.splitlines()]
    return [(Path(r["path"]).name, r["code"], r["severity"]) for r in records]


def test_config_is_found_and_applied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(
        tmp_path,
        '[tool.mtqa]\nextend-select = ["CON002"]\nignore = ["PUN"]\nexclude = ["feed/drafts/*"]\n'
        'severity = { CAS001 = "warning" }\nfail-on = "error"\n',
        name="pyproject.toml",
    )
    monkeypatch.chdir(root / "feed")
    assert find_config(Path.cwd()) == root / "pyproject.toml"
    result = runner.invoke(app, ["lint", ".", "--format", "jsonl"])
    assert codes(result.output) == [("story.txt", "CAS001", "warning"), ("story.txt", "CON002", "warning")]
    assert result.exit_code == 0  # only warnings, and fail-on is error
    result = runner.invoke(app, ["lint", ".", "--format", "jsonl", "--fail-on", "warning"])
    assert result.exit_code == 1


def test_per_file_ignores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path, '[per-file-ignores]\n"feed/drafts/*" = ["casing", "PUN001"]\n')
    monkeypatch.chdir(root)
    result = runner.invoke(app, ["lint", "feed", "--format", "jsonl"])
    found = codes(result.output)
    assert ("draft.txt", "CAS001", "error") not in found and ("story.txt", "CAS001", "error") in found
    assert ("draft.txt", "PUN001", "error") not in found


def test_config_command_and_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path, 'lang = "en"\nselect = ["CAS"]\n')
    monkeypatch.chdir(root)
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 0 and "select = ['CAS']" in result.output and "mtqa.toml" in result.output
    (root / "mtqa.toml").write_text('selekt = ["CAS"]\n', encoding="utf-8")
    result = runner.invoke(app, ["lint", "feed"])
    assert result.exit_code == 2 and "unknown key 'selekt'" in result.output
    (root / "mtqa.toml").write_text('select = ["NOPE1"]\n', encoding="utf-8")
    result = runner.invoke(app, ["lint", "feed"])
    assert result.exit_code == 2 and "unknown rule selector 'NOPE1'" in result.output


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('severity = { CAS001 = "fatal" }', "'severity' must map"),
        ('fail-on = "sometimes"', "'fail-on' must be one of"),
        ("select = 3", "'select' must be a list"),
        ("lang = [", "cannot read configuration"),
    ],
)
def test_bad_values_name_the_key(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "mtqa.toml"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=problem):
        load_config(path)


def test_any_config_file_named_with_option_has_top_level_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path, 'ignore = ["CAS002"]\n', name="ci.toml")
    monkeypatch.chdir(root)
    result = runner.invoke(app, ["config", "--config", "ci.toml"])
    assert "ignore = ['CAS002']" in result.output
    (root / "ci.toml").write_text("bogus = 1\n", encoding="utf-8")
    assert runner.invoke(app, ["lint", "feed", "--config", "ci.toml"]).exit_code == 2


def test_unreadable_parent_pyproject_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_bytes(b"\xff\xfe not toml")
    assert find_config(tmp_path) is None


def test_glossary_overrides_change_the_house_style(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story.txt").write_text("Ukraine: Zelensky spoke in Kiev.\n", encoding="utf-8")
    runner = CliRunner()
    shipped = runner.invoke(app, ["lint", "story.txt", "--format", "jsonl"])
    assert {json.loads(line)["code"] for line in shipped.stdout.splitlines()} == {"GLO001"}  # Kiev only
    (tmp_path / "mtqa.toml").write_text(
        '[glossary-overrides]\nZelenskyy = { reject = ["Zelensky"], type = "person" }\nKyiv = { remove = true }\n',
        encoding="utf-8",
    )
    house = [
        json.loads(line) for line in runner.invoke(app, ["lint", "story.txt", "--format", "jsonl"]).stdout.splitlines()
    ]
    assert [(r["code"], r["fix"]["edits"][0]["replacement"]) for r in house] == [("GLO001", "Zelenskyy")]
    (tmp_path / "mtqa.toml").write_text('[glossary-overrides]\nKyiv = { type = "city" }\n', encoding="utf-8")
    bad = runner.invoke(app, ["lint", "story.txt"])
    assert bad.exit_code == 2 and "glossary-overrides.Kyiv.type must be one of" in bad.output
