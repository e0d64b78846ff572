"""Target-language profiles: the conventions of a language, loaded from ``mtqa/data/<lang>/``."""

from __future__ import annotations

import tomllib
from dataclasses import MISSING, dataclass, fields
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import regex

DATA_DIR = Path(__file__).resolve().parent / "data"
LANGUAGE_CODE = regex.compile(r"[a-z]{2,8}")


def language_code(tag: str | None) -> str:
    """The primary language of a declared language tag, lowercased, or "" when it is not one.

    ``fr-FR``, ``fr_FR`` and `` FR `` give ``fr``; ``*all*``, ``""`` and anything whose primary subtag is
    not 2–8 ASCII letters give "". Any code is accepted: one without a shipped profile is checked with the
    run's profile.
    """
    if not tag:
        return ""
    primary = tag.strip().replace("_", "-").split("-", 1)[0].lower()
    return primary if LANGUAGE_CODE.fullmatch(primary) else ""


def language_file(lang: str, name: str, root: Path = DATA_DIR) -> Path | None:
    """``<root>/<lang>/<name>`` (root: ``mtqa/data``) when ``lang`` is a language code and the file ships."""
    if not LANGUAGE_CODE.fullmatch(lang):
        return None
    path = root / lang / name
    return path if path.is_file() else None


class UnknownLanguageError(ValueError):
    """No profile ships for the requested language."""


@dataclass(frozen=True, eq=False)
class LanguageProfile:
    """Punctuation, number and abbreviation conventions of one target language."""

    lang: str
    name: str
    abbreviations: frozenset[str]
    no_space_before: str
    decimal_separator: str
    group_separator: str
    currency_before: str
    units: tuple[str, ...]
    twelve_hour_markers: tuple[str, ...]
    phrase_prepositions: frozenset[str]
    determiners: frozenset[str]
    introductory_phrases: tuple[str, ...]
    scale_words: tuple[str, ...]
    reporting_verbs: frozenset[str]
    compound_prefixes: frozenset[str]
    compound_suffixes: frozenset[str]
    dangling_words: frozenset[str]
    name_followers: frozenset[str]
    time_prepositions: tuple[str, ...]
    sentence_openers: frozenset[str]
    percent_space: bool
    place_prepositions: frozenset[str]
    ambiguous_months: tuple[str, ...]
    name_markers: frozenset[str]
    place_nouns: frozenset[str]
    currency_scale_abbreviations: dict[str, str]
    currency_scale_words: tuple[str, ...]
    date_prepositions: frozenset[str]
    irregular_plurals: frozenset[str]
    foreign_scale_words: dict[str, str]
    # Optional conventions (a profile may leave them out):
    function_words: frozenset[str] = frozenset()  # frequent words distinctive of the language (language guesses)
    space_before: str = ""  # marks written after a (narrow no-break) space: French ; : ! ?
    guillemet_space: bool = False  # « » enclose their text with (narrow no-break) spaces (French)
    nouns_capitalised: bool = False  # German: every noun starts with a capital
    quotes: str = "“”‘’"  # quotation marks: opening and closing double, opening and closing single

    @cached_property
    def boilerplate(self) -> regex.Pattern[str] | None:
        """The patterns of ``boilerplate.txt`` in one alternation (compiled on first use, then kept here)."""
        return _boilerplate(DATA_DIR / self.lang / "boilerplate.txt")

    def is_abbreviation(self, text: str, dot: int) -> bool:
        """Tell whether the period at ``text[dot]`` ends an abbreviation or an initial."""
        start = dot
        while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
            start -= 1
        word = text[start:dot].lower()
        if not word or (start > 0 and text[start - 1] in "'’"):
            return False  # the bank's. decision: a possessive, not an initial
        return len(word) == 1 or word in self.abbreviations or word.rstrip(".") in self.abbreviations


@cache
def _boilerplate(path: Path) -> regex.Pattern[str] | None:
    """Compile a language's boilerplate patterns (one regex per line, # comments) into one alternation."""
    if not path.is_file():
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    patterns = [line for line in lines if line.strip() and not line.startswith("#")]
    return regex.compile("|".join(f"(?:{p})" for p in patterns), regex.IGNORECASE) if patterns else None


@cache
def available_languages() -> tuple[str, ...]:
    """Languages with a shipped profile (looked up once)."""
    return tuple(sorted(p.parent.name for p in DATA_DIR.glob("*/profile.toml")))


@cache
def load_profile(lang: str) -> LanguageProfile:
    """Load the profile of ``lang`` (e.g. ``en``) once."""
    path = language_file(lang, "profile.toml")
    if path is None:
        known = ", ".join(available_languages())
        raise UnknownLanguageError(f"no profile for language {lang!r} (available: {known})")
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    raw["abbreviations"] = [a.lower() for a in raw["abbreviations"]]
    values: dict[str, Any] = {}
    for field in fields(LanguageProfile):
        if field.name in values or (field.name not in raw and field.default is not MISSING):
            continue
        kind = str(field.type)  # the annotation as written: "frozenset[str]", "tuple[str, ...]"…
        convert = frozenset if kind.startswith("frozenset") else tuple if kind.startswith("tuple") else None
        value = raw[field.name]
        values[field.name] = convert(value) if convert else dict(value) if kind.startswith("dict") else value
    return LanguageProfile(**values)
