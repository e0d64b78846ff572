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

from collections.abc import Callable, Set
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

import regex

from mtqa.analysis import TOKEN
from mtqa.profiles import DATA_DIR, language_file

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
    anchor: str = ""  # letters every match holds (case-folded): a text without them is not searched


@dataclass(frozen=True, eq=False)
class SourceProfile:
    """The artifacts one source language leaves in English translations."""

    lang: str
    debris: tuple[Debris, ...]

    @cached_property
    def calques(self) -> tuple[Pattern, ...]:
        """The calque patterns (``calques.tsv``), compiled on first use."""
        return _patterns("calques.tsv", self.lang)

    @cached_property
    def false_friends(self) -> tuple[Pattern, ...]:
        """The false-friend patterns (``false_friends.tsv``), compiled on first use."""
        return _patterns("false_friends.tsv", self.lang)

    def debris_spans(
        self, text: str, word_types: Set[str], runs_on: Callable[[], bool] | None = None
    ) -> list[tuple[int, int]]:
        """The spans of debris entries in ``text`` (``word_types``: its distinct tokens), in text order.

        An entry stands between characters that are no letter, mark, digit, apostrophe or hyphen (``'s``
        after it is part of a word); where entries overlap, the leftmost wins, then the longest. One pass
        of an Aho-Corasick automaton over the text finds them, after a cheap test of the tokens.
        ``runs_on``: ``token_runs_on`` of the text, when the caller keeps it for several profiles.
        """
        if not self.debris or not self.may_hold_debris(word_types, runs_on or (lambda: token_runs_on(text))):
            return []
        hits = sorted(
            (last + 1 - len(key), last + 1)
            for last, key in _debris_automaton(self).iter(text)
            if _bounded(text, last + 1 - len(key), last + 1)
        )
        spans: list[tuple[int, int]] = []
        reached = 0
        for start, end in sorted(hits, key=lambda hit: (hit[0], -hit[1])):
            if start >= reached:
                spans.append((start, end))
                reached = end
        return spans

    def may_hold_debris(self, word_types: Set[str], runs_on: Callable[[], bool]) -> bool:
        """A cheap test before the pattern: the document has a telling word of some entry.

        The telling word is an entry's longest token (as written or capitalised), looked up in the
        document's distinct tokens; an entry made of short tokens only (``z. B.``) needs all of them
        there. An entry stands between characters that continue no word, so its tokens are the text's,
        unless a token runs on where an entry stops (``runs_on()``, see ``token_runs_on``): then the
        text is always searched.
        """
        keys, short = _debris_keys(self)
        return not word_types.isdisjoint(keys) or any(tokens <= word_types for tokens in short) or runs_on()

    def debris_entry(self, text: str) -> Debris | None:
        """The entry matched by ``text`` (a word matches with its first letter in either case)."""
        return _debris_index(self).get(text) or _debris_index(self).get(text[:1].lower() + text[1:])


def token_runs_on(text: str) -> bool:
    """True when a token of ``text`` may run on where a debris entry stops.

    That is over an underscore (``_selon``), or from an apostrophe into a digit (``a-t-il'2``).
    """
    return "_" in text or TOKEN_RUNS_ON.search(text) is not None


@cache
def _debris_index(profile: SourceProfile) -> dict[str, Debris]:
    return {entry.text: entry for entry in profile.debris}


@cache
def _debris_keys(profile: SourceProfile) -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
    keys: set[str] = set()
    short: set[frozenset[str]] = set()
    for entry in profile.debris:
        longest = max(TOKEN.findall(entry.text) or [entry.text], key=len)
        if len(longest) >= 3:
            keys.update((longest, longest[:1].upper() + longest[1:]))
        else:
            for form in (entry.text, entry.text[:1].upper() + entry.text[1:]):
                short.add(frozenset(TOKEN.findall(form)))  # no token at all: the empty set, which always passes
    return frozenset(keys), tuple(short)


@cache
def _debris_automaton(profile: SourceProfile) -> Any:
    """An automaton of every entry as written, and of a word's form with a capital first letter."""
    import ahocorasick  # type: ignore[import-not-found,unused-ignore]

    automaton = ahocorasick.Automaton()
    for entry in profile.debris:
        forms = {entry.text}
        if entry.kind == "word" and entry.text[:1].islower():
            forms.add(entry.text[:1].upper() + entry.text[1:])
        for form in forms:
            automaton.add_word(form, form)
    automaton.make_automaton()
    return automaton


# An apostrophe that a token runs on through, though an entry before it is bounded (no letter follows).
TOKEN_RUNS_ON = regex.compile(r"['’](?=[\w\u0300-\u036f])(?!\p{L})")
INNER = regex.compile(r"[\p{L}\p{M}\p{N}'’-]")  # what continues a word (the regex module's Unicode)
LETTER = regex.compile(r"\p{L}")


def _bounded(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is not part of a longer word (``'s`` after it is part of it)."""
    if start > 0 and INNER.match(text, start - 1):
        return False
    if end < len(text):
        if text[end] in "'’":
            return LETTER.match(text, end + 1) is None
        return INNER.match(text, end) is None
    return True


def _rows(name: str, lang: str) -> list[list[str]]:
    """The data rows of ``mtqa/data/sources/<lang>/<name>`` (header and comments skipped), or none."""
    path = language_file(lang, name, SOURCES_DIR)
    if path is None:
        return []
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    rows = [row for row in rows if row[0].strip() and not row[0].startswith("#")]
    return [row + [""] * (5 - len(row)) for row in rows[1:]]


def _patterns(name: str, lang: str) -> tuple[Pattern, ...]:
    return tuple(
        Pattern(regex.compile(rf"\b(?:{row[0]})\b", regex.IGNORECASE), row[1], row[2], row[3], row[4], anchor(row[0]))
        for row in _rows(name, lang)
    )


OPAQUE = ("\\x", "\\u", "\\U", "\\0", "\\N")  # letters spelt as hex, Unicode, octal or named escapes
VERBOSE = regex.compile(r"\(\?[a-zA-Z]*x")  # (?x), (?ix): spaces and # comments are not text


def anchor(pattern: str) -> str:
    """The longest run of three or more letters that every match of ``pattern`` holds, case-folded ("": none).

    Only letters outside any group, set or escape count, and none when the pattern is an alternation at
    its top level; a letter made optional by ``?``, ``*`` or ``{`` ends the run before it.
    """
    if any(code in pattern for code in OPAQUE) or VERBOSE.search(pattern):
        return ""  # letters spelt as codes, or a verbose pattern: not read here
    runs: list[str] = []
    current: list[str] = []
    depth = i = 0
    while i < len(pattern):
        char = pattern[i]
        letter = depth == 0 and char.isascii() and char.isalpha()
        if letter and pattern[i + 1 : i + 2] not in ("?", "*", "{"):
            current.append(char)
            i += 1
            continue
        runs.append("".join(current))
        current = []
        if char == "|" and depth == 0:
            return ""
        if char == "\\":
            i += 2
            if pattern[i : i + 1] == "{":  # \p{Lu}, \N{…}, \x{…}
                i = pattern.find("}", i) + 1 or len(pattern)
            continue
        if char == "[":
            i = _set_end(pattern, i)
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        i += 1
    runs.append("".join(current))
    best = max(runs, key=len)
    return best.casefold() if len(best) >= 3 else ""


def _set_end(pattern: str, start: int) -> int:
    """The index after the set ``[…]`` that opens at ``start``."""
    i = start + 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":
        i += 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


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
    return SourceProfile(lang, debris)


def expand(match: regex.Match[str], template: str) -> str:
    """The suggestion for ``match``: the template with its groups filled in, first letter cased like the match."""
    text = match.expand(template)
    if match.group()[:1].isupper() and text[:1].islower():
        text = text[:1].upper() + text[1:]
    return text
