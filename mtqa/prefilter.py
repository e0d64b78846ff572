"""A cheap test that a text may hold one of many words, read from its distinct tokens.

A search whose every match must contain a whole run of letters from a known set (a glossary's rejected
variants, hyphenated names) need not scan a text none of whose tokens holds such a run. The test reads
the document's distinct tokens (``Analysis.word_types``) and memoises its verdict per token for the run,
so that a corpus pays for each distinct token once and a document costs a set difference.
"""

from __future__ import annotations

from collections.abc import Iterable, Set

import regex

from mtqa.analysis import TOKEN

LETTERS = regex.compile(r"[\p{L}\p{M}]+")  # a run of letters and combining marks
ALPHA = regex.compile(r"\p{L}+")  # a run of letters (``str.isalpha``)
MAX_MEMO = 200_000  # tokens memoised per index and run


class RunIndex:
    """Tells whether a text may contain a run of letters (as ``runs`` cuts them) equal to one of ``keys``.

    Keys and token runs are compared casefolded, so any letter-case mapping of the text keeps the test
    sound. A key that no token can hold whole (it has a character no token has) makes every text pass.
    """

    def __init__(self, keys: Iterable[str], runs: regex.Pattern[str] = LETTERS) -> None:
        """Index ``keys``, each a run of letters as ``runs`` finds them."""
        self.runs = runs
        self.keys: set[str] = set()
        self.always = False
        for key in keys:
            if not key or runs.fullmatch(key) is None or TOKEN.fullmatch(key) is None:
                self.always = True
            self.keys.add(key.casefold())
        self._hits: set[str] = set()
        self._misses: set[str] = set()

    def may_occur(self, word_types: Set[str]) -> bool:
        """False when no token of ``word_types`` holds a run equal to a key, so no text made of them can."""
        if self.always:
            return True
        if len(self._misses) + len(self._hits) > MAX_MEMO:
            self._misses.clear()
            self._hits.clear()
        keys, runs, hits = self.keys, self.runs, self._hits
        for token in word_types - self._misses:  # one set difference leaves the few telling or new tokens
            if token in hits:
                return True
            if any(run.casefold() in keys for run in runs.findall(token)):
                hits.add(token)
                return True
            self._misses.add(token)
        return False


def longest_run(text: str, runs: regex.Pattern[str] = LETTERS) -> str:
    """The longest run of letters of ``text`` (the rarest, as a rule: the best key); empty when none."""
    return max(runs.findall(text), key=len, default="")
