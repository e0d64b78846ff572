"""Matching findings with gold annotations: precision, recall, F1, fix accuracy, on a hand-made corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtqa.annotations import Annotation, load_all
from mtqa.config import Settings
from mtqa.context import Context
from mtqa.evaluation import Tally, evaluate, is_right, run_eval
from mtqa.findings import Edit
from mtqa.rules import REGISTRY
from tests.conftest import lint_text

STORY = "the forces of kyiv took the city.\n\nAccording to CNNUkrainian forces seek to attack.\n"
FAMILIES = {rule.code: rule.family for rule in REGISTRY}


def _corpus(folder: Path) -> Path:
    """One story: CAS002 (no annotation: a false alarm), CAS001 (right fix), FUS002 (wrong fix), one miss."""
    story = folder / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    rows = [
        {"file": "story.txt", "text": "kyiv", "kind": "casing", "expected": "Kyiv", "mqm": "Fluency/Spelling"},
        {
            "file": "story.txt",
            "text": "took",
            "kind": "translation",
            "expected": "retook",
            "mqm": "Accuracy/Mistranslation",
        },
        {"file": "story.txt", "text": "CNN⁁Ukrainian", "kind": "fused", "expected": " ", "mqm": "Fluency/Spelling"},
    ]
    (folder / "annotations.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return story


def test_known_precision_recall_and_fix_accuracy(tmp_path: Path, ctx: Context) -> None:
    story = _corpus(tmp_path)
    report, errors = run_eval([str(tmp_path)], REGISTRY.select(), ctx, Settings())
    assert errors == []
    overall = report.overall
    assert (overall.findings, overall.true_findings, overall.annotations, overall.found) == (3, 2, 3, 2)
    assert overall.precision == pytest.approx(2 / 3) and overall.recall == pytest.approx(2 / 3)
    assert overall.f1 == pytest.approx(2 / 3)
    assert overall.fixed == 1 and overall.fix_accuracy == pytest.approx(0.5)
    assert overall.alternatives == 1  # FUS002's alternative "CNN Ukrainian" was the right one
    casing, fused = report.families["casing"], report.families["fused"]
    assert (casing.findings, casing.true_findings, casing.annotations, casing.found, casing.fixed) == (2, 1, 1, 1, 1)
    assert (fused.findings, fused.true_findings, fused.fixed) == (1, 1, 0)
    assert report.families["translation"].recall == 0.0 and report.families["translation"].precision is None
    assert report.categories["Fluency/Spelling"].recall == 1.0
    assert report.categories["Accuracy/Mistranslation"].recall == 0.0
    assert [(m.label, m.text) for m in report.misses] == [("translation", "took")]
    assert [(m.label, m.line) for m in report.false_alarms] == [("CAS002", 1)]
    assert [(m.label, m.proposed) for m in report.wrong_fixes] == [("fused", "rding to CNN, Ukrainian fo")]
    assert report.quality[0].path == str(story) and report.quality[0].words == len(STORY.split())


def test_unannotated_story_is_clean_and_other_stories_are_left_out(tmp_path: Path, ctx: Context) -> None:
    _corpus(tmp_path)
    (tmp_path / "clean.txt").write_text("the forces of kyiv.\n", encoding="utf-8")
    report, _ = run_eval([str(tmp_path / "clean.txt")], REGISTRY.select(), ctx, Settings(), [tmp_path])
    assert report.overall.annotations == 0 and report.overall.findings == 2 and report.overall.precision == 0.0
    assert report.unlinted_annotations == 3 and report.overall.recall is None


def test_fix_right_or_wrong(ctx: Context) -> None:
    text = "According to the Institute for War Studies2500km² have been taken over."
    start = text.index("Studies") + len("Studies")
    insertion = Annotation("s", start, start, "fused", ", ", source="a:1")
    number = Annotation("s", start, start + 7, "numbers", "2,500 km²", source="a:2")
    story = [insertion, number]
    assert is_right(text, [Edit(start, start, ", ")], insertion, story)
    assert not is_right(text, [Edit(start, start, " ")], insertion, story)
    assert is_right(text, [Edit(start, start + 7, "2,500 km²")], number, story)
    # one fix correcting both adjacent artifacts is right for each of them
    both = [Edit(start - 7, start + 7, "Studies, 2,500 km²")]
    assert is_right(text, both, insertion, story) and is_right(text, both, number, story)
    assert not is_right(text, [Edit(start - 7, start + 7, "Studies, 2500km²")], number, story)


def test_matching_is_by_overlap(ctx: Context) -> None:
    result = lint_text("Officials in kyiv met.", ctx)
    (finding,) = [item.finding for item in result.findings]
    near = Annotation("<test>", finding.start - 3, finding.start, "casing", "x", source="a:1")  # touches only
    report = evaluate([result], [near], FAMILIES)
    assert report.overall.true_findings == 0 and report.overall.found == 0
    inside = Annotation("<test>", finding.start + 1, finding.start + 1, "casing", "", source="a:2")  # a point inside
    assert evaluate([result], [inside], FAMILIES).overall.found == 1


def test_tally_undefined_metrics() -> None:
    assert Tally().precision is None and Tally().recall is None and Tally().f1 is None
    assert Tally(findings=2, annotations=2).f1 == 0.0


def test_seed_corpus_scores(ctx: Context) -> None:
    """The seeds: every finding is a real artifact; the misses are what the rules do not target yet."""
    from tests.conftest import ROOT

    report, errors = run_eval([str(ROOT / "corpus")], REGISTRY.select(), ctx, Settings())
    assert errors == [] and report.stories == 2
    assert report.overall.annotations == len(load_all([ROOT / "corpus"]))
    assert report.overall.precision == 1.0
    assert 0.5 < (report.overall.recall or 0) < 1.0
    assert report.families["glossary"].recall == 1.0


FRENCH = (
    "Le gouvernement présente sa réforme\n\nLe Premier ministre a présenté mercredi un projet de loi qui doit "
    "être examiné par les députés dans les prochaines semaines. Il a dit: « Nous verrons».\n"
)
ENGLISH = "the talks resume\n\nThe talks resumed on Monday and the envoy said he hoped for progress.\n"


def test_each_story_is_evaluated_in_its_detected_language(tmp_path: Path) -> None:
    """Without a target, eval lints and fixes each story as lint does: the French one with the French profile."""
    pytest.importorskip("sacrebleu")
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "fr.ref.txt").write_text(FRENCH.replace(": ", "\u202f: ").replace("s»", "s\u202f»"), encoding="utf-8")
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "en.ref.txt").write_text("T" + ENGLISH[1:], encoding="utf-8")
    report, errors = run_eval([str(tmp_path)], REGISTRY.select(), Context("en", detect=True), Settings())
    assert errors == [] and report.stories == 2
    codes = sorted(f.label for f in report.false_alarms)  # no annotations: every finding is listed
    assert codes == ["CAS002", "PUN007", "PUN008"]  # French spacing, not English guillemets or wrong-language
    assert report.references is not None
    raw, safe, _ = report.references.systems
    assert safe.chrf == pytest.approx(100.0) and raw.chrf < 100.0  # the French fixes turn each story into its reference
