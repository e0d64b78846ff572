"""Consistency rules: one name or term written two ways in the same story."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Container, Iterator

from mtqa.analysis import Analysis
from mtqa.context import Context
from mtqa.findings import Applicability, Severity
from mtqa.registry import Example, Hit, Rule, replacement_hit
from mtqa.toponyms import skeleton

MIN_NAME = 5
MAX_NAME_ZIPF = 2.0  # names this well known are spelled one way; differing forms are different words
DOUBLE_CONSONANT = re.compile(r"([bcdfgklmnprstvz])\1")
HYPHENATED = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")


def _transliterated(forms: list[str]) -> bool:
    """True when the forms differ in a transliteration digraph (zh, sh, ch, kh), not a plain double letter."""
    return len({re.sub(r"(zh|sh|ch|kh)\1", r"\1", form.lower()) for form in forms}) == 1


def _choose(counts: dict[str, int], first: dict[str, int], preferred: Container[str]) -> str:
    """The form to keep: a glossary's preferred form, else the majority, else the first used."""
    in_glossary = [form for form in counts if form in preferred]
    if len(in_glossary) == 1:
        return in_glossary[0]
    return max(counts, key=lambda form: (counts[form], -first[form]))


def check_name_spellings(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag the minority spelling of a name written two ways (``Kupiansk`` / ``Kupyansk``)."""
    groups: dict[str, list[str]] = defaultdict(list)
    zipf = ctx.lexicon.zipf

    def name_key(word: str) -> str | None:
        """The skeleton of a rare name (Princes/Princess, Abbot/Abbott are words and known names)."""
        rare_name = len(word) >= MIN_NAME and word[0].isupper() and word[1:].islower() and word.isalpha()
        return skeleton(word) if rare_name and zipf(word) < MAX_NAME_ZIPF else None

    for word, key in ctx.verdicts("consistency.name-keys", doc.word_types, name_key).items():
        groups[key].append(word)
    for forms in groups.values():
        if len(forms) < 2:
            continue
        glossary = ctx.toponyms
        if any(form in glossary.rejected for form in forms):
            continue  # the glossary rule already names the right form
        if len({DOUBLE_CONSONANT.sub(r"\1", form.lower()) for form in forms}) == 1 and not _transliterated(forms):
            continue  # Barot and Barrot: two surnames, not two spellings
        occurrences = {form: doc.occurrences(form) for form in forms}
        counts = {form: len(found) for form, found in occurrences.items()}
        first = {form: found[0].start for form, found in occurrences.items() if found}
        if len(first) < 2:
            continue
        keep = _choose(counts, first, glossary.preferred)
        for form in forms:
            if form == keep:
                continue
            for token in occurrences[form]:
                yield replacement_hit(
                    token.start,
                    token.end,
                    f"“{form}” is written “{keep}” elsewhere in this story ({counts[keep]}×)",
                    [keep],
                    Applicability.UNSAFE,
                )


NAME_SPELLINGS = Rule(
    code="CON001",
    name="inconsistent-name",
    family="consistency",
    severity=Severity.WARNING,
    mqm="Terminology/Inconsistent use of terminology",
    fix=Applicability.UNSAFE,
    summary="One name spelled two ways in the same story (“Kupiansk” and “Kupyansk”).",
    explanation=(
        "Machine translation may render one name differently from one sentence to the next. Capitalised "
        "words of five or more letters that differ only in transliteration choices (y/i, doubled "
        "letters, zh/sh…) are grouped; every form but one is flagged. The form kept is the glossary's "
        "preferred form if one of them is, else the more frequent one, else the first used. Names a "
        "glossary rejects are left to the glossary rule. Unsafe."
    ),
    check=check_name_spellings,
    flags=(
        Example(
            "Matviyenko visited the front. Later Matviienko and Matviienko left.",
            "Matviienko visited the front. Later Matviienko and Matviienko left.",
        ),
    ),
    passes=("Ivanova met Ivanov; Kuiper and Kuipers; Sweden and Swedes; Barot met Barrot; Princes, Princess.",),
)


def check_hyphenation(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag a compound written both hyphenated and solid (``counter-offensive`` / ``counteroffensive``)."""
    text = doc.text
    if "-" not in text:
        return
    hyphenated: dict[str, list[re.Match[str]]] = defaultdict(list)
    for m in HYPHENATED.finditer(text):
        hyphenated[m.group().replace("-", "").lower()].append(m)
    for solid, found in hyphenated.items():
        solid_forms = [w for w in (solid, solid.capitalize()) if w in doc.word_types]
        if not solid_forms:
            continue
        solid_hits = [t for w in solid_forms for t in doc.occurrences(w)]
        if len(found) > len(solid_hits) or (len(found) == len(solid_hits) and found[0].start() < solid_hits[0].start):
            for token in solid_hits:
                dashed = next(m.group() for m in found)
                keep = dashed if token.text.islower() else dashed[:1].upper() + dashed[1:]
                yield replacement_hit(
                    token.start,
                    token.end,
                    f"“{token.text}” is hyphenated elsewhere in this story (“{dashed}”, {len(found)}×)",
                    [keep],
                    Applicability.UNSAFE,
                )
        else:
            for m in found:
                keep = solid_forms[0] if m.group()[0].islower() else solid.capitalize()
                yield replacement_hit(
                    m.start(),
                    m.end(),
                    f"“{m.group()}” is written solid elsewhere in this story (“{solid}”, {len(solid_hits)}×)",
                    [keep],
                    Applicability.UNSAFE,
                )


HYPHENATION = Rule(
    code="CON002",
    name="inconsistent-hyphenation",
    family="consistency",
    severity=Severity.WARNING,
    mqm="Terminology/Inconsistent use of terminology",
    fix=Applicability.UNSAFE,
    summary="A compound written both hyphenated and solid (“counter-offensive” / “counteroffensive”).",
    explanation=(
        "A story should hyphenate a compound one way. When the same compound occurs hyphenated and "
        "solid, the minority form is flagged with the majority form as the fix (on a tie, the form used "
        "first wins). Unsafe: house style may prefer the other form. Opt-in (--select CON002): edited "
        "news mixes e-mail and email too often for it to run by default."
    ),
    check=check_hyphenation,
    flags=(
        Example(
            "The counteroffensive began. This counteroffensive and the counter-offensive in the south.",
            "The counteroffensive began. This counteroffensive and the counteroffensive in the south.",
        ),
    ),
    passes=("The counter-offensive began. The counter-offensives went on; a well-known e-mail.",),
    default=False,
)

RULES = (NAME_SPELLINGS, HYPHENATION)
