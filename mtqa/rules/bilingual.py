"""Source–target rules for bilingual files (XLIFF, TMX, PO, aligned pairs): each target against its source.

They read each unit's source from the Document's unit table (``mtqa.bilingual.segments``) and stay
silent on monolingual documents. Spans point into the unit's target; a finding about a whole target (a
missing number, name or tag) spans it, and an empty target is flagged where its text would go.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

import regex

from mtqa.analysis import TOKEN, Analysis
from mtqa.bilingual.numbers import Amount, amounts, locale, value, written
from mtqa.bilingual.segments import Unit
from mtqa.bilingual.words import foreign_words, function_words
from mtqa.context import Context
from mtqa.findings import Applicability, Edit, Fix, Severity
from mtqa.glossary import Entry, Glossary
from mtqa.registry import Example, Hit, Rule

RUN_WORDS = 3  # consecutive source-language words that make an untranslated run
RUN_FUNCTION_WORDS = 2
RARE_ZIPF = 3.0  # a copied source word rarer than this in the target language counts as untranslated
RATIO_MIN_CHARS = 30
RATIO_LOW, RATIO_HIGH = 0.5, 2.0
BRACE = re.compile(r"\{[A-Za-z0-9_.]*\}")
PRINTF = re.compile(
    r"%(?:(?P<pos>\d+)\$)?(?:\([\w.]+\))?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
    r"(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcsp]"
)
PAIRED_CODES = ("g ", "pc ", "bpt ", "ept ", "bx ", "ex ", "sc ", "ec ")
SOURCE_SENTENCE_END = regex.compile(
    r"""(?<!\b\p{Lu}|\bM|\bMme|\bDr|\bSt|\betc)[.!?…]+["”’»)\]]*\s+(?=["“«(\[]?\p{Lu})"""
)


def _units(doc: Analysis) -> Iterator[tuple[Unit, str]]:
    """The units of a bilingual document with their target text."""
    table = doc.doc.bilingual
    if table is None:
        return
    for unit in table.units:
        yield unit, doc.text[unit.start : unit.end]


def _whole(unit: Unit, target: str) -> tuple[int, int]:
    """The span of a unit's target, its surrounding whitespace left out (empty targets: where it would go)."""
    lead = len(target) - len(target.lstrip())
    stripped = target.strip()
    if not stripped:
        return unit.start, unit.end
    return unit.start + lead, unit.start + lead + len(stripped)


def _langs(doc: Analysis) -> tuple[str, str]:
    table = doc.doc.bilingual
    return (table.source_lang, table.target_lang or doc.doc.lang) if table is not None else ("", "")


# --- untranslated ---------------------------------------------------------------------------------------


def check_empty(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag a unit whose target is empty (or missing) while its source has text."""
    for unit, target in _units(doc):
        if unit.source.strip() and not target.strip():
            what = "has no target" if not unit.has_target else "has an empty target"
            yield Hit(*_whole(unit, target), f"unit {unit.id} {what}: “{_short(unit.source)}” is not translated")


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def check_identical(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag a target identical to a source that is running text (not a name, a number or a code)."""
    source_lang, target_lang = _langs(doc)
    if source_lang == target_lang:
        return
    foreign = foreign_words(source_lang, target_lang)
    for unit, target in _units(doc):
        if not target.strip() or _normal(target) != _normal(unit.source):
            continue
        words = [w.lower() for w in TOKEN.findall(unit.source) if not w.isdigit()]
        if len(words) >= 4 or (len(words) >= 2 and any(w in foreign for w in words)):
            yield Hit(*_whole(unit, target), f"the target of unit {unit.id} is the source, untranslated")


def check_source_words(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag a run of source-language words left in a target (``the troops des forces russes``)."""
    source_lang, target_lang = _langs(doc)
    foreign = foreign_words(source_lang, target_lang)
    if not foreign:
        return
    native = function_words(target_lang)
    for unit, target in _units(doc):
        if not target.strip() or _normal(target) == _normal(unit.source):
            continue  # identical targets are BIL002's
        if len(foreign.intersection(w.lower() for w in TOKEN.findall(target))) < 1:
            continue  # no source-language function word at all: nothing to look at
        copied = {w.lower() for w in TOKEN.findall(unit.source)}
        run: list[re.Match[str]] = []
        for m in [*TOKEN.finditer(target), None]:
            word = m.group().lower() if m is not None else ""
            gap = target[run[-1].end() : m.start()] if run and m is not None else " "
            source_like = m is not None and (
                word in foreign
                or (
                    word in copied
                    and word not in native
                    and not m.group()[:1].isupper()
                    and ctx.lexicon.zipf(word) < RARE_ZIPF
                )
            )
            if source_like and m is not None and not any(c in gap for c in ".!?;:\n"):
                run.append(m)
                continue
            if len(run) >= RUN_WORDS and sum(r.group().lower() in foreign for r in run) >= RUN_FUNCTION_WORDS:
                start, end = unit.start + run[0].start(), unit.start + run[-1].end()
                yield Hit(start, end, f"“{doc.text[start:end]}” is {source_lang} text left untranslated")
            run = [m] if source_like and m is not None else []


# --- numbers --------------------------------------------------------------------------------------------


def check_numbers(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag a source number missing from the target, changed in it, or left in the source's format."""
    source_lang, target_lang = _langs(doc)
    source_loc, target_loc = locale(source_lang), locale(target_lang)
    english = target_lang == "en"
    for unit, target in _units(doc):
        if not target.strip():
            continue
        if not any(c.isdigit() for c in unit.source) and source_lang != "en":
            continue
        wanted = amounts(unit.source, source_loc, english=source_lang == "en")
        if not wanted:
            continue
        have = amounts(target, target_loc, english=english, target=True)
        missing = _match(wanted, have)
        if not missing:
            continue
        leftover = [a for a in have if a.values]  # _match empties the values of the amounts it used
        for amount in list(missing):  # the source's number in the source's format: a safe fix
            found = _source_format(amount, target, source_loc, target_loc)
            if found is None:
                continue
            start, end, replacement = found
            missing.remove(amount)
            leftover = [a for a in leftover if a.end <= start or a.start >= end]
            fix = Fix((Edit(unit.start + start, unit.start + end, replacement),), Applicability.SAFE)
            message = f"“{target[start:end]}” is the source's “{amount.text}” in its {source_lang} format"
            yield Hit(unit.start + start, unit.start + end, message, fix)
        for amount in missing:
            if leftover:
                other = leftover.pop(0)
                message = f"the source has “{amount.text}” where the target has “{other.text}”"
                yield Hit(unit.start + other.start, unit.start + other.end, message)
            else:
                yield Hit(*_whole(unit, target), f"the source's “{amount.text}” is missing from the target")


def _match(wanted: list[Amount], have: list[Amount]) -> list[Amount]:
    """Pair source amounts with target amounts of the same value; the unpaired source ones.

    The target amounts used are replaced in ``have`` by value-less copies.
    """
    missing = []
    for amount in wanted:
        for i, other in enumerate(have):
            if other.values & amount.values:
                have[i] = Amount(other.text, other.start, other.end, frozenset())
                break
        else:
            missing.append(amount)
    return missing


def _source_format(amount: Amount, target: str, source_loc: object, target_loc: object) -> tuple[int, int, str] | None:
    """Where the target writes ``amount`` as the source locale does, and how the target locale writes it."""
    from mtqa.bilingual.numbers import NUMBER, Locale

    assert isinstance(source_loc, Locale) and isinstance(target_loc, Locale)
    if source_loc == target_loc:
        return None
    for m in NUMBER.finditer(target):
        raw = m.group().rstrip(".,")
        parsed = value(raw, source_loc)
        if parsed is None or parsed[0].normalize() not in amount.values:
            continue
        replacement = written(parsed[0], parsed[1], target_loc)
        if replacement != raw:
            return m.start(), m.start() + len(raw), replacement
    return None


# --- names ----------------------------------------------------------------------------------------------

NAME_TYPES = frozenset({"place", "person", "organisation"})


@cache
def _preferred(glossary: Glossary) -> dict[str, Entry]:
    """The glossary's names by their preferred form."""
    return {e.preferred: e for e in glossary.entries if e.type in NAME_TYPES}


def _word_in(word: str, text: str) -> bool:
    return regex.search(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(word)}(?![\p{{L}}\p{{M}}])", text, regex.I) is not None


def _applies(entry: Entry, text: str) -> bool:
    lowered = text.lower()
    return not entry.context or any(word.lower() in lowered for word in entry.context)


def check_names(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag a name of the source that the target leaves out or spells other than the glossary's form."""
    if doc.doc.bilingual is None:
        return
    source_lang = _langs(doc)[0]
    glossary = ctx.glossary
    preferred = _preferred(glossary)
    stop = function_words(source_lang)
    for unit, target in _units(doc):
        if not target.strip() or not unit.source.strip():
            continue
        names: dict[str, tuple[str, Entry]] = {}
        for start, end, entry in glossary.find(unit.source):  # a variant (Koupiansk): the target has Kupiansk
            if entry.type in NAME_TYPES:
                names.setdefault(entry.preferred, (unit.source[start:end], entry))
        for m in TOKEN.finditer(unit.source):  # a name the source already spells the English way
            word = m.group()
            known = preferred.get(word)
            if known is not None and word[:1].isupper() and word.lower() not in stop:
                names.setdefault(known.preferred, (word, known))
        both = unit.source + "\n" + target
        for name, (written_as, entry) in names.items():
            if not _applies(entry, both) or any(_word_in(form, target) for form in (name, *entry.accept)):
                continue
            variant = next(((s, e) for s, e, other in glossary.find(target) if other.preferred == name), None)
            if variant is not None:
                start, end = unit.start + variant[0], unit.start + variant[1]
                fix = Fix((Edit(start, end, name),), Applicability.SAFE)
                message = f"the source's “{written_as}” is “{name}” in the glossary, not “{doc.text[start:end]}”"
                yield Hit(start, end, message, fix)
            else:
                message = f"the source names “{written_as}” (“{name}”), which the target leaves out"
                yield Hit(*_whole(unit, target), message)


# --- tags and placeholders ------------------------------------------------------------------------------


def _difference(source: list[str], target: list[str]) -> str:
    missing = list((Counter(source) - Counter(target)).elements())
    extra = list((Counter(target) - Counter(source)).elements())
    parts = []
    if missing:
        parts.append("missing " + ", ".join(f"‹{c}›" for c in missing))
    if extra:
        parts.append("not in the source " + ", ".join(f"‹{c}›" for c in extra))
    return "; ".join(parts)


def check_tags(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag a target whose inline codes differ from the source's, or whose paired codes are reordered."""
    for unit, target in _units(doc):
        if not unit.has_target or not (unit.source_codes or unit.target_codes) or not target.strip():
            continue
        source, target_codes = list(unit.source_codes), list(unit.target_codes)
        if Counter(source) != Counter(target_codes):
            yield Hit(*_whole(unit, target), f"inline codes of unit {unit.id}: {_difference(source, target_codes)}")
            continue
        paired = [c for c in source if c.startswith(PAIRED_CODES)]
        if paired != [c for c in target_codes if c.startswith(PAIRED_CODES)]:
            yield Hit(*_whole(unit, target), f"inline codes of unit {unit.id} are in another order than the source's")


def _placeholders(text: str, printf: bool) -> list[re.Match[str]]:
    found = list(BRACE.finditer(text))
    if printf:
        found.extend(m for m in PRINTF.finditer(text) if not text[: m.start()].endswith("%"))
    return sorted(found, key=lambda m: m.start())


def check_placeholders(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag a target whose placeholders (``{name}``, ``%s`` in c-format PO) differ from the source's."""
    for unit, target in _units(doc):
        if not target.strip():
            continue
        source = _placeholders(unit.source, unit.printf)
        found = _placeholders(target, unit.printf)
        if not source and not found:
            continue
        wanted, have = [m.group() for m in source], [m.group() for m in found]
        if Counter(wanted) != Counter(have):
            extra = Counter(have) - Counter(wanted)
            spans = [m for m in found if extra[m.group()]]
            if spans and not Counter(wanted) - Counter(have):
                for m in spans:
                    yield Hit(unit.start + m.start(), unit.start + m.end(), f"“{m.group()}” is not in the source")
            else:
                yield Hit(*_whole(unit, target), f"placeholders of unit {unit.id}: {_difference(wanted, have)}")
            continue
        ordered = [p for p in wanted if p.startswith("%") and "$" not in p and "(" not in p]
        if ordered != [p for p in have if p.startswith("%") and "$" not in p and "(" not in p]:
            yield Hit(*_whole(unit, target), f"printf placeholders of unit {unit.id} are in another order")


# --- length and sentences -------------------------------------------------------------------------------


def check_length(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag a target much shorter or longer than its source (a cut or a doubled translation)."""
    for unit, target in _units(doc):
        source, text = unit.source.strip(), target.strip()
        if len(source) < RATIO_MIN_CHARS or not text:
            continue
        ratio = len(text) / len(source)
        if ratio < RATIO_LOW or ratio > RATIO_HIGH:
            yield Hit(*_whole(unit, target), f"the target is {ratio:.1f} times as long as the source")


def check_sentences(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag a target with another number of sentences than its source."""
    if doc.doc.bilingual is None:
        return  # the sentence split is costly: a monolingual document never needs it here
    starts = [s.start for s in doc.sentences]
    for unit, target in _units(doc):
        if not target.strip() or not unit.source.strip():
            continue
        source_count = len(SOURCE_SENTENCE_END.findall(unit.source.strip())) + 1
        target_count = bisect.bisect_left(starts, unit.end) - bisect.bisect_left(starts, unit.start)
        if target_count and source_count != target_count:
            yield Hit(
                *_whole(unit, target),
                f"the source has {source_count} sentence{'s' * (source_count != 1)}, the target {target_count}",
            )


def _short(text: str, size: int = 50) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"


def _rule(
    code: str,
    name: str,
    severity: Severity,
    mqm: str,
    summary: str,
    explanation: str,
    check: object,
    flags: tuple[Example, ...],
    passes: tuple[Example, ...],
    fix: Applicability | None = None,
    defers_to: tuple[str, ...] = (),
) -> Rule:
    """A bilingual rule: its flag and pass examples carry a French source, its plain passes have none."""
    assert callable(check)
    return Rule(
        code=code,
        name=name,
        family="bilingual",
        severity=severity,
        mqm=mqm,
        fix=fix,
        summary=summary,
        explanation=explanation,
        check=check,
        flags=flags,
        passes=(flags[0].text,),  # without a source, a bilingual rule has nothing to compare
        pass_examples=passes,
        example_source="fr",
        defers_to=defers_to,
    )


def _ex(source: str, target: str, fixed: str | None = None) -> Example:
    return Example(target, fixed, source_text=source)


RULES = (
    _rule(
        "BIL001",
        "empty-target",
        Severity.WARNING,
        "Accuracy/Untranslated",
        "a unit whose target is empty or missing",
        "A unit with source text but no target text was never translated (or its translation was lost when "
        "the file was exported). Flagged where the target's text would go; there is no fix.",
        check_empty,
        (_ex("Les forces russes avancent.", "  "),),
        (_ex("Les forces russes avancent.", "Russian forces are advancing."), _ex("", "")),
    ),
    _rule(
        "BIL002",
        "untranslated-target",
        Severity.ERROR,
        "Accuracy/Untranslated",
        "a target identical to its source",
        "A target that repeats its source word for word is an untranslated segment, unless the source is a "
        "name, a number or a code (two or more words with a source-language function word, or four words). "
        "There is no fix: the segment needs translating.",
        check_identical,
        (_ex("Les forces russes avancent près de Koupiansk.", "Les forces russes avancent près de Koupiansk."),),
        (_ex("Volodymyr Zelensky", "Volodymyr Zelensky"), _ex("Kyiv, 12:30", "Kyiv, 12:30")),
    ),
    _rule(
        "BIL003",
        "source-language-words",
        Severity.ERROR,
        "Accuracy/Untranslated",
        "a run of source-language words left in the target",
        f"Machine translation sometimes leaves part of a sentence in the source language. {RUN_WORDS} or more "
        "consecutive words of the target that are source-language function words (a small list per language "
        "in mtqa/data/<lang>/function_words.txt, less the target language's own) or rare words copied from the "
        f"source, {RUN_FUNCTION_WORDS} of them function words, are flagged. There is no fix.",
        check_source_words,
        (
            _ex(
                "Les soldats ont avancé dans la région de Koupiansk.",
                "The soldiers advanced dans la région de Kupiansk.",
            ),
        ),
        (
            _ex("Les soldats ont avancé dans la région.", "The soldiers advanced in the region."),
            _ex("La Paz et Le Mans", "La Paz and Le Mans"),
        ),
    ),
    _rule(
        "BIL004",
        "number-mismatch",
        Severity.ERROR,
        "Accuracy/Mistranslation",
        "a source number missing, changed, or in the source's format in the target",
        "Every number of the source (amounts, decimals, times, dates) must appear in the target in the target "
        "locale's format: “27 000” is “27,000” in English, “2,5” is “2.5”, “18h45” is “18:45” or “6:45 p.m.”; "
        "scale words (millions, milliards) and English number words up to twelve are understood. A number "
        "written as the source writes it is fixed (safe: the source confirms the value); a changed or missing "
        "number is flagged with the source's value and needs a person. Where a number rule (NUM) flags the same "
        "number, one report is kept: this one when its fix is the safer.",
        check_numbers,
        (
            _ex("Il y a 27 000 habitants.", "There are 27 000 inhabitants.", "There are 27,000 inhabitants."),
            _ex("Le taux est de 2,5 %.", "The rate is 2,5%.", "The rate is 2.5%."),
            _ex("Il y a 27 000 habitants.", "There are 28,000 inhabitants."),
            _ex("Il y a 27 000 habitants et 12 écoles.", "There are 27,000 inhabitants and schools."),
        ),
        (
            _ex("Il y a 27 000 habitants.", "There are 27,000 inhabitants."),
            _ex("À 18h45, 2,5 millions d'euros.", "At 6:45 p.m., €2.5 million."),
            _ex("Le 12/03/2024, 3 soldats.", "On 12 March 2024, three soldiers."),
        ),
        Applicability.SAFE,
        defers_to=("NUM",),  # "27 000" in an English target: NUM001 says so, with the same fix
    ),
    _rule(
        "BIL005",
        "name-mismatch",
        Severity.WARNING,
        "Terminology/Wrong term",
        "a name of the source missing from the target or not in the glossary's form",
        "A place, person or organisation named in the source (in any spelling the glossary knows: “Koupiansk” "
        "in French) must appear in the target in the glossary's form (“Kupiansk”). A target spelling the "
        "glossary rejects is fixed (safe: the source confirms which name it is); a name the target leaves out "
        "is flagged on the whole target. A spelling that the glossary rule (GLO001) or the transliteration "
        "rule (TOP001) flags too is reported once: by this rule when its fix is the safer, else by the other.",
        check_names,
        (
            _ex("Les combats près de Koupiansk.", "Fighting near Kupyansk.", "Fighting near Kupiansk."),
            _ex("Les combats près de Koupiansk en Ukraine.", "Fighting near the city in Ukraine."),
        ),
        (_ex("Les combats près de Koupiansk.", "Fighting near Kupiansk."), _ex("Kyiv a répondu.", "Kyiv replied.")),
        Applicability.SAFE,
        defers_to=("GLO001", "TOP001"),  # a rejected spelling in the target: the glossary rule names it
    ),
    _rule(
        "BIL006",
        "tag-mismatch",
        Severity.ERROR,
        "Locale convention/Markup",
        "inline codes of the target differ from the source's",
        "XLIFF and TMX inline codes (g, x, bpt/ept, ph, pc, sc/ec…) stand for formatting and placeholders "
        "of the original document: the target must have the same ones, and paired codes in the same order, "
        "or the translated document cannot be rebuilt. There is no fix.",
        check_tags,
        (_ex('Cliquez <g id="1">ici</g> ou <x id="2"/>.', 'Click here or <x id="2"/>.'),),
        (_ex('Cliquez <g id="1">ici</g> ou <x id="2"/>.', 'Click <g id="1">here</g> or <x id="2"/>.'),),
    ),
    _rule(
        "BIL007",
        "placeholder-mismatch",
        Severity.ERROR,
        "Locale convention/Markup",
        "placeholders of the target differ from the source's",
        "Placeholders (``{name}``, ``{0}``, and printf's ``%s``, ``%d``, ``%(name)s`` in PO messages flagged "
        "c-format or python-format) are filled in by software: a missing, extra or renamed one breaks the "
        "text or the program, and printf placeholders without positions must keep their order. An extra "
        "placeholder is flagged where it is, a missing one on the whole target. There is no fix.",
        check_placeholders,
        (_ex("{count} soldats ont été blessés à {city}.", "{count} soldiers were wounded in {town}."),),
        (_ex("{count} soldats ont été blessés à {city}.", "{count} soldiers were wounded in {city}."),),
    ),
    _rule(
        "BIL008",
        "length-ratio",
        Severity.INFO,
        "Accuracy/Omission",
        "a target much shorter or longer than its source",
        f"A target less than {RATIO_LOW:g} or more than {RATIO_HIGH:g} times as long as its source (of at least "
        f"{RATIO_MIN_CHARS} characters) is often a cut or a doubled translation. Information only: "
        "translations differ in length for good reasons.",
        check_length,
        (_ex("Les forces russes ont poursuivi leur offensive près de Koupiansk lundi.", "Russian forces."),),
        (
            _ex(
                "Les forces russes ont poursuivi leur offensive lundi.",
                "Russian forces pressed on with the offensive on Monday.",
            ),
        ),
    ),
    _rule(
        "BIL009",
        "sentence-count",
        Severity.INFO,
        "Accuracy/Omission",
        "a target with another number of sentences than its source",
        "A target with fewer sentences than its source may have lost one; with more, it may have split or "
        "added one. Information only: a translator may join or split sentences on purpose.",
        check_sentences,
        (_ex("Les combats continuent. Kyiv a répondu.", "The fighting continues."),),
        (_ex("Les combats continuent. M. Zelensky a répondu.", "The fighting continues. Mr. Zelensky replied."),),
    ),
)
