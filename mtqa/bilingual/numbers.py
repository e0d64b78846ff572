"""Numbers, times and dates of a segment, read in a locale, for comparing a source with its target.

Each number becomes an ``Amount`` with the values it may stand for (``2,5 millions`` is 2.5 and
2,500,000; a clock time is its hour on a 12-hour dial and its minutes; the day of a numeric date may be
either of its first two fields in a target). A source's amounts are matched one to one against the
target's: first as the target locale writes them, then as the source locale does (``27 000`` left as it
was in an English target: the same value, in the wrong format).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

NUMBER = re.compile(r"(?<![\w.,])\d+(?:[ \u00a0\u202f.,']\d+)*(?![\d])")
CLOCK = re.compile(
    r"(?<![\w.,:])(?P<h>[01]?\d|2[0-3])(?:\s?[h:]\s?(?P<m>[0-5]\d)|\s?h(?![\w]))"
    r"(?:\s?(?P<ampm>[ap])\.?\s?m\.?(?![\w]))?(?![\d])"
)
ENGLISH_CLOCK = re.compile(
    r"(?<![\w.,:])(?P<h>[01]?\d|2[0-3])(?:(?::|\.)(?P<m>[0-5]\d))?\s?(?P<ampm>[ap])\.?\s?m\b\.?"
    r"|(?<![\w.,:])(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d])"
)
DATE = re.compile(r"(?<![\w.,/])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\w/])")
SCALE = re.compile(
    r"\s?(thousand|million|billion|trillion|mille|millions?|milliards?|mio|mrd|millones|miliardi)\b", re.I
)
SCALES = {
    "thousand": 3, "mille": 3, "million": 6, "millions": 6, "mio": 6, "millones": 6,
    "billion": 9, "milliard": 9, "milliards": 9, "mrd": 9, "miliardi": 9, "trillion": 12,
}  # fmt: skip
WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "twenty": 20, "hundred": 100,
}  # fmt: skip
WORD = re.compile(r"\b(" + "|".join(WORDS) + r")\b", re.I)


@dataclass(frozen=True)
class Locale:
    """How a language writes numbers: its decimal mark and the marks it groups thousands with."""

    decimal: str
    groups: str


LOCALES = {
    "en": Locale(".", ","),
    "fr": Locale(",", " \u00a0\u202f."),
    "de": Locale(",", ".\u00a0\u202f "),
    "es": Locale(",", ".\u00a0\u202f "),
    "it": Locale(",", ".\u00a0\u202f "),
    "pt": Locale(",", ".\u00a0\u202f "),
    "nl": Locale(",", ".\u00a0\u202f "),
    "pl": Locale(",", " \u00a0\u202f"),
    "ru": Locale(",", " \u00a0\u202f"),
    "uk": Locale(",", " \u00a0\u202f"),
}


def locale(lang: str) -> Locale:
    """The number conventions of ``lang`` (English's when unknown)."""
    return LOCALES.get(lang, LOCALES["en"])


@dataclass(frozen=True)
class Amount:
    """A number as written (``text`` at ``[start, end)``) and the values it may stand for."""

    text: str
    start: int
    end: int
    values: frozenset[object]
    decimals: int = 0  # digits after the decimal mark, to write the value back the same way


def value(raw: str, loc: Locale) -> tuple[Decimal, int] | None:
    """The value of a number as ``loc`` writes it, with its count of decimals; None when malformed there."""
    body, _, fraction = raw.rpartition(loc.decimal) if loc.decimal in raw else (raw, "", "")
    if fraction and not fraction.isdigit():
        return None
    if not body.isdigit():
        marks = {c for c in body if not c.isdigit()}
        if len(marks) != 1 or not marks <= set(loc.groups):
            return None
        parts = body.split(marks.pop())
        if not 1 <= len(parts[0]) <= 3 or any(len(p) != 3 for p in parts[1:]):
            return None
        body = "".join(parts)
    if fraction and loc.decimal in body:
        return None
    try:
        return Decimal(f"{body}.{fraction}" if fraction else body), len(fraction)
    except InvalidOperation:
        return None


def _scaled(number: Decimal, after: str) -> set[object]:
    """The values of a number and of the number with the scale word that follows it (2.5 million)."""
    values: set[object] = {number.normalize()}
    m = SCALE.match(after)
    if m is not None:
        values.add((number * Decimal(10) ** SCALES[m.group(1).lower()]).normalize())
    return values


def amounts(text: str, loc: Locale, english: bool = False, target: bool = False) -> list[Amount]:
    """The numbers, times and dates of ``text`` as ``loc`` writes them, in text order.

    ``english``: read 12-hour times (``6:45 p.m.``) and number words up to twelve; ``target``: the
    day of a numeric date may be its first or its second field (either order is a date).
    """
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for m in DATE.finditer(text):
        day, month, year = int(m.group(1)), int(m.group(3)), m.group(4)
        if not (1 <= day <= 31 and 1 <= month <= 31):
            continue
        days = {Decimal(day), Decimal(month)} if target else {Decimal(day)}
        found.append(Amount(m.group(1), m.start(1), m.end(1), frozenset(days)))
        found.append(Amount(year, m.start(4), m.end(4), frozenset({Decimal(year)})))
        taken.append((m.start(), m.end()))
    for m in (ENGLISH_CLOCK if english else CLOCK).finditer(text):
        if not free(m.start(), m.end()):
            continue
        hour = m.group("h") or m.group("h24") if english else m.group("h")
        minutes = (m.group("m") or m.group("m24") or "00") if english else (m.group("m") or "00")
        found.append(Amount(m.group(), m.start(), m.end(), frozenset({("time", int(hour) % 12, int(minutes))})))
        taken.append((m.start(), m.end()))
    for m in NUMBER.finditer(text):
        if not free(m.start(), m.end()):
            continue
        raw = m.group().rstrip(".,")
        parsed = value(raw, loc)
        if parsed is not None:
            number, decimals = parsed
            end = m.start() + len(raw)
            found.append(Amount(raw, m.start(), end, frozenset(_scaled(number, text[end : end + 12])), decimals))
            continue
        for part in re.finditer(r"\d+", raw):  # not one number here: its digit runs, each a number
            start = m.start() + part.start()
            found.append(Amount(part.group(), start, start + len(part.group()), frozenset({Decimal(part.group())})))
    if english:
        for m in WORD.finditer(text):
            if free(m.start(), m.end()):
                found.append(Amount(m.group(), m.start(), m.end(), frozenset({Decimal(WORDS[m.group().lower()])})))
    found.sort(key=lambda a: a.start)
    return found


def written(number: Decimal, decimals: int, loc: Locale) -> str:
    """``number`` as ``loc`` writes it: thousands grouped, ``decimals`` digits after the mark."""
    text = f"{number:.{decimals}f}"
    whole, _, fraction = text.partition(".")
    if len(whole) > 4 or (len(whole) == 4 and loc.groups[:1] != " "):
        head = len(whole) % 3 or 3
        whole = loc.groups[0].join([whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)])
    return f"{whole}{loc.decimal}{fraction}" if fraction else whole
