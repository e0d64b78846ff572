"""Number-format rules: source-locale (French) numbers, times and currencies in the target text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from mtqa.analysis import Analysis
from mtqa.context import Context
from mtqa.findings import Applicability, Severity
from mtqa.profiles import LanguageProfile
from mtqa.registry import Example, Hit, Rule, replacement_hit

NO_BREAK_SPACES = "\u00a0\u202f\u2009"
# Cheap test for a clock time (12:30, 21h36) before the full patterns run.
CLOCK_HINT = regex.compile(r"\d ?[aApP]\.?[mM]\b|\dh")  # the regex module scans for a digit twice as fast


@dataclass(frozen=True)
class NumberPatterns:
    """The compiled patterns of one target-language profile."""

    spaced_thousands: regex.Pattern[str]
    decimal_comma: regex.Pattern[str]
    long_number_unit: regex.Pattern[str]
    clock: re.Pattern[str]
    french_clock: re.Pattern[str]
    currency_symbol: re.Pattern[str]
    currency_after: regex.Pattern[str]
    hour_only: re.Pattern[str]
    currency_scale: re.Pattern[str] | None


@cache
def patterns(profile: LanguageProfile) -> NumberPatterns:
    """Compile the number patterns of ``profile`` once."""
    units = "|".join(regex.escape(u) for u in sorted(profile.units, key=len, reverse=True))
    scales = "|".join(regex.escape(w) for w in profile.scale_words)
    markers = "|".join(regex.escape(m) for m in profile.twelve_hour_markers)
    currencies = regex.escape(profile.currency_before)
    scales_short = "|".join(regex.escape(w) for w in profile.currency_scale_words)
    hour_preps = "|".join(re.escape(w) for w in profile.time_prepositions)
    abbreviations = "|".join(re.escape(a) for a in sorted(profile.currency_scale_abbreviations, key=len, reverse=True))
    return NumberPatterns(
        spaced_thousands=regex.compile(
            rf"(?<![\p{{N}}.,]|\p{{N}}[ {NO_BREAK_SPACES}])\d{{1,3}}(?:[ {NO_BREAK_SPACES}]\d{{3}})+"
            rf"(?![\p{{N}}]|[.,\-]\d|[ {NO_BREAK_SPACES}]\d)"
        ),
        decimal_comma=regex.compile(
            rf"(?<![\p{{N}}.,])(\d+),(\d{{1,2}})(?![\p{{N}}]|,\d)(?=\s?(?:{units}|{scales})(?![\p{{L}}]))"
        ),
        long_number_unit=regex.compile(rf"(?<![\p{{N}}.,])(?!0)(\d{{4,}})({units})(?![\p{{L}}\p{{N}}])"),
        clock=re.compile(rf"(\d{{1,2}})([:.])(\d{{2}})\s*({markers})(?![^\W\d_])"),
        french_clock=re.compile(r"(?<![^\W_])([01]?\d|2[0-3])h([0-5]\d)(?![^\W_])"),
        currency_symbol=re.compile(f"[{currencies}]" if currencies else "(?!)"),  # (?!): no symbol goes before
        currency_after=regex.compile(
            rf"(?<![\p{{N}}.,]|\p{{N}}[ {NO_BREAK_SPACES}])(\d{{1,3}}(?:[ {NO_BREAK_SPACES}]\d{{3}})+|\d+(?:[.,]\d+)*)"
            rf"((?:[ {NO_BREAK_SPACES}]?(?:{scales_short}))?)[ {NO_BREAK_SPACES}]?$"
        ),
        currency_scale=re.compile(rf"(\d+(?:[.,]\d+)?)[ {NO_BREAK_SPACES}]?({abbreviations})[ {NO_BREAK_SPACES}]?$")
        if abbreviations
        else None,
        hour_only=re.compile(rf"\b(?:{hour_preps}) ([01]?\d|2[0-3])h(?![^\W_])"),
    )


def group_digits(digits: str, separator: str) -> str:
    """Group an integer's digits by thousands: ``2500`` → ``2,500``."""
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return separator.join(groups)


DOT_GROUP = re.compile(r"\.\d{3}(?![\d])")  # a period then three digits: scanned first (fast)
DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?![\d.,]\d)")


def _dot_grouped_numbers(text: str) -> Iterator[re.Match[str]]:
    """Numbers grouped by periods (80.000, 1.200.000), found from their first ``.ddd`` group."""
    end = 0
    for group in DOT_GROUP.finditer(text):
        if group.start() < end:
            continue
        start = group.start()
        while start > 0 and text[start - 1].isdigit() and group.start() - start < 3:
            start -= 1
        if start == group.start() or (start > 0 and text[start - 1] in "0123456789.,"):
            continue
        m = DOT_THOUSANDS.match(text, start)
        if m is not None:
            end = m.end()
            yield m


def _counted(word: str, profile: LanguageProfile) -> bool:
    """A word that counts things (spectators, people, euros): the number before it is a whole number."""
    return word.islower() and ((word.endswith("s") and len(word) > 3) or word in profile.irregular_plurals)


def check_spaced_thousands(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag thousands grouped with spaces (``27 000``) where the target groups with another mark."""
    profile = ctx.profile
    if profile.group_separator in " " + NO_BREAK_SPACES:
        return
    text = doc.text
    if profile.group_separator != ".":
        for d in _dot_grouped_numbers(text):
            after = doc.token_after(d.end())
            if after is None or after.start != d.end() + 1 or not _counted(after.text, profile):
                continue
            grouped = group_digits(d.group().replace(".", ""), profile.group_separator)
            yield replacement_hit(
                d.start(),
                d.end(),
                f"“{d.group()}” groups thousands with periods; {profile.name} writes “{grouped}”",
                [grouped],
                Applicability.UNSAFE,
            )
    for m in patterns(profile).spaced_thousands.finditer(doc.text):
        raw = m.group()
        digits = "".join(c for c in raw if c.isdigit())
        plain_space = " " in raw
        yield replacement_hit(
            m.start(),
            m.end(),
            f"“{raw}” groups thousands with a space; {profile.name} writes "
            f"“{group_digits(digits, profile.group_separator)}”",
            [group_digits(digits, profile.group_separator)],
            Applicability.UNSAFE if plain_space else Applicability.SAFE,
        )


SPACED_THOUSANDS = Rule(
    code="NUM001",
    name="spaced-thousands",
    family="numbers",
    severity=Severity.ERROR,
    mqm="Locale convention/Number format",
    fix=Applicability.SAFE,
    summary="Thousands grouped with a space or a period, French style (“27 000 inhabitants”, “80.000 fans”).",
    explanation=(
        "French groups thousands with a (no-break) space; English uses a comma. Groups of exactly "
        "three digits after a first group of one to three digits are flagged. With a no-break or thin "
        "space the number is unambiguous and the fix is safe; with an ordinary space two numbers "
        "could stand side by side, so the fix is unsafe."
    ),
    check=check_spaced_thousands,
    flags=(
        Example("a city of 27 000 inhabitants", "a city of 27,000 inhabitants"),
        Example("about 1\u00a0200\u00a0000 people", "about 1,200,000 people"),
        Example("more than 80.000 spectators", "more than 80,000 spectators"),
    ),
    passes=(
        "a city of 27,000 inhabitants in 2004",
        "Call 0800 123 456 now.",
        "In 2004 500 jobs went.",
        "it rose 1.500 percent; version 2.100 of the app",
        "the sale of 10 737-800 planes",
    ),
    languages=frozenset({"en"}),
)


def check_decimal_comma(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag a decimal comma before a unit or scale word (``2,5 km``) in a decimal-point language."""
    profile = ctx.profile
    if profile.decimal_separator == ",":
        return
    text = doc.text
    for m in patterns(profile).decimal_comma.finditer(text):
        fixed = f"{m.group(1)}{profile.decimal_separator}{m.group(2)}"
        end = m.end()
        if not profile.percent_space and PERCENT_AFTER.match(text, end):
            end += 1  # 2,6 % → 2.6%: one fix for both French habits
        yield replacement_hit(
            m.start(),
            end,
            f"decimal comma in “{text[m.start() : end].strip()}”: {profile.name} writes “{fixed}”",
            [fixed],
            Applicability.UNSAFE,
        )


DECIMAL_COMMA = Rule(
    code="NUM002",
    name="decimal-comma",
    family="numbers",
    severity=Severity.ERROR,
    mqm="Locale convention/Number format",
    fix=Applicability.UNSAFE,
    summary="A decimal comma before a unit or scale word (“2,5 km”, “1,5 million”).",
    explanation=(
        "French writes decimals with a comma. A number with one or two digits after a comma, followed "
        "by a unit or a scale word (km, %, million…), is flagged; three digits after the comma are "
        "ambiguous (2,500 km is English for two thousand five hundred) and left alone. Unsafe."
    ),
    check=check_decimal_comma,
    flags=(
        Example("an advance of 2,5 km", "an advance of 2.5 km"),
        Example("some 1,5 million people", "some 1.5 million people"),
        Example("temperatures of 40,2\u00a0°C", "temperatures of 40.2\u00a0°C"),
        Example("inflation of 2,6\u00a0% in May", "inflation of 2.6% in May"),
    ),
    passes=("an advance of 2,500 km on days 1,2 and 3", "2.5 km and 12,000 people"),
    languages=frozenset({"en"}),
)


def check_long_number_unit(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag a long ungrouped number glued to its unit (``2500km²`` → ``2,500 km²``)."""
    profile = ctx.profile
    for m in patterns(profile).long_number_unit.finditer(doc.text):
        if m.group(2) == "m":
            continue  # 1500m: a race distance, or £1500m (millions)
        fixed = f"{group_digits(m.group(1), profile.group_separator)} {m.group(2)}"
        yield replacement_hit(
            m.start(),
            m.end(),
            f"“{m.group()}”: {profile.name} writes “{fixed}”",
            [fixed],
            Applicability.UNSAFE,
        )


NUMBER_UNIT = Rule(
    code="NUM003",
    name="number-unit-format",
    family="numbers",
    severity=Severity.ERROR,
    mqm="Locale convention/Measurement format",
    fix=Applicability.UNSAFE,
    summary="A long ungrouped number glued to its unit (“2500km²”).",
    explanation=(
        "A number of four or more digits with no thousands separator written directly against a unit "
        "is a source-locale or scraping artifact. The fix groups the digits and separates the unit "
        "(“2,500 km²”); short numbers against a unit (“10km”) are a house-style choice and left "
        "alone. Unsafe."
    ),
    check=check_long_number_unit,
    flags=(Example("Studies2500km² have been taken over", "Studies2,500 km² have been taken over"),),
    passes=(
        "2,500 km² and 10km and 2500 people",
        "in 2004 km were counted",
        "the 1500m final and £1500m",
        "batch 2024-01-0100% pure",  # a leading zero: a code, not an amount
    ),
)


def check_clock(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag 24-hour times with a.m./p.m. (``18:45 p.m.``) and French times (``21h36``)."""
    profile = ctx.profile
    pats = patterns(profile)
    if not CLOCK_HINT.search(doc.text):
        return
    for m in pats.clock.finditer(doc.text):
        if m.start() and doc.text[m.start() - 1] in "0123456789:.":
            continue
        hour, sep, minutes, marker = int(m.group(1)), m.group(2), m.group(3), m.group(4)
        if hour <= 12 and hour != 0:
            continue
        evening = marker.lower().startswith("p")
        if hour >= 13 and evening:
            yield replacement_hit(
                m.start(),
                m.end(),
                f"“{m.group()}” mixes a 24-hour time with “{marker}”",
                [f"{hour - 12}{sep}{minutes} {marker}".replace("  ", " ")],
                Applicability.SAFE,
            )
        else:
            yield replacement_hit(
                m.start(),
                m.end(),
                f"“{m.group()}” mixes a 24-hour time with “{marker}”",
                [f"{hour:02d}:{minutes}"],
                Applicability.UNSAFE,
            )
    for m in pats.hour_only.finditer(doc.text):
        hour = int(m.group(1))
        twelve = f"{hour % 12 or 12} {'p.m.' if hour >= 12 else 'a.m.'}"
        yield replacement_hit(
            m.start(1), m.end(), f"French time format “{m.group()}”", [f"{hour}:00", twelve], Applicability.UNSAFE
        )
    for m in pats.french_clock.finditer(doc.text):
        hour, minutes = int(m.group(1)), m.group(2)
        twelve = f"{hour % 12 or 12}:{minutes} {'p.m.' if hour >= 12 else 'a.m.'}"
        yield replacement_hit(
            m.start(),
            m.end(),
            f"French time format “{m.group()}”",
            [f"{hour}:{minutes}", twelve],
            Applicability.UNSAFE,
        )


CLOCK_FORMAT = Rule(
    code="NUM004",
    name="time-format",
    family="numbers",
    severity=Severity.ERROR,
    mqm="Locale convention/Time format",
    fix=Applicability.SAFE,
    summary="A 24-hour time with a.m./p.m. (“18:45 p.m.”) or a French time (“21h36”).",
    explanation=(
        "Machine translation adds “p.m.” to 24-hour times it copies from French. A time after 12:59 "
        "with p.m. is rewritten on the 12-hour clock (safe); with a.m., or 00:xx, the marker is "
        "dropped (unsafe). French “21h36” becomes “21:36”, with “9:36 p.m.” as the alternative "
        "(unsafe)."
    ),
    check=check_clock,
    flags=(
        Example("The sirens sounded at 18:45 p.m. on Monday.", "The sirens sounded at 6:45 p.m. on Monday."),
        Example("Published at 21h36.", "Published at 21:36."),
        Example("The rally starts at 20h on Sunday.", "The rally starts at 20:00 on Sunday."),
    ),
    passes=("at 6:45 p.m. and 10.30am, and at 21:36, and 4x4 vehicles", "a 12h shift", "a 24h race"),
    languages=frozenset({"en"}),  # 21h36 is how French writes a time
)


def check_currency_after(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag a currency symbol written after the amount (``5€``, ``85 M€``) where it goes before."""
    profile = ctx.profile
    pats = patterns(profile)
    text = doc.text
    for symbol in pats.currency_symbol.finditer(text):
        at = symbol.start()
        after = text[at + 1 : at + 2]
        if after.isalnum() or after in profile.currency_before:
            continue
        base = max(0, at - 40)
        scale = pats.currency_scale.search(text, base, at) if pats.currency_scale else None
        if scale is not None:
            number = scale.group(1)
            if DECIMAL_COMMA_NUMBER.fullmatch(number):
                number = number.replace(",", profile.decimal_separator)
            fixed = f"{symbol.group()}{number} {profile.currency_scale_abbreviations[scale.group(2)]}"
            yield replacement_hit(
                scale.start(),
                at + 1,
                f"French currency abbreviation “{text[scale.start() : at + 1]}”: {profile.name} writes “{fixed}”",
                [fixed],
                Applicability.UNSAFE,
            )
            continue
        m = pats.currency_after.search(text, base, at)
        if m is None:
            continue
        digits = m.group(1)
        if any(c in digits for c in " " + NO_BREAK_SPACES):  # 1 200 € → €1,200
            digits = group_digits("".join(c for c in digits if c.isdigit()), profile.group_separator)
        amount = digits + m.group(2)
        yield replacement_hit(
            m.start(),
            at + 1,
            f"currency symbol after the amount in “{text[m.start() : at + 1]}”: "
            f"{profile.name} writes “{symbol.group()}{amount}”",
            [f"{symbol.group()}{amount}"],
            Applicability.SAFE,
        )


CURRENCY_AFTER = Rule(
    code="NUM005",
    name="currency-position",
    family="numbers",
    severity=Severity.ERROR,
    mqm="Locale convention/Currency format",
    fix=Applicability.SAFE,
    summary="A currency symbol after the amount (“5€”, “300 $”).",
    explanation=(
        "French writes the currency symbol after the amount; English writes it before (€5). The fix "
        "moves the symbol and is safe. Number formats inside the amount are checked by other rules."
    ),
    check=check_currency_after,
    flags=(
        Example("Tickets cost 5€ each.", "Tickets cost €5 each."),
        Example("It costs 300 $.", "It costs $300."),
        Example("a 15 million € fine", "a €15 million fine"),
        Example("It raised 85 M€ and 1,2 Md€.", "It raised €85 million and €1.2 billion."),
        Example("The fine is 1 200 € a day.", "The fine is €1,200 a day."),
    ),
    passes=("Tickets cost €5 each, or $300 for all, or £1,400.",),
    languages=frozenset({"en"}),
)

PERCENT_AFTER = re.compile(r"[ \u00a0\u202f\u2009]%")
DECIMAL_COMMA_NUMBER = re.compile(r"\d+,\d{1,2}")
PERCENT_SPACE = re.compile(r"[ \u00a0\u202f\u2009]%")
NUMBER_BEFORE = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)?$")


def check_percent_space(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag a space between a number and the percent sign (``6 %``), French style."""
    if "%" not in doc.text or ctx.profile.percent_space:
        return
    text = doc.text
    for m in PERCENT_SPACE.finditer(text):
        number = NUMBER_BEFORE.search(text, max(0, m.start() - 24), m.start())
        if number is None or DECIMAL_COMMA_NUMBER.fullmatch(number.group()):
            continue  # no number, or 2,6 %: the decimal-comma rule fixes both at once
        yield replacement_hit(
            number.start(),
            m.end(),
            f"space before “%” in “{text[number.start() : m.end()]}”",
            [f"{number.group()}%"],
            Applicability.SAFE,
        )


PERCENT_FORMAT = Rule(
    code="NUM006",
    name="percent-space",
    family="numbers",
    severity=Severity.ERROR,
    mqm="Locale convention/Number format",
    fix=Applicability.SAFE,
    summary="A space between a number and the percent sign (“6 %”).",
    explanation=(
        "French separates the percent sign from the number with a (no-break) space; English writes it "
        "closed up (6%). Removing the space is safe; a decimal comma in the number is reported by "
        "decimal-comma."
    ),
    check=check_percent_space,
    flags=(Example("a fine of up to 6 % of turnover", "a fine of up to 6% of turnover"),),
    passes=("a fine of up to 6% of turnover, or 6 per cent",),
)


def check_plural_scale(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag a source-language scale word after a number (``24 millions``, ``3 milliards``)."""
    words = ctx.profile.foreign_scale_words
    if not words:
        return
    text = doc.text
    if not any(word in text for word in words):
        return
    for m in _scale_pattern(tuple(sorted(words))).finditer(text):
        number = SCALED_NUMBER.search(text, max(0, m.start() - 12), m.start())
        if number is None:
            continue
        word = m.group()
        yield replacement_hit(
            m.start(),
            m.end(),
            f"“{text[number.start() : m.end()]}”: {ctx.profile.name} writes “{words[word]}” after a number",
            [words[word]],
            Applicability.SAFE,
        )


@cache
def _scale_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """The scale words themselves (a literal alternation scans fast); the number is checked before."""
    return re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in words)})\b(?! of\b)")


SCALED_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,]\d+)?[ \u00a0\u202f]$")


FOREIGN_SCALE = Rule(
    code="NUM007",
    name="foreign-scale-word",
    family="numbers",
    severity=Severity.ERROR,
    mqm="Locale convention/Number format",
    fix=Applicability.SAFE,
    summary="A French scale word after a number (“24 millions households”, “3 milliards”).",
    explanation=(
        "English writes “24 million households”, without the plural, and “billion” for the French "
        "“milliard”. The source-language scale words and their English forms are data in the target "
        "profile (foreign_scale_words). Safe."
    ),
    check=check_plural_scale,
    flags=(
        Example("approximately 24 millions households", "approximately 24 million households"),
        Example("a deficit of 3,2 milliards euros", "a deficit of 3,2 billion euros"),
    ),
    passes=("millions of households and 24 million euros; in 2020 millions of people; 3 millions of them",),
    languages=frozenset({"en"}),
)

RULES = (
    SPACED_THOUSANDS,
    DECIMAL_COMMA,
    NUMBER_UNIT,
    CLOCK_FORMAT,
    CURRENCY_AFTER,
    PERCENT_FORMAT,
    FOREIGN_SCALE,
)
