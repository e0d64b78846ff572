"""Calque and false-friend rules: source-dependent, info level, suggestions never applied automatically."""

from __future__ import annotations

import pytest

from mtqa.context import Context
from mtqa.document import Document
from mtqa.engine import lint_document
from mtqa.findings import Applicability, Severity, apply_edits
from mtqa.rules import REGISTRY
from mtqa.sources import Pattern, available_sources, load_source

CALQUE_RULES = REGISTRY.select(["calque"])
TEXT = "This Saturday, several tens of protesters marched against the actual government. It is in Lyon that it began.\n"


def test_calque_rules_are_info_and_never_safe() -> None:
    assert {r.code for r in CALQUE_RULES} == {"CLQ001", "CLQ002"}
    for rule in CALQUE_RULES:
        assert rule.severity is Severity.INFO
        assert rule.fix in (None, Applicability.DISPLAY, Applicability.UNSAFE)


def test_findings_are_info_with_display_fixes(ctx: Context) -> None:
    french = Context("en", ctx.glossary_paths, source="fr")
    result = lint_document(Document("<t>", TEXT, "en"), CALQUE_RULES, french)
    assert len(result.findings) == 4
    for item in result.findings:
        assert item.finding.severity is Severity.INFO
        assert item.finding.fix is not None and item.finding.fix.applicability is Applicability.DISPLAY
    suggestions = [item.finding.fix.edits[0].replacement for item in result.findings if item.finding.fix]
    assert suggestions == ["On Saturday", "dozens of", "the current government", "In Lyon,"]


def test_nothing_without_a_source_language(ctx: Context) -> None:
    assert not lint_document(Document("<t>", TEXT, "en"), CALQUE_RULES, ctx).findings


def test_each_source_has_its_own_patterns(ctx: Context) -> None:
    text = "He has lived there since three years, under the actual government.\n"
    for source, expected in (("de", 2), ("es", 2), ("fr", 2)):
        sourced = Context("en", ctx.glossary_paths, source=source)
        assert len(lint_document(Document("<t>", text, "en"), CALQUE_RULES, sourced).findings) == expected
    german_only = "The concern said profits rose.\n"
    german = Context("en", ctx.glossary_paths, source="de")
    spanish = Context("en", ctx.glossary_paths, source="es")
    assert lint_document(Document("<t>", german_only, "en"), CALQUE_RULES, german).findings
    assert not lint_document(Document("<t>", german_only, "en"), CALQUE_RULES, spanish).findings


def _entries() -> list[tuple[str, str, Pattern]]:
    """Every calque and false-friend entry of every shipped source language: (source, file, entry)."""
    out = []
    for source in available_sources():
        profile = load_source(source)
        assert profile is not None
        out += [(source, "calques", entry) for entry in profile.calques]
        out += [(source, "false_friends", entry) for entry in profile.false_friends]
    return out


ENTRIES = _entries()


@pytest.mark.parametrize(("source", "kind", "entry"), ENTRIES, ids=[f"{s}-{k}-{e.flags[:30]}" for s, k, e in ENTRIES])
def test_each_entry_flags_its_example_and_passes_its_native_sentence(source: str, kind: str, entry: Pattern) -> None:
    """Each row of calques.tsv / false_friends.tsv ships a sentence it must flag and one it must leave alone."""
    assert entry.flags and entry.passes, f"{source}/{kind}.tsv: {entry.pattern.pattern!r} needs flags and passes"
    assert entry.pattern.search(entry.flags), f"{entry.pattern.pattern!r} misses {entry.flags!r}"
    ctx = Context("en", source=source)
    found = [item.finding for item in lint_document(Document("<t>", entry.flags, "en"), CALQUE_RULES, ctx).findings]
    assert len(found) == 1, [f.message for f in found]  # one finding: no other entry overlaps this one
    assert found[0].code == ("CLQ001" if kind == "calques" else "CLQ002")
    fix = found[0].fix
    assert fix is not None and fix.applicability is Applicability.DISPLAY
    fixed = apply_edits(entry.flags, list(fix.edits))
    assert fixed != entry.flags and "  " not in fixed and " ," not in fixed, fixed
    left = lint_document(Document("<t>", entry.passes, "en"), CALQUE_RULES, ctx).findings
    assert not left, [item.finding.message for item in left]


NATIVE = """It would be sensible to wait for the results before deciding, and that is a sensible question.
The actual government spending figure was much lower than forecast; the actual cost was twice the estimate.
What actually counts is how many people turn out. Was the work actually under way? Nobody actually knows.
The eventual winner will receive £1m, the eventual outcome is unclear and talks could eventually resume.
Paramedics assisted at the scene, police assisted the fire brigade and the bishop was assisted by two priests.
He was embarrassed by the leak and embarrassed about the mistake. Five months on, he is still embarrassed.
She realised the survey was flawed, realised a mistake had been made, and the company realised a profit.
The firm made a compromise with the unions, and there can be no compromise with terrorism.
The formation of a new government took weeks, and the planes flew in formation.
The British Library lends books, and libraries across the country are closing.
Hundreds attended the results ceremony, and the decision was awaited. Nurses attend to patients.
The evolution of the internet changed how we shop. The concurrence of three judges was needed.
The conductor of the orchestra and the conductor of the train were praised.
The rash was a manifestation of a deeper problem. The minister gave a press conference.
He demanded that the board resign. It was an occasion to remember.
The concern is that prices will rise further. The town became a magnet for tourists.
Also, the company said it would cut 500 jobs. Also present were the mayor and her deputy.
The consequent rise in prices hurt sales, and consequently the firm cut jobs. The fabric is woven in Italy.
He was deceived by his business partner, and the deception was uncovered in 2004.
In the year 2000, the millennium bug was feared. The plan was put in place in 2003.
Several tens of thousands of people marched. The match is this Saturday, and this Sunday's vote is crucial.
It is in the national interest that talks resume. Within the framework of the treaty, talks continued.
The judge looked at the totality of the evidence. A dozen of the world's biggest firms signed up.
Since two years ago, sales have doubled. With 20 years of experience, she knows the job.
The company has 100 years of history, and he had 10 years left on his contract.
Volunteers assist at the food bank. The carpet was swept; it was brushed under the carpet.
Here is your handy guide to the budget. The song became an anthem. That makes two years in a row.
At the actual moment of impact, the driver braked. Quality of life improved.
Anything more than a draw becomes a bonus. The bill needs concurrence from the Senate.
"""


@pytest.mark.parametrize("source", available_sources())
def test_native_english_near_the_patterns_is_left_alone(source: str) -> None:
    """Sentences a professional would write with the same words: no source language's patterns flag them."""
    ctx = Context("en", source=source)
    found = lint_document(Document("<t>", NATIVE, "en"), CALQUE_RULES, ctx).findings
    assert not found, [item.finding.message for item in found]
