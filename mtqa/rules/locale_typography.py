"""Typography of targets other than English, from their profiles: French spacing, comma-decimal numbers.

French writes a (narrow no-break) space before ; : ! ? and inside « »; machine translation from English
(and English habits) leave them out. Languages that write decimals with a comma (French, German,
Spanish, Italian) get English number formats (``2,500.5``, ``1,200,000``, ``2.5 km``) flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import regex

from mtqa.analysis import Analysis
from mtqa.context import Context
from mtqa.findings import Applicability, Edit, Fix, Severity
from mtqa.profiles import LanguageProfile
from mtqa.registry import Example, Hit, Rule, replacement_hit
from mtqa.rules.numbers import group_digits

NARROW_NO_BREAK_SPACE = "\u202f"


@cache
def _tight_mark(marks: str) -> re.Pattern[str]:
    """A mark of ``marks`` written against the word before it."""
    return re.compile(rf"(?<=[^\W_]|[»”’\"')\]%])([{re.escape(marks)}])")


def _exempt(text: str, at: int) -> bool:
    """A colon in a time, a score, a URL or an emoticon; a mark doubled (?!) or inside a word (Wi:Fi)."""
    before, after = text[at - 1 : at], text[at + 1 : at + 2]
    if text[at] == ":" and ((before.isdigit() and after.isdigit()) or text.startswith("//", at + 1)):
        return True  # 14:30, 3:1, https://
    if (after and after in ")(/\\") or (after.isalnum() and text[at] in ":;"):
        return True  # :) and C:\, a colon inside a token (std::, urn:isbn)
    return text[max(0, at - 12) : at].lower().endswith(("http", "https", "mailto", "www"))


def check_missing_space_before(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag ; : ! ? written against the word before them where the target puts a space there (French)."""
    marks = ctx.profile.space_before
    text = doc.text
    if not marks or not any(mark in text for mark in marks):
        return
    for m in _tight_mark(marks).finditer(text):
        if _exempt(text, m.start()):
            continue
        mark = m.group(1)
        yield Hit(
            m.start(),
            m.end(),
            f"no space before “{mark}”: {ctx.profile.name} puts a narrow no-break space there",
            Fix((Edit(m.start(), m.start(), NARROW_NO_BREAK_SPACE),), Applicability.SAFE),
        )


MISSING_SPACE_BEFORE = Rule(
    code="PUN007",
    name="missing-space-before-punctuation",
    family="punctuation",
    severity=Severity.ERROR,
    mqm="Locale convention/Other",
    fix=Applicability.SAFE,
    summary="No space before ; : ! ? in a language that wants one (French “il a dit: oui”).",
    explanation=(
        "French typography puts a narrow no-break space (U+202F; a no-break or plain space is tolerated) "
        "before the semicolon, colon, exclamation and question marks; English habits, and machine "
        "translation from English, leave it out. The marks come from the target profile (space_before), so "
        "the rule does nothing for languages without the convention. Times (14:30), web addresses and "
        "emoticons are left alone. Inserting the narrow no-break space is safe."
    ),
    check=check_missing_space_before,
    flags=(
        Example("Il a dit: « Nous verrons ».", "Il a dit\u202f: « Nous verrons »."),
        Example("Pourquoi? Personne ne le sait!", "Pourquoi\u202f? Personne ne le sait\u202f!"),
    ),
    passes=(
        "Il a dit\u202f: « Nous verrons ». Pourquoi\u00a0? Personne ne le sait !",
        "La séance reprend à 14:30 sur https://exemple.fr ; voilà :)",
    ),
    example_lang="fr",
)

GUILLEMET_INSIDE = re.compile(r"«(?=[^\s\u00a0\u202f\u2009])|(?<=[^\s\u00a0\u202f\u2009«])»")


def check_guillemet_spacing(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag « » written against the quoted text where the target spaces them (French «\u202fBonjour\u202f»)."""
    text = doc.text
    if not ctx.profile.guillemet_space or ("«" not in text and "»" not in text):
        return
    for m in GUILLEMET_INSIDE.finditer(text):
        opening = m.group() == "«"
        at = m.end() if opening else m.start()
        where = "after “«”" if opening else "before “»”"
        yield Hit(
            m.start(),
            m.end(),
            f"no space {where}: {ctx.profile.name} puts a narrow no-break space inside guillemets",
            Fix((Edit(at, at, NARROW_NO_BREAK_SPACE),), Applicability.SAFE),
        )


GUILLEMET_SPACING = Rule(
    code="PUN008",
    name="guillemet-spacing",
    family="punctuation",
    severity=Severity.ERROR,
    mqm="Locale convention/Other",
    fix=Applicability.SAFE,
    summary="Guillemets written against the quoted text in a language that spaces them (French «Bonjour»).",
    explanation=(
        "French encloses quotations in « » with a narrow no-break space (U+202F; a no-break or plain space "
        "is tolerated) inside each guillemet. Text quoted «like this» comes from another language's habits "
        "or from machine translation. Only targets whose profile sets guillemet_space are checked. "
        "Inserting the narrow no-break space is safe."
    ),
    check=check_guillemet_spacing,
    flags=(
        Example(
            "Il a répondu « Bonjour» puis «Au revoir».", "Il a répondu « Bonjour\u202f» puis «\u202fAu revoir\u202f»."
        ),
    ),
    passes=("Il a répondu «\u202fBonjour\u202f» puis « Au revoir ».",),
    example_lang="fr",
)


@cache
def _english_numbers(profile: LanguageProfile) -> regex.Pattern[str]:
    """English-format numbers of a comma-decimal profile.

    That is: groups by commas with a decimal point, several comma groups, or a decimal point before a
    unit or scale word.
    """
    units = "|".join(regex.escape(u) for u in sorted({*profile.units, *profile.scale_words}, key=len, reverse=True))
    return regex.compile(
        r"(?<![\p{N}.,])(?:"
        r"(?P<grouped>\d{1,3}(?:,\d{3})+)(?:\.(?P<decimals>\d+))?(?![\p{N}]|[.,]\d)"
        rf"|(?P<whole>\d+)\.(?P<fraction>\d{{1,2}})(?=[ \u00a0\u202f]?(?:{units})(?![\p{{L}}]))(?![\p{{N}}]|[.,]\d)"
        r")"
    )


def check_english_number(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag English number formats (``2,500.5``, ``1,200,000``, ``2.5 km``) in a comma-decimal target."""
    profile = ctx.profile
    text = doc.text
    if profile.decimal_separator != "," or not any(c.isdigit() for c in text):
        return
    for m in _english_numbers(profile).finditer(text):
        if m.group("grouped"):
            if m.group("decimals") is None and m.group("grouped").count(",") < 2:
                continue  # 2,500 is 2.5 in a comma-decimal language: ambiguous
            digits = m.group("grouped").replace(",", "")
            fixed = group_digits(digits, profile.group_separator)
            if m.group("decimals") is not None:
                fixed += "," + m.group("decimals")
        else:
            fixed = f"{m.group('whole')},{m.group('fraction')}"
        yield replacement_hit(
            m.start(),
            m.end(),
            f"“{m.group()}” is an English number format; {profile.name} writes “{fixed}”",
            [fixed],
            Applicability.UNSAFE,
        )


ENGLISH_NUMBER = Rule(
    code="NUM008",
    name="english-number-format",
    family="numbers",
    severity=Severity.ERROR,
    mqm="Locale convention/Number format",
    fix=Applicability.UNSAFE,
    summary="An English number format in a comma-decimal language (“2,500.5”, “1,200,000”, “2.5 km”).",
    explanation=(
        "French, German, Spanish and Italian write decimals with a comma and group thousands with a space "
        "or a period (2 500,5 / 2.500,5); English writes 2,500.5. A number grouped by commas with a decimal "
        "point, grouped by two commas or more, or written with a decimal point before a unit or scale word, "
        "is English; it is rewritten with the target profile's separators. A single comma group (2,500) "
        "is a decimal in these languages and left alone. Unsafe: the figure may be quoted as printed."
    ),
    check=check_english_number,
    flags=(
        Example("Le budget atteint 2,500.5 millions d'euros.", "Le budget atteint 2\u202f500,5 millions d'euros."),
        Example(
            "Die Stadt hat 1,200,000 Einwohner und liegt 2.5 km entfernt.",
            "Die Stadt hat 1.200.000 Einwohner und liegt 2,5 km entfernt.",
            lang="de",
        ),
    ),
    passes=("Le budget atteint 2\u202f500,5 millions d'euros, soit 2,5 % du PIB, le 12.05.2024 à 14.30.",),
    example_lang="fr",
)

RULES = (MISSING_SPACE_BEFORE, GUILLEMET_SPACING, ENGLISH_NUMBER)
