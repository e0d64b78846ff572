"""Place names in a foreign or older transliteration, matched back to the glossary's English form.

A capitalised word that no glossary lists (``Izioum``, ``Zaporijia``, ``Saporischschja``) is rewritten
by each transliteration system of ``data/toponyms/transliterations.toml`` (French, German, Polish,
Czech, Russian-era) back towards the 2010 national romanisation, reduced to a skeleton that ignores
the remaining spelling choices (y/i, doubled letters, zh/sh, z/s), and looked up among the skeletons
of the glossary's place names. Only an unambiguous match counts.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from mtqa.glossary import Entry, Glossary
from mtqa.names import fold
from mtqa.profiles import DATA_DIR

SKELETON_STEPS = (
    ("shch", "Q"), ("zh", "S"), ("sh", "S"), ("kh", "H"), ("ch", "C"), ("ts", "C"),
    ("y", "i"), ("j", "i"), ("z", "s"),
)  # fmt: skip
DROPPED = re.compile(r"['’ʼ`\- ]")
DOUBLES = re.compile(r"(.)\1+")
MIN_FRAME = 6
RUSSIAN_ERA = "Russian-era"


def consonants(key: str) -> str:
    """A skeleton without its vowels (after the first letter): Sewerodonezk, Sievierodonetsk → svrdnC."""
    return key[:1] + re.sub(r"[aeiou]", "", key[1:])


def skeleton(name: str) -> str:
    """A key that two spellings of one name share: Zaporizhzhia, Zaporizhia → saporiSia."""
    key = DROPPED.sub("", fold(name))
    for old, new in SKELETON_STEPS:
        key = key.replace(old, new)
    return DOUBLES.sub(r"\1", key)


@dataclass(frozen=True)
class System:
    """One transliteration system, as a single-pass rewrite back to the national romanisation."""

    name: str
    pattern: re.Pattern[str]
    table: dict[str, str]

    def rewrite(self, word: str) -> str:
        """Rewrite a lowercased word of this system towards the English form."""
        return self.pattern.sub(lambda m: self.table[m.group().lower()] if m.group() else "", word)


def _system(name: str, rewrites: list[list[str]]) -> System:
    parts: list[str] = []
    table: dict[str, str] = {}
    for old, new in rewrites:
        core = old.strip("^$")
        piece = re.escape(core)
        if old.startswith("^"):
            piece = "^" + piece
        if old.endswith("$"):
            piece += "$"
        parts.append(piece)
        table.setdefault(core, new)
    return System(name, re.compile("|".join(parts)), table)


@dataclass(frozen=True)
class Transliterations:
    """The systems and the context words from the data file."""

    systems: tuple[System, ...]
    context: tuple[str, ...]


@cache
def load_transliterations() -> Transliterations:
    """Load ``data/toponyms/transliterations.toml`` once."""
    raw = tomllib.loads((DATA_DIR / "toponyms" / "transliterations.toml").read_text(encoding="utf-8"))
    systems = tuple(_system(name, spec["rewrites"]) for name, spec in raw["systems"].items())
    return Transliterations(systems, tuple(raw["context"]))


class ToponymIndex:
    """Skeletons of the glossary's place names, for matching unseen spellings."""

    def __init__(self, glossary: Glossary) -> None:
        """Index the place entries of ``glossary``; a skeleton shared by two names is ambiguous."""
        self._by_skeleton: dict[str, Entry | None] = {}
        self._by_consonants: dict[str, Entry | None] = {}
        self.preferred: set[str] = set()
        self.rejected = {v for e in glossary.entries for v in e.reject}
        for entry in glossary.entries:
            if entry.type != "place":
                continue
            self.preferred.add(entry.preferred)
            key = skeleton(entry.preferred)
            _add(self._by_skeleton, key, entry)
            _add(self._by_consonants, consonants(key), entry)
        self.transliterations = load_transliterations()
        self._matches: dict[str, tuple[Entry, str] | None] = {}

    def _readings(self, lowered: str) -> list[tuple[str, str]]:
        """The word read by each system, then by each system applied to a Russian-era spelling.

        French ``Kourakhovo`` spells the Russian Курахово, whose Ukrainian name is Kurakhove.
        """
        systems = self.transliterations.systems
        russian = next((s for s in systems if s.name == RUSSIAN_ERA), None)
        readings = [("non-standard", lowered)]
        readings += [(s.name, s.rewrite(lowered)) for s in systems]
        if russian is not None:
            readings += [(f"{s.name} (of the Russian name)", russian.rewrite(s.rewrite(lowered))) for s in systems]
        return readings

    def match(self, word: str) -> tuple[Entry, str] | None:
        """The place that ``word`` spells in another system, with that system's name, if unambiguous."""
        if word not in self._matches:
            self._matches[word] = self._match(word)
        return self._matches[word]

    def _match(self, word: str) -> tuple[Entry, str] | None:
        lowered = word.lower()
        keys = []
        for name, rewritten in self._readings(lowered):
            key = skeleton(rewritten)
            entry = self._by_skeleton.get(key)
            if entry is not None and entry.preferred != word:
                return entry, name
            keys.append((key, name))
        # Vowels are where systems disagree most (Sewerodonezk, Sievierodonetsk): a long enough
        # consonant frame, unique among the place names, is the last resort.
        for key, name in keys:
            frame = consonants(key)
            entry = self._by_consonants.get(frame) if len(frame) >= MIN_FRAME else None
            if entry is not None and entry.preferred != word:
                return entry, f"{name} (approximate)"
        return None


def _add(index: dict[str, Entry | None], key: str, entry: Entry) -> None:
    """Index ``entry`` under ``key``; a key shared by two different names becomes ambiguous (None)."""
    known = index.get(key, entry)
    index[key] = entry if known is not None and known.preferred == entry.preferred else None
