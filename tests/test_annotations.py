"""The gold annotation format: spans by offsets or text, insertion carets, validation errors naming file:line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtqa.annotations import (
    AnnotationError,
    annotation_files,
    apply_annotations,
    load_all,
    load_annotations,
    spans_overlap,
)
from mtqa.readers import read_raw
from tests.conftest import ROOT

STORY = "the forces of kyiv and kyiv again.Then CNNUkrainian forces"


def _write(folder: Path, rows: list[dict[str, object]], name: str = "annotations.jsonl") -> Path:
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    path = folder / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_text_occurrence_offsets_and_caret(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            {"file": "story.txt", "text": "kyiv", "occurrence": 2, "kind": "casing", "expected": "Kyiv"},
            {
                "file": "story.txt",
                "start": 14,
                "end": 18,
                "kind": "casing",
                "expected": "Kyiv",
                "mqm": "Fluency/Spelling",
            },
            {"file": "story.txt", "text": "again.⁁Then", "kind": "fused", "expected": " ", "severity": "minor"},
            {"file": "story.txt", "text": "CNN⁁Ukrainian", "kind": "fused", "expected": ", "},
        ],
    )
    found = load_annotations(path)
    assert [(a.start, a.end) for a in found] == [(23, 27), (14, 18), (34, 34), (42, 42)]
    assert found[1].mqm == "Fluency/Spelling" and found[2].severity == "minor"
    assert found[0].source == f"{path}:1"
    assert apply_annotations(STORY, found) == "the forces of Kyiv and Kyiv again. Then CNN, Ukrainian forces"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"file": "story.txt", "text": "kyiv", "kind": "casing"}, "'expected' is required"),
        ({"file": "story.txt", "text": "kyiv", "kind": "spelling", "expected": "Kyiv"}, "unknown kind"),
        ({"file": "story.txt", "text": "Lviv", "kind": "casing", "expected": "x"}, "occurs fewer than 1 times"),
        ({"file": "story.txt", "text": "kyiv", "occurrence": 3, "kind": "casing", "expected": "x"}, "fewer than 3"),
        ({"file": "story.txt", "start": 5, "end": 500, "kind": "casing", "expected": "x"}, "outside the story"),
        ({"file": "story.txt", "start": 5, "text": "kyiv", "kind": "casing", "expected": "x"}, "either"),
        ({"file": "story.txt", "text": "kyiv", "kind": "casing", "expected": "x", "sev": "minor"}, "unknown field"),
        ({"file": "story.txt", "text": "kyiv", "kind": "casing", "expected": "x", "severity": "huge"}, "severity"),
        ({"file": "missing.txt", "text": "kyiv", "kind": "casing", "expected": "x"}, "no such file|not a regular"),
        ({"file": "story.txt", "text": "a⁁b⁁c", "kind": "fused", "expected": "x"}, "at most one"),
    ],
)
def test_errors_name_file_and_line(tmp_path: Path, row: dict[str, object], message: str) -> None:
    path = _write(tmp_path, [{"file": "story.txt", "text": "the", "kind": "other", "expected": "The"}, row])
    with pytest.raises(AnnotationError, match=rf"^{path}:2: .*({message})"):
        load_annotations(path)


def test_bad_json_and_overlaps(tmp_path: Path) -> None:
    path = _write(tmp_path, [])
    path.write_text('# comment\n\n{"file": \n', encoding="utf-8")
    with pytest.raises(AnnotationError, match=rf"^{path}:3: not a JSON object"):
        load_annotations(path)
    path = _write(
        tmp_path,
        [
            {"file": "story.txt", "text": "forces of kyiv", "kind": "casing", "expected": "forces of Kyiv"},
            {"file": "story.txt", "text": "kyiv", "kind": "casing", "expected": "Kyiv"},
        ],
    )
    with pytest.raises(AnnotationError, match=rf"{path}:2: overlaps the annotation at {path}:1"):
        load_annotations(path)


def test_overlap_rule() -> None:
    assert spans_overlap(0, 4, 3, 6) and not spans_overlap(0, 3, 3, 6)
    assert spans_overlap(0, 6, 3, 3) and not spans_overlap(0, 3, 3, 3) and not spans_overlap(3, 6, 3, 3)
    assert spans_overlap(3, 3, 3, 3) and not spans_overlap(3, 3, 4, 4)


def test_files_found_in_folders(tmp_path: Path) -> None:
    _write(tmp_path, [{"file": "story.txt", "text": "kyiv", "kind": "casing", "expected": "Kyiv"}])
    _write(tmp_path, [{"file": "story.txt", "text": "CNN⁁U", "kind": "fused", "expected": ", "}], "story.gold.jsonl")
    (tmp_path / "feed.jsonl").write_text("{}\n", encoding="utf-8")
    assert [p.name for p in annotation_files([tmp_path])] == ["annotations.jsonl", "story.gold.jsonl"]
    assert len(load_all([tmp_path])) == 2


def test_corpus_annotations_give_the_references() -> None:
    """Applying every gold annotation of a seed story gives its post-edited reference, exactly."""
    corpus = ROOT / "corpus"
    annotations = load_all([corpus])
    stories = sorted(corpus.glob("*.txt"))
    stories = [s for s in stories if not s.name.endswith(".ref.txt")]
    assert len(stories) == 2 and len(annotations) >= 30
    for story in stories:
        mine = [a for a in annotations if Path(a.path).name == story.name]
        assert mine, story
        reference = story.with_name(story.stem + ".ref.txt")
        text = read_raw(str(story), "en").text
        assert apply_annotations(text, mine) == read_raw(str(reference), "en").text
