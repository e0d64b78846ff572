"""Word knowledge of a target language: frequencies (wordfreq) and normal capitalisation.

wordfreq folds case, so whether a word is normally capitalised comes from the case lexicon generated
from Hunspell dictionaries (``scripts/build_lexicon.py``) and from the glossaries in force.
"""

from __future__ import annotations

import math
from functools import cache, cached_property

from mtqa.diskmap import DiskMap
from mtqa.frequencies import frequency_table
from mtqa.profiles import language_file

MAX_CACHE = 500_000  # memoised words per lexicon; cleared when full


@cache
def cased_table(lang: str) -> dict[str, str]:
    """Lowercase → cased form of the words ``lang`` always capitalises (``capitalised.tsv``, via the cache)."""
    from mtqa.cache import cached, marshal_dumps, marshal_loads, module_file

    path = language_file(lang, "capitalised.tsv")
    if path is None:
        return {}

    def parse() -> dict[str, str]:
        table: dict[str, str] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                lower, _, cased = line.partition("\t")
                table[lower] = cased
        return table

    return cached("cased", [path, module_file("lexicon")], parse, lang, marshal_dumps, marshal_loads)


class Lexicon:
    """Frequency and case lookups for one language; data loads on first use."""

    def __init__(self, lang: str, extra_cased: dict[str, str] | None = None, floor: float = 0.0) -> None:
        """Create the lexicon of ``lang``; ``extra_cased`` maps lowercase → cased names (glossaries).

        ``floor``: words rarer than this Zipf value count as unknown (their ``zipf`` is 0).
        """
        self.lang = lang
        self.floor = floor
        self._extra_cased = extra_cased or {}
        self._zipf: dict[str, float] = {}

    @cached_property
    def _frequencies(self) -> DiskMap[float]:
        """The frequency table of the language (shared by every lexicon of the language in this process)."""
        return frequency_table(self.lang, self.floor)

    def zipf(self, word: str) -> float:
        """Zipf frequency of ``word`` (case-folded): 0 for unknown, ~7 for the commonest words."""
        cached = self._zipf.get(word)
        if cached is None:
            freq = self._frequencies.get(word) or self._frequencies.get(word.lower().replace("’", "'"))
            cached = math.log10(freq) + 9 if freq else 0.0
            if len(self._zipf) >= MAX_CACHE:
                self._zipf.clear()  # a corpus of gibberish must not grow memory without bound
            self._zipf[word] = cached
        return cached

    def is_unknown(self, word: str) -> bool | None:
        """True when the lexicon does not know ``word`` (as written; a digit-only token is known), else None.

        A judge for ``Context.verdicts``, which memoises it per run.
        """
        table = self._frequencies
        freq = table.memory if table.memory is not None else table  # a plain dict once read
        if word in freq or word.lower().replace("’", "'") in freq or word.isdigit():
            return None
        return True

    @cached_property
    def _cased(self) -> dict[str, str]:
        table = dict(cased_table(self.lang))
        table.update(self._extra_cased)
        return table

    @property
    def cased_words(self) -> dict[str, str]:
        """Lowercase → cased form of every word the language always capitalises."""
        return self._cased

    def cased_form(self, word: str) -> str | None:
        """Return how ``word`` is normally written if the language always capitalises it, else None."""
        return self._cased.get(word.lower())
