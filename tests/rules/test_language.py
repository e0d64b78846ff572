"""Language rules: planted French spans in English stories (recall, precision), debris, wrong-language stories."""

from __future__ import annotations

from pathlib import Path

from mtqa.context import Context
from mtqa.document import Document
from mtqa.engine import lint_document
from mtqa.rules import REGISTRY
from tests.conftest import ROOT

PLANTED = ROOT / "tests" / "data" / "planted" / "fr_in_en.txt"
LANGUAGE_RULES = REGISTRY.select(["language"])


def planted_stories(path: Path) -> list[tuple[str, list[tuple[int, int]]]]:
    """The stories of a planted file, each with its text and the spans written between ⟦ and ⟧."""
    stories = []
    for block in path.read_text(encoding="utf-8").split("\n===\n"):
        text, spans, at = "", [], 0
        for part in block.split("⟦"):
            if "⟧" in part:
                inside, after = part.split("⟧", 1)
                spans.append((len(text), len(text) + len(inside)))
                text += inside + after
            else:
                text += part
            at += 1
        stories.append((text.strip("\n") + "\n", spans))
    return stories


def measure(ctx: Context) -> tuple[int, int, int, int]:
    """(planted spans, spans found, findings, findings on a planted span) over the planted stories."""
    planted = found = findings = correct = 0
    for i, (text, spans) in enumerate(planted_stories(PLANTED)):
        result = lint_document(Document(f"planted#{i}", text, "en"), LANGUAGE_RULES, ctx)
        hits = [(f.finding.start, f.finding.end) for f in result.findings]
        planted += len(spans)
        found += sum(any(s < he and hs < e for hs, he in hits) for s, e in spans)
        findings += len(hits)
        correct += sum(any(s < he and hs < e for s, e in spans) for hs, he in hits)
    return planted, found, findings, correct


def test_planted_french_spans_recall_and_precision(ctx: Context) -> None:
    planted, found, findings, correct = measure(ctx)
    assert planted >= 40
    recall, precision = found / planted, correct / max(findings, 1)
    assert recall >= 0.8, f"recall {found}/{planted} = {recall:.2f}"
    assert precision >= 0.9, f"precision {correct}/{findings} = {precision:.2f}"


def test_planted_stories_parse() -> None:
    stories = planted_stories(PLANTED)
    assert len(stories) >= 40
    for text, spans in stories:
        assert "⟦" not in text and "⟧" not in text
        assert all(text[s:e].strip() for s, e in spans)


def test_source_language_narrows_debris(ctx: Context) -> None:
    text = "Prices rose, laut the statistics office, selon the ministry.\n"
    german = Context("en", ctx.glossary_paths, source="de")
    codes = [f.finding.message for f in lint_document(Document("<t>", text, "en"), LANGUAGE_RULES, german).findings]
    assert len(codes) == 1 and "laut" in codes[0]


def test_wrong_language_story_is_one_finding(ctx: Context) -> None:
    text = (
        "Le gouvernement présente sa réforme\n\n"
        "Le Premier ministre a présenté mercredi un projet de loi qui doit être examiné par les députés dans "
        "les prochaines semaines. Selon lui, la réforme est nécessaire pour l'avenir du pays. Les syndicats "
        "ont appelé à une nouvelle journée de grève.\n"
    )
    result = lint_document(Document("<t>", text, "en"), LANGUAGE_RULES, ctx)
    assert [f.finding.code for f in result.findings] == ["LNG003"]
    assert "French" in result.findings[0].finding.message
