"""Toponym rule: a place name in a foreign or older transliteration that no glossary lists."""

from __future__ import annotations

from collections.abc import Iterator

from mtqa.analysis import Analysis
from mtqa.context import Context
from mtqa.findings import Applicability, Severity
from mtqa.names import inside_longer_name
from mtqa.registry import Example, Hit, Rule, replacement_hit

CONTEXT_WINDOW = 600  # characters either side in which a context word must occur
MAX_ZIPF = 3.0  # a word this common in English is not a misspelt place name
POSSESSIVES = ("’s", "'s")


def check_transliteration(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag capitalised words that spell a glossary place in another transliteration system."""
    index = ctx.toponyms
    text = doc.text
    context_words = index.transliterations.context
    if not any(word in text for word in context_words):
        return
    lex = ctx.lexicon
    for word in doc.word_types:
        if len(word) < 5 or not word[0].isupper() or word.isupper():
            continue
        base = word
        for suffix in POSSESSIVES:
            if word.endswith(suffix):
                base = word[: -len(suffix)]
        if base in index.preferred or base in index.rejected or lex.cased_form(base) is not None:
            continue
        if lex.zipf(base) >= MAX_ZIPF or not base[1:].replace("'", "").replace("’", "").isalpha():
            continue
        found = index.match(base)
        if found is None:
            continue
        entry, system = found
        for token in doc.occurrences(word):
            window = text[max(0, token.start - CONTEXT_WINDOW) : token.end + CONTEXT_WINDOW]
            if not any(w in window for w in context_words):
                continue
            if inside_longer_name(doc, ctx.profile, token.start, token.end):
                continue  # Sergei Makarov, Stanytsia Luhanska, the cruiser Moskva
            before = doc.words_before(token.start, 1)
            if "Russian" in system and not (before and before[0].lower() in ctx.profile.place_prepositions):
                continue  # Russian-era forms are also surnames: require "in", "near", "of"… before
            if "Russian" in system and "city" not in entry.note and entry.note:
                continue  # and names of villages in Russia: only towns and cities are matched
            yield replacement_hit(
                token.start,
                token.end,
                f"“{base}” looks like a {system} spelling of “{entry.preferred}”"
                + (f" ({entry.note})" if entry.note else ""),
                [entry.preferred + word[len(base) :]],
                Applicability.UNSAFE,
            )


FOREIGN_TRANSLITERATION = Rule(
    code="TOP001",
    name="foreign-transliteration",
    family="toponyms",
    severity=Severity.ERROR,
    mqm="Terminology/Wrong term",
    fix=Applicability.UNSAFE,
    summary="A place name in a French, German, Polish or Russian-era spelling (“Vovtchansk”, “Kourakhovo”).",
    explanation=(
        "Machine translation from French keeps French transliterations of Ukrainian names, which no "
        "glossary can list in full. A capitalised word that no glossary or lexicon knows, near a mention "
        "of Ukraine or the war, is rewritten by each known transliteration system (data/toponyms/"
        "transliterations.toml) back towards the 2010 national romanisation and matched, ignoring "
        "y/i, doubled letters and similar choices, against the glossaries' place names; only an "
        "unambiguous match is reported. Common English words and names of places elsewhere (Paris, "
        "Berlin) are never matched. The fix is the glossary form and is unsafe."
    ),
    check=check_transliteration,
    flags=(
        Example("Ukrainian troops entered Vovtchansk on Friday.", "Ukrainian troops entered Vovchansk on Friday."),
        Example("Russian forces advanced near Kourakhovo.", "Russian forces advanced near Kurakhove."),
        Example("Russia shelled Wowtschansk overnight.", "Russia shelled Vovchansk overnight."),
        Example(
            "Ukraine said Klichtchiivka's outskirts were retaken.",
            "Ukraine said Klishchiivka's outskirts were retaken.",
        ),
    ),
    passes=(
        "Ukrainian and Russian diplomats met in Berlin and Marseille.",
        "Ukraine's Izium and Zaporizhzhia were shelled.",
        "Cherson is a village in a novel; the story is set in Portugal.",
        "Russian minister Makarov met Mr Makarov in Moscow.",
        "Ukraine says Stanytsia Luhanska and Kamianka-Dniprovska were shelled; Russia's Korenevo too.",
    ),
    languages=frozenset({"en"}),
)

RULES = (FOREIGN_TRANSLITERATION,)
