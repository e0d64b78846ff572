"""Toponym rule: a place name in a foreign or older transliteration that no glossary lists."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from mtqa.analysis import Analysis
from mtqa.context import Context
from mtqa.findings import Applicability, Severity
from mtqa.glossary import Entry
from mtqa.names import context_near, inside_longer_name, split_possessive
from mtqa.registry import Example, Hit, Rule, replacement_hit
from mtqa.toponyms import ToponymIndex

MAX_ZIPF = 3.0  # a word this common in English is not a misspelt place name
# A capitalised word joined by a space or hyphen just before or after a position.
WORD_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}[\p{Ll}\p{M}'’]+[ -]$")
WORD_AFTER = regex.compile(r"[ -]\p{Lu}[\p{Ll}\p{M}'’]+(?![\p{L}\p{M}])")


def _compound_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of two- and three-word capitalised names around ``[start, end)``, longest first."""
    left = [start]
    for _ in range(2):
        m = WORD_BEFORE.search(text, max(0, left[-1] - 40), left[-1])
        if not m:
            break
        left.append(m.start())
    right = [end]
    for _ in range(2):
        m = WORD_AFTER.match(text, right[-1])
        if not m:
            break
        right.append(m.end())
    spans = [(a, b) for a in left for b in right if (a, b) != (start, end) and len(left) + len(right) > 2]
    spans = [(a, b) for a, b in spans if text[a:b].count(" ") + text[a:b].count("-") <= 2]
    return sorted(spans, key=lambda span: span[0] - span[1])


def _candidate(index: ToponymIndex, ctx: Context, name: str) -> tuple[Entry, str] | None:
    """The place that ``name`` (one word or a compound) misspells, if it is an unknown spelling of one."""
    lex = ctx.lexicon
    if name in index.preferred or name in index.rejected:
        return None
    if " " not in name and "-" not in name and (lex.cased_form(name) is not None or lex.zipf(name) >= MAX_ZIPF):
        return None
    return index.match(name)


def _hit(
    doc: Analysis, ctx: Context, start: int, end: int, name: str, found: tuple[Entry, str], suffix: str
) -> Hit | None:
    """A finding for the spelling at ``[start, end)``, unless its surroundings say it is not this place."""
    entry, system = found
    text = doc.text
    if not context_near(text, start, end, ctx.toponyms.transliterations.context):
        return None
    if inside_longer_name(doc, ctx.profile, start, end):
        return None  # Sergei Makarov, Stanytsia Luhanska, the cruiser Moskva
    before = doc.words_before(start, 1)
    if ("Russian" in system or "approximate" in system) and not (
        before and before[0].lower() in ctx.profile.place_prepositions
    ):
        return None  # Russian-era forms are also surnames, approximate ones are guesses: require "in", "near"…
    if "Russian" in system and "city" not in entry.note and entry.note:
        return None  # and names of villages in Russia: only towns and cities are matched
    return replacement_hit(
        start,
        end,
        f"“{name}” looks like a {system} spelling of “{entry.preferred}”" + (f" ({entry.note})" if entry.note else ""),
        [entry.preferred + suffix],
        Applicability.UNSAFE,
    )


def check_transliteration(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag capitalised words or compounds that spell a glossary place in another transliteration system."""
    index = ctx.toponyms
    text = doc.text
    if not any(word in text for word in index.transliterations.context):
        return
    taken: set[int] = set()
    # Compound names first (Welyka Nowosilka, Kamyanets-Podilsky), so that their parts are not read
    # alone: every capitalised word the lexicon does not know, with its capitalised neighbours.
    for word in doc.unknown_words:
        if not word[:1].isupper():
            continue
        for token in doc.occurrences(word):
            if token.start in taken:
                continue
            for start, end in _compound_spans(text, token.start, token.end):
                name = text[start:end]
                found = _candidate(index, ctx, name)
                hit = _hit(doc, ctx, start, end, name, found, "") if found else None
                if hit is not None:
                    taken.update(range(start, end))
                    yield hit
                    break
    for word in doc.word_types:
        if len(word) < 5 or not word[0].isupper() or word.isupper():
            continue
        base, _ = split_possessive(word)
        if not base[1:].replace("'", "").replace("’", "").isalpha():
            continue
        found = _candidate(index, ctx, base)
        if found is None:
            continue
        for token in doc.occurrences(word):
            if token.start not in taken:
                hit = _hit(doc, ctx, token.start, token.end, base, found, word[len(base) :])
                if hit is not None:
                    yield hit


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
        Example("Ukraine's army holds Welyka Nowosilka.", "Ukraine's army holds Velyka Novosilka."),
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
