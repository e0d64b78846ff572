"""Place names in a foreign or older transliteration, matched back to the glossary's English form.

A capitalised word that no glossary lists (``Izioum``, ``Zaporijia``, ``Saporischschja``) is rewritten
by each transliteration system of ``data/toponyms/transliterations.toml`` (French, German, Polish,
Czech, Russian-era) back towards the 2010 national romanisation, reduced to a skeleton that ignores
the remaining spelling choices (y/i, doubled letters, zh/sh, z/s), and looked up among the skeletons
of the glossary's place names.

Russian-era names differ from the Ukrainian ones in more than spelling (``Andreevka`` for Андріївка,
``Belopolye`` for Білопілля, ``Stepnogorsk`` for Степногірськ). For those, the index also holds the
Russian-era *readings* of each place, generated from its Ukrainian Cyrillic name by rule (і read as
и/е or о, г as g, the soft sign dropped…, see ``[russian]`` in the data file) and reduced to a looser
key in which e, i and y are one vowel; the word's Russian endings are first brought back to Ukrainian
ones (``-oye`` → ``-e``, ``-aya`` → ``-a``, ``-sky`` → ``-skyi``).

Every match carries how good it is (``strength``: 3 an exact spelling of another system, 2 a
Russian-era reading, 1 a consonant frame only) and how important the place is (``rank``: 3 a place of
the hand-curated glossaries or a city with special status, 2 a city, 1 a settlement, 0 a village), so
that the rule can weigh them against the words around it. Where one key names several places, the more
important one wins, then the one nearer in spelling; a tie is no match.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, Protocol, TypeVar

from mtqa.glossary import Entry, Glossary
from mtqa.names import fold
from mtqa.profiles import DATA_DIR
from mtqa.romanisation import LETTERS

SKELETON_STEPS = (
    ("shch", "Q"), ("zh", "S"), ("sh", "S"), ("kh", "H"), ("ch", "C"), ("ts", "C"),
    ("y", "i"), ("j", "i"), ("z", "s"),
)  # fmt: skip
DROPPED = re.compile(r"['’ʼ`\- ]")
DOUBLES = re.compile(r"(.)\1+")
LOOSE_GLIDE = re.compile(r"i(?=[aou])")  # ya, yu, yo, ia, iu once e, i and y are one vowel
CYRILLIC = re.compile(r"^[\u0400-\u04ff'’ʼ\- ]+")
MIN_FRAME = 6
MIN_CITY_FRAME = 5
MAX_VARIED = 4  # letters of a place name whose Russian-era reading is varied (16 readings at most)
PLACEHOLDER = "\x00"
RUSSIAN_ERA = "Russian-era"
EXACT, RUSSIAN, APPROXIMATE = 3, 2, 1
CITY, CURATED_RANK = 2, 3
KINDS = (("city with special status", 3), ("city", 2), ("settlement", 1), ("village", 0))


def consonants(key: str) -> str:
    """A skeleton without its vowels (after the first letter): Sewerodonezk, Sievierodonetsk → svrdnC."""
    return key[:1] + re.sub(r"[aeiou]", "", key[1:])


def skeleton(name: str) -> str:
    """A key that two spellings of one name share: Zaporizhzhia, Zaporizhia → saporiSia."""
    return DOUBLES.sub(r"\1", _steps(name))


def _steps(name: str) -> str:
    """The skeleton before doubled letters are merged."""
    key = DROPPED.sub("", name.lower() if name.isascii() else fold(name))
    for old, new in SKELETON_STEPS:
        key = key.replace(old, new)
    return key


def loose_key(name: str) -> str:
    """The key of a Russian-era reading: a skeleton with e, i and y one vowel and g for h.

    Andreevka and Andriivka → andrivka; Stepnogorsk and Stepnohorsk → stipnogorsk.
    """
    return _loosen(_steps(name))


def _loosen(steps: str) -> str:
    key = steps.replace("e", "i").replace("h", "g")
    return LOOSE_GLIDE.sub("", DOUBLES.sub(r"\1", key))


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
    """Compile a system's rewrites; ``^`` and ``$`` anchor at the start and end of each word."""
    parts: list[str] = []
    table: dict[str, str] = {}
    for old, new in rewrites:
        core = old.strip("^$")
        piece = re.escape(core)
        if old.startswith("^"):
            piece = r"(?<![\w'’])" + piece
        if old.endswith("$"):
            piece += r"(?![\w'’])"
        parts.append(piece)
        table.setdefault(core, new)
    return System(name, re.compile("|".join(parts)), table)


@dataclass(frozen=True)
class Transliterations:
    """The systems, the Russian-era reading of Ukrainian letters and the cue words of the data file."""

    systems: tuple[System, ...]
    context: tuple[str, ...]
    russian_letters: dict[str, tuple[str, ...]]
    place_cues: frozenset[str]
    person_cues: frozenset[str]
    russia_cues: tuple[str, ...]
    surname_endings: tuple[str, ...]
    place_endings: tuple[str, ...]
    ukrainian_letters: re.Pattern[str] | None = None  # spellings only a Ukrainian name gives (Chuhuyiv)


@cache
def load_transliterations() -> Transliterations:
    """Load ``data/toponyms/transliterations.toml`` once."""
    raw = tomllib.loads((DATA_DIR / "toponyms" / "transliterations.toml").read_text(encoding="utf-8"))
    systems = tuple(_system(name, spec["rewrites"]) for name, spec in raw["systems"].items())
    russian = raw.get("russian", {})
    return Transliterations(
        systems,
        tuple(raw["context"]),
        {k: tuple(v) for k, v in russian.get("letters", {}).items()},
        frozenset(w.lower() for w in raw.get("place_cues", [])),
        frozenset(w.lower() for w in raw.get("person_cues", [])),
        tuple(raw.get("russia_cues", [])),
        tuple(raw.get("surname_endings", [])),
        tuple(raw.get("place_endings", [])),
        re.compile(raw["ukrainian_letters"]) if raw.get("ukrainian_letters") else None,
    )


def russian_readings(cyrillic: str, letters: dict[str, tuple[str, ...]]) -> set[str]:
    """Russian-era Latin readings of a Ukrainian name, by rule: Андріївка → andriivka, andriovka, ….

    ``letters`` gives the readings of a Ukrainian letter (or of a letter after an apostrophe, keyed
    ``'я``); other letters take their 2010 romanisation. Only the last MAX_VARIED choices of a long
    name are varied (the suffixes -івка, -ів, -гірськ).
    """
    template, pools = _template(cyrillic, letters)
    return {_fill(template, choice) for choice in itertools.product(*pools)}


def _template(cyrillic: str, letters: dict[str, tuple[str, ...]]) -> tuple[str, list[tuple[str, ...]]]:
    """A Latin template of the name with a placeholder per varied letter, and the fillers of each."""
    lowered = cyrillic.lower().replace("’", "'").replace("ʼ", "'")
    out: list[str] = []
    pools: list[tuple[str, ...]] = []
    for i, char in enumerate(lowered):
        if char == "'":
            continue
        options = (i > 0 and lowered[i - 1] == "'" and letters.get("'" + char)) or letters.get(char)
        if options and len(options) > 1:
            out.append(PLACEHOLDER)
            pools.append(options)
        else:
            out.append(options[0] if options else LETTERS.get(char, char))
    keep = max(0, len(pools) - MAX_VARIED)
    return "".join(out), [pool[:1] for pool in pools[:keep]] + pools[keep:]


def _fill(template: str, choice: tuple[str, ...]) -> str:
    """The template with its placeholders replaced by ``choice``, in order."""
    if not choice:
        return template
    parts = template.split(PLACEHOLDER)
    return "".join(itertools.chain.from_iterable(zip(parts, (*choice, ""), strict=True)))


@dataclass(frozen=True)
class Match:
    """A place that a word spells in another system, and how much to trust the match."""

    entry: Entry
    system: str
    strength: int  # EXACT, RUSSIAN or APPROXIMATE
    rank: int  # 3 curated or city with special status, 2 city, 1 settlement, 0 village
    note: str  # what to cite: the Ukrainian name and kind of place, or the curated note


@dataclass(frozen=True)
class _Place:
    entry: Entry
    rank: int
    note: str
    cyrillic: str

    @cached_property
    def fine(self) -> str:
        """The folded preferred form with y and j as i, for tie-breaks."""
        return fold(self.entry.preferred).replace("y", "i").replace("j", "i")


def _rank(note: str) -> int:
    for kind, rank in KINDS:
        if kind in note:
            return rank
    return 0


# An index as plain data (marshal loads it fast from the cache): each place as (the number of its entry
# in the glossary, rank, note, Cyrillic name) by its preferred form, and every key → preferred forms.
PlainIndex = dict[str, Any]
T_co = TypeVar("T_co", covariant=True)


def build_index(glossary: Glossary) -> PlainIndex:
    """Index the place entries of ``glossary`` by skeleton, consonant frame and Russian-era reading."""
    places = [(number, e) for number, e in enumerate(glossary.entries) if e.type == "place"]
    # The Ukrainian name and kind of each place, from whichever entry of that name gives them
    # (the generated glossary does; a hand-curated entry may give only a note, or none).
    generated = {e.preferred: e.note for _, e in places if "katottg" in e.note}
    chosen: dict[str, tuple[int, int, str, str]] = {}
    for number, entry in places:
        curated = "katottg" not in entry.note
        note = entry.note if curated and entry.note else generated.get(entry.preferred, entry.note)
        rank = max(CURATED_RANK if curated else 0, _rank(note))
        known = chosen.get(entry.preferred)
        if known is None or rank > known[1]:
            cyrillic = CYRILLIC.match(generated.get(entry.preferred, note))
            chosen[entry.preferred] = (number, rank, note, cyrillic.group().strip() if cyrillic else "")
    by_skeleton: dict[str, list[str]] = {}
    by_consonants: dict[str, list[str]] = {}
    by_loose: dict[str, list[str]] = {}
    letters = load_transliterations().russian_letters
    for name, (_, _, _, ukrainian) in chosen.items():
        key = skeleton(name)
        _add(by_skeleton, key, name)
        _add(by_consonants, consonants(key), name)
        if ukrainian and letters:
            template, pools = _template(ukrainian, letters)
            steps = _steps(template)
            for choice in itertools.product(*pools):
                _add(by_loose, _loosen(_fill(steps, choice)), name)
    return {
        "places": {name: list(place) for name, place in chosen.items()},
        "rejected": sorted({v for e in glossary.entries for v in e.reject}),
        "skeleton": by_skeleton,
        "consonants": by_consonants,
        "loose": by_loose,
    }


class Lookup(Protocol[T_co]):
    """What the index reads of each of its tables: a dict, or a ``DiskMap`` read key by key."""

    def get(self, key: str, default: None = None) -> T_co | None:
        """The value of ``key``, or None."""

    def __contains__(self, key: object) -> bool:
        """Whether the table has ``key``."""


TABLES = ("places", "rejected", "skeleton", "consonants", "loose")  # the tables of a plain index


def index_tables(plain: PlainIndex) -> dict[str, dict[str, Any]]:
    """The tables of a plain index as mappings (rejected names map to True)."""
    return {name: dict.fromkeys(plain[name], True) if name == "rejected" else plain[name] for name in TABLES}


class ToponymIndex:
    """Skeletons of the glossary's place names, for matching unseen spellings."""

    def __init__(self, glossary: Glossary, tables: Mapping[str, Lookup[Any]] | None = None) -> None:
        """The index of ``glossary``'s places (``tables``: those of ``build_index`` for it, see ``index_tables``)."""
        tables = tables if tables is not None else index_tables(build_index(glossary))
        self.transliterations = load_transliterations()
        self._entries = glossary.entries
        self._plain_places: Lookup[list[Any]] = tables["places"]
        self.preferred: Lookup[Any] = self._plain_places
        self.rejected: Lookup[Any] = tables["rejected"]
        self._by_skeleton: Lookup[list[str]] = tables["skeleton"]
        self._by_consonants: Lookup[list[str]] = tables["consonants"]
        self._by_loose: Lookup[list[str]] = tables["loose"]
        self._made: dict[str, _Place] = {}
        self._matches: dict[str, Match | None] = {}

    def _place(self, name: str) -> _Place:
        place = self._made.get(name)
        if place is None:
            found = self._plain_places.get(name)
            assert found is not None, f"{name} is indexed but not a place"
            number, rank, note, cyrillic = found
            place = self._made[name] = _Place(self._entries[number], rank, note, cyrillic)
        return place

    def _lookup(self, table: Lookup[list[str]], key: str) -> list[_Place] | None:
        names = table.get(key)
        return [self._place(name) for name in names] if names else None

    def _readings(self, lowered: str) -> list[tuple[str, str]]:
        """The word read by each system, then by each system applied to a Russian-era spelling.

        French ``Kourakhovo`` spells the Russian Курахово, whose Ukrainian name is Kurakhove.
        """
        systems = self.transliterations.systems
        russian = next((s for s in systems if s.name == RUSSIAN_ERA), None)
        readings = [("non-standard", lowered)]
        readings += [(s.name, s.rewrite(lowered)) for s in systems]
        if russian is not None:
            readings += [
                (f"{s.name} (of the Russian name)", russian.rewrite(s.rewrite(lowered)))
                for s in systems
                if s is not russian
            ]
        return readings

    def rank(self, preferred: str) -> int:
        """The rank of the place written ``preferred`` (-1: not a place of the glossaries)."""
        place = self._plain_places.get(preferred)
        return int(place[1]) if place is not None else -1

    def match(self, word: str) -> tuple[Entry, str] | None:
        """The place that ``word`` spells in another system, with that system's name, if unambiguous."""
        found = self.find(word)
        return (found.entry, found.system) if found else None

    def find(self, word: str) -> Match | None:
        """The best match of ``word`` among the place names, with its strength and the place's rank."""
        if word not in self._matches:
            self._matches[word] = self._find(word)
        return self._matches[word]

    def _find(self, word: str) -> Match | None:
        readings = self._readings(word.lower())
        # Systems that change nothing repeat a reading: each distinct one is looked up once, under the
        # first system that gives it (a later one could only find the same place, or none).
        distinct: dict[str, str] = {}
        for name, rewritten in readings:
            distinct.setdefault(rewritten, name)
        skeletons = {rewritten: skeleton(rewritten) for rewritten in distinct}
        fine = {fold(r).replace("y", "i").replace("j", "i") for r in distinct}
        for rewritten, name in distinct.items():
            place = _best(self._lookup(self._by_skeleton, skeletons[rewritten]), fine, word)
            if place is not None:
                strength = RUSSIAN if RUSSIAN_ERA in name else EXACT
                return Match(place.entry, name, strength, place.rank, place.note)
        # The Russian-era reading of a Ukrainian name (Andreevka, Belopolye, Stepnogorsk).
        russian = next((s for s in self.transliterations.systems if s.name == RUSSIAN_ERA), None)
        endings: dict[str, str] = {}
        for name, rewritten in readings:
            ending = russian.rewrite(rewritten) if russian is not None and RUSSIAN_ERA not in name else rewritten
            endings.setdefault(ending, name)
        for ending, name in endings.items():
            place = _best(self._lookup(self._by_loose, loose_key(ending)), fine, word)
            if place is not None:
                system = RUSSIAN_ERA if name in ("non-standard", RUSSIAN_ERA) else name
                if RUSSIAN_ERA not in system and "Russian" not in system:
                    system += " (of the Russian name)"
                return Match(place.entry, system, RUSSIAN, place.rank, place.note)
        # Vowels are where systems disagree most (Sewerodonezk, Sievierodonetsk): a long enough
        # consonant frame is the last resort; a shorter one only for a city.
        for rewritten, name in distinct.items():
            frame = consonants(skeletons[rewritten])
            if len(frame) < MIN_CITY_FRAME:
                continue
            place = _best(self._lookup(self._by_consonants, frame), fine, word)
            if place is not None and (len(frame) >= MIN_FRAME or place.rank >= CITY):
                return Match(place.entry, f"{name} (approximate)", APPROXIMATE, place.rank, place.note)
        return None


def _best(places: list[_Place] | None, fine: set[str], word: str) -> _Place | None:
    """The most important of ``places``, then the nearest in spelling; None on a tie or for the word itself."""
    if not places:
        return None
    best = places[0]
    if len(places) > 1:

        def distance(place: _Place) -> int:
            return min(_distance(place.fine, f) for f in fine)

        first, second = sorted(places, key=lambda p: (-p.rank, distance(p)))[:2]
        if first.rank == second.rank and distance(first) == distance(second):
            return None
        best = first
    return None if best.entry.preferred == word else best


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (names are short)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _add(index: dict[str, list[str]], key: str, name: str) -> None:
    """Index the place ``name`` under ``key``, beside the other places that share it."""
    found = index.setdefault(key, [])
    if name not in found:
        found.append(name)
