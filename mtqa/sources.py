r"""Source-language profiles: what a given source language leaves in an English translation.

A profile is a folder ``mtqa/data/sources/<lang>/`` of tab-separated files (``#`` comments, a header row):

- ``debris.tsv``: ``text``, ``replacement``, ``kind``, ``note`` — source words and names the translation
  kept as they were (``selon``, ``a-t-il``, ``Moscou``). ``kind`` is ``word`` (matched in any case of its
  first letter), ``exonym`` or ``name`` (matched as written). An empty replacement means no fix.
- ``calques.tsv`` and ``false_friends.tsv``: ``pattern`` (a case-insensitive regular expression, matched
  between word boundaries; ``(?-i:…)`` makes part of it case-sensitive), ``suggestion`` (a replacement
  template: ``\1`` is the pattern's first group), ``explanation``, then ``flags`` (a sentence the pattern
  must flag) and ``passes`` (a native sentence near it that it must leave alone), which the tests run.
  These rules run on English written by professionals too: a pattern carries the context that makes
  the phrase wrong (``the actual president``, not ``actual``), so that native English is left alone.

Adding a source language is adding a folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from mtqa.analysis import TOKEN
from mtqa.profiles import DATA_DIR

SOURCES_DIR = DATA_DIR / "sources"


@dataclass(frozen=True, slots=True)
class Debris:
    """A source-language word or name left in the translation, with its English form (or "")."""

    text: str
    replacement: str
    kind: str  # word, exonym or name
    note: str


@dataclass(frozen=True, slots=True)
class Pattern:
    """A calque or false friend: a pattern, a suggested rewording and why."""

    pattern: regex.Pattern[str]
    suggestion: str
    explanation: str
    flags: str = ""  # an example the pattern must flag
    passes: str = ""  # a native sentence near it that it must leave alone


@dataclass(frozen=True, eq=False)
class SourceProfile:
    """The artifacts one source language leaves in English translations."""

    lang: str
    debris: tuple[Debris, ...]
    calques: tuple[Pattern, ...]
    false_friends: tuple[Pattern, ...]

    @property
    def debris_pattern(self) -> regex.Pattern[str] | None:
        """One alternation of every debris entry, bounded by non-word characters (None when there are none)."""
        return _debris_pattern(self)

    def may_hold_debris(self, word_types: set[str], text: str) -> bool:
        """A cheap test before the pattern: the document has a telling word of some entry.

        The telling word is an entry's longest token (as written or capitalised), looked up in the
        document's distinct tokens; entries made of short tokens only (``z. B.``) are searched as text.
        """
        keys, short = _debris_keys(self)
        return bool(keys & word_types) or any(entry in text for entry in short)

    def debris_entry(self, text: str) -> Debris | None:
        """The entry matched by ``text`` (a word matches with its first letter in either case)."""
        return _debris_index(self).get(text) or _debris_index(self).get(text[:1].lower() + text[1:])


@cache
def _debris_index(profile: SourceProfile) -> dict[str, Debris]:
    return {entry.text: entry for entry in profile.debris}


@cache
def _debris_keys(profile: SourceProfile) -> tuple[frozenset[str], tuple[str, ...]]:
    keys: set[str] = set()
    short: list[str] = []
    for entry in profile.debris:
        longest = max(TOKEN.findall(entry.text) or [entry.text], key=len)
        if len(longest) >= 3:
            keys.update((longest, longest[:1].upper() + longest[1:]))
        else:
            short.extend({entry.text, entry.text[:1].upper() + entry.text[1:]})
    return frozenset(keys), tuple(short)


@cache
def _debris_pattern(profile: SourceProfile) -> regex.Pattern[str] | None:
    forms: list[str] = []
    for entry in sorted(profile.debris, key=lambda e: len(e.text), reverse=True):
        text = regex.escape(entry.text)
        if entry.kind == "word" and entry.text[:1].islower():
            first = entry.text[:1]
            text = f"(?:{regex.escape(first.upper())}|{regex.escape(first)}){regex.escape(entry.text[1:])}"
        forms.append(text)
    if not forms:
        return None
    return regex.compile(
        rf"(?<![\p{{L}}\p{{M}}\p{{N}}'’-])(?:{'|'.join(forms)})(?![\p{{L}}\p{{M}}\p{{N}}-]|['’]\p{{L}})"
    )


def _rows(name: str, lang: str) -> list[list[str]]:
    """The data rows of ``mtqa/data/sources/<lang>/<name>`` (header and comments skipped), or none."""
    path = SOURCES_DIR / lang / name
    if not path.is_file():
        return []
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    rows = [row for row in rows if row[0].strip() and not row[0].startswith("#")]
    return [row + [""] * (5 - len(row)) for row in rows[1:]]


def _patterns(name: str, lang: str) -> tuple[Pattern, ...]:
    return tuple(
        Pattern(regex.compile(rf"\b(?:{row[0]})\b", regex.IGNORECASE), row[1], row[2], row[3], row[4])
        for row in _rows(name, lang)
    )


@cache
def available_sources() -> list[str]:
    """Source languages with a shipped profile."""
    return sorted(p.name for p in SOURCES_DIR.iterdir() if p.is_dir()) if SOURCES_DIR.is_dir() else []


@cache
def load_source(lang: str) -> SourceProfile | None:
    """The source profile of ``lang`` (e.g. ``fr``), loaded once; None when none ships."""
    if lang not in available_sources():
        return None
    debris = tuple(Debris(row[0], row[1], row[2] or "word", row[3]) for row in _rows("debris.tsv", lang))
    return SourceProfile(lang, debris, _patterns("calques.tsv", lang), _patterns("false_friends.tsv", lang))


def expand(match: regex.Match[str], template: str) -> str:
    """The suggestion for ``match``: the template with its groups filled in, first letter cased like the match."""
    text = match.expand(template)
    if match.group()[:1].isupper() and text[:1].islower():
        text = text[:1].upper() + text[1:]
    return text
