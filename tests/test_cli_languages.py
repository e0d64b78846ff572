"""Languages on the command line and in the configuration: --target (alias --lang), --source, the
``target``/``source`` keys, a feed item's declared language, and detection when none is given."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.config import ConfigError, load_config

runner = CliRunner()
FRENCH = (
    "Le gouvernement présente sa réforme\n\nLe Premier ministre a présenté mercredi un projet de loi qui doit "
    "être examiné par les députés dans les prochaines semaines. Il a dit: « Nous verrons».\n"
)
ENGLISH = "Talks resume\n\nThe talks resumed on Monday and the envoy said he hoped for progress.\n"
CALQUE = "Talks resume\n\nThis Saturday, several tens of diplomats met.\n"


def codes(output: str) -> list[tuple[str, str]]:
    return [(Path(r["path"]).name, r["code"]) for r in map(json.loads, output.splitlines()) if r]


def jsonl(*args: str) -> tuple[list[tuple[str, str]], str]:
    result = runner.invoke(app, ["lint", "--format", "jsonl", *args])
    assert result.exit_code in (0, 1), result.output
    return codes(result.stdout), result.stderr


def test_target_is_detected_and_announced(tmp_path: Path) -> None:
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    found, stderr = jsonl(str(tmp_path))
    assert sorted(found) == [("fr.txt", "PUN007"), ("fr.txt", "PUN008")]
    assert "assuming target language en for 1 document, fr for 1 document (detected)" in stderr
    assert stderr.count("assuming") == 1


def test_no_announcement_for_english_only(tmp_path: Path) -> None:
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    found, stderr = jsonl(str(tmp_path))
    assert found == [] and "assuming" not in stderr


@pytest.mark.parametrize("option", ["--target", "--lang"])
def test_target_option_and_its_alias(tmp_path: Path, option: str) -> None:
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    found, stderr = jsonl(str(tmp_path), option, "en")
    assert ("fr.txt", "LNG003") in found and "assuming" not in stderr
    found, _ = jsonl(str(tmp_path), option, "fr")
    assert sorted(found) == [("fr.txt", "PUN007"), ("fr.txt", "PUN008")]


def test_unknown_target_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    result = runner.invoke(app, ["lint", str(tmp_path), "--target", "xx"])
    assert result.exit_code == 2 and "no profile for language 'xx'" in result.stderr


def test_source_option_enables_calques(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(CALQUE, encoding="utf-8")
    assert jsonl(str(tmp_path))[0] == []
    found, _ = jsonl(str(tmp_path), "--source", "fr")
    assert found == [("story.txt", "CLQ001"), ("story.txt", "CLQ001")]


def test_config_target_and_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mtqa.toml").write_text('target = "en"\nsource = "fr"\n', encoding="utf-8")
    (tmp_path / "story.txt").write_text(CALQUE, encoding="utf-8")
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found, stderr = jsonl(".")
    assert ("story.txt", "CLQ001") in found and ("fr.txt", "LNG003") in found and "assuming" not in stderr
    settings = load_config(tmp_path / "mtqa.toml")
    assert (settings.lang, settings.lang_given, settings.source_lang) == ("en", True, "fr")
    result = runner.invoke(app, ["config"])
    assert 'target = "en"' in result.stdout and 'source = "fr"' in result.stdout


def test_config_lang_still_works_and_clashes_with_target(tmp_path: Path) -> None:
    path = tmp_path / "mtqa.toml"
    path.write_text('lang = "fr"\n', encoding="utf-8")
    assert load_config(path).lang == "fr" and load_config(path).lang_given
    path.write_text('lang = "fr"\ntarget = "en"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="another name"):
        load_config(path)
    path.write_text("source = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'source'"):
        load_config(path)


def test_feed_items_declare_their_language(tmp_path: Path) -> None:
    items = [
        {"id": "a", "title": "Réforme", "body": "Il a dit: oui.", "language": "fr-FR"},
        {"id": "b", "title": "Reform", "body": "He said: yes.", "lang": "en"},
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(item) for item in items) + "\n", encoding="utf-8")
    found, stderr = jsonl(str(feed), "--target", "en")
    assert found == [("feed.jsonl#a", "PUN007")] and "assuming" not in stderr
