from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.readers import FeedFields, InputError, read_feed

runner = CliRunner()


def test_jsonl_items_become_documents(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "a1", "title": "is it over?", "body": "Troops left kyiv."}) + "\n"
        "{not json}\n\n"
        + json.dumps({"id": "a3", "headline": "x"})
        + "\n"
        + json.dumps({"title": "", "body": "Clean text."})
        + "\n",
        encoding="utf-8",
    )
    items = list(read_feed(str(feed), "en", FeedFields()))
    assert [str(i) if isinstance(i, InputError) else i.path for i in items] == [
        f"{feed}:2: invalid JSON (Expecting property name enclosed in double quotes at column 2)",
        f"{feed}#a1",
        f"{feed}#a3: no text field 'body' (see --body-field)",
        f"{feed}#5",
    ]
    assert items[1].text == "is it over?\n\nTroops left kyiv."  # type: ignore[union-attr]


def test_lint_a_json_array_feed(tmp_path: Path) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps([{"guid": "g1", "headline": "Kyiv", "text": "The result : a draw."}]), encoding="utf-8")
    args = ["lint", str(feed), "--format", "jsonl", "--id-field", "guid", "--title-field", "headline"]
    result = runner.invoke(app, [*args, "--body-field", "text"])
    record = json.loads(result.output)
    assert (record["path"], record["code"], record["line"], record["column"]) == (f"{feed}#g1", "PUN001", 3, 11)
    result = runner.invoke(app, ["lint", str(feed)])
    assert result.exit_code == 2 and "no text field 'body'" in result.output
    result = runner.invoke(app, ["fix", str(feed)])
    assert result.exit_code == 2 and "not fixed in place" in result.output
