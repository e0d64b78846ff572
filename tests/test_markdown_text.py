from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.context import Context
from mtqa.engine import lint_document
from mtqa.markdown_text import extract_markdown, markdown_document
from mtqa.rules import REGISTRY

runner = CliRunner()

STORY = """---
title: kyiv front matter
---
# Troops left *kyiv*

The result : a draw, said the **mayor** of [kyiv city](https://example.org/kyiv "kyiv") &amp; Lviv.
Some 27 000 people `kyiv code` came.

> Quoted kyiv line
> continues here.

- first item in kyiv
- second item

| City | People |
|------|--------|
| kyiv | 27 000 |

```
kyiv in a fence
```

<div>kyiv in html</div>
"""


def test_markup_is_left_out() -> None:
    text, _ = extract_markdown(STORY)
    assert text == (
        "Troops left kyiv\n\n"
        "The result : a draw, said the mayor of kyiv city & Lviv. Some 27 000 people  came.\n\n"
        "Quoted kyiv line continues here.\n\n"
        "first item in kyiv\n\nsecond item\n\nCity\tPeople\n\nkyiv\t27 000"
    )


def test_findings_point_into_the_markdown_file(ctx: Context) -> None:
    result = lint_document(markdown_document("story.md", STORY, "en"), list(REGISTRY), ctx)
    lines = STORY.splitlines()
    places = [(item.finding.code, item.line, item.column) for item in result.findings]
    for code, line, _ in places:
        assert 4 <= line <= 18, (code, line)  # nothing in the front matter, the fence or the HTML block
    kyiv = [(line, column) for code, line, column in places if code == "CAS001"]
    assert kyiv == [(4, 16), (6, 45), (9, 10), (12, 17), (17, 3)]
    for line, column in kyiv:
        assert lines[line - 1][column - 1 : column + 3] == "kyiv"
    assert ("PUN001", 6, 11) in places
    assert result.text == STORY


def test_fix_leaves_every_markup_byte_intact(tmp_path: Path) -> None:
    story = tmp_path / "story.md"
    story.write_bytes(STORY.replace("\n", "\r\n").encode())
    result = runner.invoke(app, ["fix", str(story), "--select", "CAS001,PUN001"])
    assert result.exit_code == 0, result.output
    fixed = story.read_bytes().decode()
    expected = STORY.replace("\n", "\r\n")
    for before, after in [
        ("*kyiv*", "*Kyiv*"),
        ("result : a", "result: a"),
        ("[kyiv city]", "[Kyiv city]"),
        ("Quoted kyiv", "Quoted Kyiv"),
        ("in kyiv\r\n", "in Kyiv\r\n"),
        ("| kyiv |", "| Kyiv |"),
    ]:
        assert expected.count(before) == 1
        expected = expected.replace(before, after)
    assert fixed == expected  # link targets, code, front matter, fences and HTML untouched
    assert '(https://example.org/kyiv "kyiv")' in fixed and "kyiv in a fence" in fixed
