from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtqa.decisions import FILENAME, Baseline, DecisionsError, DecisionStore, anchor_of, decide, find_decisions_file
from mtqa.document import Document
from mtqa.engine import lint_document
from mtqa.rules import REGISTRY

TEXT = "Ukraine says kyiv is safe.\n\nLeave a Reply\n"


def test_anchor_is_stable_and_context_bounded() -> None:
    a = anchor_of("s.txt", "CAS001", "x" * 100 + " kyiv  is\nsafe", 101, 105)
    assert a.text == "kyiv"
    assert a.before == "x" * 23 and a.after == "is safe"  # whitespace collapsed, 24 characters each side
    assert a.fingerprint == anchor_of("s.txt", "CAS001", "x" * 100 + " kyiv  is\nsafe", 101, 105).fingerprint
    assert a.fingerprint != anchor_of("t.txt", "CAS001", "x" * 100 + " kyiv  is\nsafe", 101, 105).fingerprint


def test_store_records_and_reloads(tmp_path: Path) -> None:
    store = DecisionStore(tmp_path / FILENAME)
    anchor = anchor_of("s.txt", "CAS001", TEXT, 13, 17)
    store.record(decide(anchor, "reject", "ana"))
    store.record(decide(anchor, "accept", "ben"))  # the last decision wins
    lines = (tmp_path / FILENAME).read_text().splitlines()
    assert [json.loads(line)["decision"] for line in lines] == ["reject", "accept"]
    reloaded = DecisionStore(tmp_path / FILENAME)
    found = reloaded.lookup(anchor)
    assert found is not None and (found.decision, found.who) == ("accept", "ben")
    assert len(list(reloaded)) == 1


def test_lookup_survives_an_edit_on_one_side(tmp_path: Path) -> None:
    store = DecisionStore(tmp_path / FILENAME)
    store.record(decide(anchor_of("s.txt", "CAS001", TEXT, 13, 17), "reject", "ana"))
    edited = "Ukraine now says kyiv is safe.\n\nLeave a Reply\n"
    assert store.lookup(anchor_of("s.txt", "CAS001", edited, 17, 21)) is not None  # same right-hand context
    moved = "Elsewhere: kyiv was hit.\n"
    assert store.lookup(anchor_of("s.txt", "CAS001", moved, 11, 15)) is None  # both sides differ


def test_decide_validates() -> None:
    anchor = anchor_of("s.txt", "CAS001", TEXT, 13, 17)
    with pytest.raises(ValueError, match="unknown decision"):
        decide(anchor, "maybe", "ana")
    with pytest.raises(ValueError, match="needs a replacement"):
        decide(anchor, "edit", "ana")
    assert decide(anchor, "edit", "ana", "Kyiv").replacement == "Kyiv"
    assert decide(anchor, "accept", "ana", "ignored").replacement is None


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("not json", "bad decision record"),
        ('{"schema": "other/1"}', "not a mtqa.decision/1 record"),
        ('{"who": "a", "bogus": 1}', "unknown keys"),
        ('{"who": "a"}', "bad decision record"),
    ],
)
def test_bad_decisions_file_names_file_and_line(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / FILENAME
    path.write_text("\n" + line + "\n")
    with pytest.raises(DecisionsError, match=rf"{FILENAME}:2: .*{problem}"):
        DecisionStore(path)


def test_find_decisions_file_walks_up(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert find_decisions_file(tmp_path / "a" / "b") is None
    (tmp_path / FILENAME).write_text("")
    assert find_decisions_file(tmp_path / "a" / "b") == tmp_path / FILENAME


def test_baseline_hides_rejected_findings_only(tmp_path: Path, ctx: object) -> None:
    story = tmp_path / "news" / "story.txt"
    story.parent.mkdir()
    story.write_text(TEXT)
    rules = list(REGISTRY)
    result = lint_document(Document(str(story), TEXT), rules, ctx)  # type: ignore[arg-type]
    codes = [i.finding.code for i in result.findings]
    assert "CAS001" in codes and "STR002" in codes
    store = DecisionStore(tmp_path / FILENAME)  # above the story's folder
    boiler = next(i.finding for i in result.findings if i.finding.code == "STR002")
    kyiv = next(i.finding for i in result.findings if i.finding.code == "CAS001")
    store.record(decide(anchor_of("news/story.txt", "STR002", TEXT, boiler.start, boiler.end), "reject", "ana"))
    store.record(decide(anchor_of("news/story.txt", "CAS001", TEXT, kyiv.start, kyiv.end), "accept", "ana"))
    kept = [i.finding.code for i in Baseline().without_rejected(result).findings]
    assert "STR002" not in kept and "CAS001" in kept
    assert [i.finding.code for i in Baseline(tmp_path / "elsewhere.jsonl").without_rejected(result).findings] == codes
