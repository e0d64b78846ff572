"""Calque rules: source-language phrasing and false friends, from the source language's profile.

Both run only when the source language is known (``--source``, the configuration, a bilingual file):
“the actual president” is a false friend only in a translation from French, German or Spanish. They
report at info level and suggest a rewording that is never applied automatically (a display fix). Each
pattern carries the context that makes the phrase wrong, so that professionally written English is
left alone: bare “actually” or “eventually” is never flagged, native English uses both all the time.
"""

from __future__ import annotations

from collections.abc import Iterator

from mtqa.analysis import Analysis
from mtqa.context import Context
from mtqa.findings import Applicability, Edit, Fix, Severity
from mtqa.langid import language_name
from mtqa.langspans import source_language
from mtqa.registry import Example, Hit, Rule
from mtqa.sources import Pattern, expand, load_source


def _matches(doc: Analysis, ctx: Context, kind: str) -> Iterator[Hit]:
    """Hits of the source profile's ``calques`` or ``false_friends`` patterns."""
    source = source_language(doc, ctx)
    profile = load_source(source) if source is not None else None
    if profile is None or source is None:
        return
    patterns: tuple[Pattern, ...] = profile.calques if kind == "calques" else profile.false_friends
    lang = language_name(source)
    # İ folds to i and a combining dot, which IGNORECASE matching reads as i: the dot is left out
    folded = doc.shared("casefolded", lambda: doc.text.casefold().replace("\u0307", ""))
    for entry in patterns:
        if entry.anchor and entry.anchor not in folded:
            continue  # the letters every match holds are not in the text
        for m in entry.pattern.finditer(doc.text):
            suggestion = expand(m, entry.suggestion)
            label = "calque" if kind == "calques" else "false friend"
            message = f"{lang} {label} “{m.group()}”: consider “{suggestion}” — {entry.explanation}"
            fix = Fix((Edit(m.start(), m.end(), suggestion),), Applicability.DISPLAY)
            yield Hit(m.start(), m.end(), message, fix)


def check_calques(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag source-language phrasing (``This Saturday,``, ``several tens of``) from the source profile."""
    yield from _matches(doc, ctx, "calques")


def check_false_friends(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag false friends of the source language (``actually`` for ``actuellement``)."""
    yield from _matches(doc, ctx, "false_friends")


CALQUE = Rule(
    code="CLQ001",
    name="calque",
    family="calque",
    severity=Severity.INFO,
    mqm="Fluency/Register",
    fix=Applicability.DISPLAY,
    summary="Source-language phrasing copied into English (“This Saturday,”, “several tens of”).",
    explanation=(
        "Translations keep the shape of the source sentence: “ce samedi” becomes “This Saturday,”, "
        "“plusieurs dizaines de” “several tens of”, “c'est à Kyiv que” “It is in Kyiv that”, “seit drei "
        "Jahren” “since three years”. The patterns are data, one file per source language "
        "(mtqa/data/sources/<lang>/calques.tsv: pattern, suggestion, explanation), and run only when the "
        "source language is known (--source, the configuration's source key, a bilingual file). Info "
        "level: the phrasing is unidiomatic rather than wrong. The suggestion is shown, never applied."
    ),
    check=check_calques,
    flags=(
        Example("This Saturday, thousands marched in Paris.", "On Saturday, thousands marched in Paris."),
        Example("Several tens of soldiers were wounded.", "Dozens of soldiers were wounded."),
        Example("It is in Kherson that the fighting was fiercest.", "In Kherson, the fighting was fiercest."),
        Example("He has lived there since three years.", "He has lived there for three years.", source="de"),
        Example("She left makes two years.", "She left two years ago.", source="es"),
    ),
    passes=("On Saturday, dozens of soldiers were wounded in Kherson, where he has lived for three years.",),
    languages=frozenset({"en"}),
    example_source="fr",
)

FALSE_FRIEND = Rule(
    code="CLQ002",
    name="false-friend",
    family="calque",
    severity=Severity.INFO,
    mqm="Accuracy/Mistranslation",
    fix=Applicability.DISPLAY,
    summary="A false friend of the source language (“the actual president” for “l’actuel président”).",
    explanation=(
        "Words that look alike in two languages but mean different things: French “actuel”, German "
        "“aktuell” and Spanish “actual” mean “current” (“the actual president”), “éventuel” and "
        "“eventuell” “possible” (“eventual irregularities”), “assister à” “to attend”, “sensible” "
        "“sensitive”, “bekommen” “to get”, “embarazada” “pregnant”. The pairs are data, one file per "
        "source language (mtqa/data/sources/<lang>/false_friends.tsv), and run only when the source "
        "language is known. Each pattern holds the context that makes the English reading unlikely (bare "
        "“actually” and “eventually” are left alone: native English uses them constantly). Info level, "
        "because the English word may be meant; the suggestion is shown, never applied."
    ),
    check=check_false_friends,
    flags=(
        Example("The bridge is actually under construction.", "The bridge is currently under construction."),
        Example("Officials will examine eventual irregularities.", "Officials will examine possible irregularities."),
        Example("Thousands assisted at the ceremony.", "Thousands attended the ceremony."),
        Example("The minister checked his handy.", "The minister checked his mobile phone.", source="de"),
        Example("The actual president was re-elected.", "The current president was re-elected.", source="es"),
    ),
    passes=(
        "The bridge was actually closed, talks could eventually resume and thousands attended the ceremony.",
        "The actual cost was higher, and it would be sensible to wait for the eventual outcome.",
    ),
    languages=frozenset({"en"}),
    example_source="fr",
)

RULES = (CALQUE, FALSE_FRIEND)
