"""Glossary rule: a variant the house style rejects, replaced by the preferred form."""

from __future__ import annotations

from collections.abc import Iterator

from mtqa.analysis import Analysis
from mtqa.context import Context
from mtqa.findings import Applicability, Severity
from mtqa.glossary import Entry
from mtqa.names import context_near, inside_longer_name
from mtqa.registry import Example, Hit, Rule, replacement_hit
from mtqa.toponyms import CITY


def _accepted(text: str, start: int, end: int, entry: Entry) -> bool:
    """True when the match lies inside one of the entry's accepted phrases (“chicken Kiev”)."""
    for phrase in entry.accept:
        window_start = max(0, start - len(phrase))
        window = text[window_start : end + len(phrase)]
        haystack = window if entry.case_sensitive else window.lower()
        needle = phrase if entry.case_sensitive else phrase.lower()
        pos = haystack.find(needle)
        while pos != -1:
            if window_start + pos <= start and window_start + pos + len(phrase) >= end:
                return True
            pos = haystack.find(needle, pos + 1)
    return False


def _unmistakable_city(variant: str, entry: Entry, ctx: Context) -> bool:
    """True for a rejected spelling of a Ukrainian city that is no word or name of the language.

    Such a spelling (Soumy, Tcherkassy) needs no mention of the war nearby to be recognised; one that
    the language knows (Odessa, Liman, Saki), or a village's (many share a name with one in Russia),
    does.
    """
    if entry.type != "place" or ctx.toponyms.rank(entry.preferred) < CITY:
        return False
    return all(ctx.lexicon.zipf(word) == 0 for word in variant.replace("-", " ").split())


def check_glossary(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag variants rejected by the glossaries in force and propose the preferred form."""
    glossary = ctx.glossary
    if not glossary.prefilter.may_occur(doc.word_types, ctx.verdicts):
        return  # no token holds a variant's letters: no need to scan the text
    text = doc.text
    for start, end, entry in glossary.find(text):
        if _accepted(text, start, end, entry):
            continue
        if entry.type == "place" and inside_longer_name(doc, ctx.profile, start, end):
            continue
        if entry.context and not context_near(text, start, end, entry.context):
            if not _unmistakable_city(text[start:end], entry, ctx):
                continue
        note = f" ({entry.note})" if entry.note else ""
        yield replacement_hit(
            start,
            end,
            f"“{text[start:end]}”: house style writes “{entry.preferred}”{note}",
            [entry.preferred],
            Applicability.UNSAFE if entry.context else Applicability.SAFE,
        )


GLOSSARY_VARIANT = Rule(
    code="GLO001",
    name="glossary-variant",
    family="glossary",
    severity=Severity.ERROR,
    mqm="Terminology/Wrong term",
    fix=Applicability.SAFE,
    summary="A spelling or name the glossaries reject (“Donbass”, “Institute for War Studies”, “DNR”).",
    explanation=(
        "Glossaries (files in glossaries/, chosen with --glossary) list for each name or term the "
        "preferred form and the variants to reject or accept. A rejected variant is flagged with the "
        "preferred form as the fix, also inside possessives (Kiev's) and hyphenated compounds "
        "(Kiev-based), but not inside an accepted phrase (chicken Kiev). The fix is safe, except "
        "for entries that apply only in a context (DNR means the Donetsk People's Republic only near a "
        "mention of the war: one of the entry's context words within 600 characters), whose fix is "
        "unsafe; a city's rejected spelling that is no word or name of the language (Tcherkassy) is "
        "flagged without that context, with an unsafe fix."
    ),
    check=check_glossary,
    flags=(
        Example("Russian forces retreat to Donbass", "Russian forces retreat to Donbas"),
        Example(
            "According to the Institute for War Studies, Kiev's forces advanced.",
            "According to the Institute for the Study of War, Kyiv's forces advanced.",
        ),
        Example(
            "The leader of the Donetsk People's Republic (DNR) in Ukraine spoke.",
            "The leader of the Donetsk People's Republic (DPR) in Ukraine spoke.",
        ),
        Example("Officials in Tcherkassy said a plant was damaged.", "Officials in Cherkasy said a plant was damaged."),
    ),
    passes=(
        "He ordered chicken Kiev in Kyiv.",
        "In Ukraine, the cruiser Moskva sank; Prince Georgy Lvov and the Soviet carrier Kiev were named.",
        "The patient had a DNR order.",
        "Ukraine's war dominated the news for a year. "
        + "Meanwhile, in other news, " * 30
        + "Frederick Forsyth's 1972 thriller The Odessa File was reissued.",
        "Russian forces retreat to Donbas.",
        "The film festival in Odessa, Texas, opened on Friday.",
        "Officials in Mikhaylovka said the plant was damaged.",
    ),
)

RULES = (GLOSSARY_VARIANT,)
