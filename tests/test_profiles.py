"""Target-language profiles: every shipped language loads, its clean news raises (almost) nothing, and
French typography is enforced on a French target."""

from __future__ import annotations

import pytest

from mtqa.context import Context
from mtqa.document import Document
from mtqa.engine import lint_document, lint_paths
from mtqa.findings import Applicability, apply_edits
from mtqa.profiles import available_languages, load_profile
from mtqa.readers import InputError
from mtqa.rules import REGISTRY
from tests.conftest import ROOT

CLEAN = ROOT / "tests" / "data" / "clean"
TARGETS = ("fr", "de", "es", "it")


def test_the_five_target_languages_ship() -> None:
    assert {"en", "fr", "de", "es", "it"} <= set(available_languages())
    for lang in available_languages():
        profile = load_profile(lang)
        assert profile.lang == lang and profile.function_words and profile.boilerplate is not None
        assert len(profile.quotes) == 4


def test_conventions_differ_by_language() -> None:
    en, fr, de = load_profile("en"), load_profile("fr"), load_profile("de")
    assert (en.decimal_separator, en.group_separator) == (".", ",")
    assert (fr.decimal_separator, fr.group_separator) == (",", "\u202f")
    assert (de.decimal_separator, de.group_separator) == (",", ".")
    assert fr.space_before == ";:!?" and fr.guillemet_space and not en.space_before
    assert de.nouns_capitalised and not fr.nouns_capitalised


@pytest.mark.parametrize("lang", TARGETS)
def test_clean_news_raises_at_most_two_findings_per_10k_words(lang: str, ctx: Context) -> None:
    words = findings = 0
    target = ctx.for_language(lang)
    found = []
    for result in lint_paths([str(CLEAN / lang)], REGISTRY.select(), target):
        assert not isinstance(result, InputError), str(result)
        words += result.words
        findings += len(result.findings)
        found += [(result.path, f.finding.code, f.finding.message) for f in result.findings]
    assert words > 800
    assert 10_000 * findings / words <= 2.0, found


@pytest.mark.parametrize("lang", TARGETS)
def test_clean_news_target_is_detected(lang: str, ctx: Context) -> None:
    detecting = Context("en", ctx.glossary_paths, detect=True)
    results = [
        r for r in lint_paths([str(CLEAN / lang)], REGISTRY.select(), detecting) if not isinstance(r, InputError)
    ]
    assert results and all(r.lang == lang and r.detected and not r.findings for r in results)


def test_english_punctuation_in_a_french_target_is_flagged_and_fixed(ctx: Context) -> None:
    text = "Il a dit: « Bonjour». Pourquoi? Le budget atteint 2,500.5 millions.\n"
    result = lint_document(Document("<t>", text, "fr"), REGISTRY.select(), ctx)
    codes = sorted(f.finding.code for f in result.findings)
    assert codes == ["NUM008", "PUN007", "PUN007", "PUN008"]
    safe = [
        e
        for f in result.findings
        if f.finding.fix and f.finding.fix.applicability is Applicability.SAFE
        for e in f.finding.fix.edits
    ]
    assert (
        apply_edits(text, safe)
        == "Il a dit\u202f: « Bonjour\u202f». Pourquoi\u202f? Le budget atteint 2,500.5 millions.\n"
    )


def test_french_conventions_are_not_flagged_in_french(ctx: Context) -> None:
    text = (
        "Le 3 mars, lundi, il a dit\u202f: « Nous verrons\u202f». "
        "Il y a 27\u202f000 habitants, soit 2,5\u00a0% de plus à 21h30.\n"
    )
    assert not lint_document(Document("<t>", text, "fr"), REGISTRY.select(), ctx).findings


def test_german_nouns_and_numbers_are_not_flagged(ctx: Context) -> None:
    text = "Die Bundesregierung plant 2.500 neue Stellen und 2,5 Milliarden Euro für die Bahn.\n"
    assert not lint_document(Document("<t>", text, "de"), REGISTRY.select(), ctx).findings


def test_english_specific_rules_declare_their_language() -> None:
    for code in ("PUN003", "NUM001", "NUM002", "NUM004", "NUM005", "NUM007", "LNG002", "CLQ001", "CLQ002"):
        rule = REGISTRY.get(code)
        assert rule is not None and rule.languages == frozenset({"en"}), code
