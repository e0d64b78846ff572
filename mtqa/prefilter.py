"""A cheap test that a text may hold one of many words, read from its distinct tokens.

A search whose every match must contain a whole run of letters from a known set (a glossary's rejected
variants, hyphenated names) need not scan a text none of whose tokens holds such a run. The test reads
the document's distinct tokens (``Analysis.word_types``) and has its verdict on each token memoised for
the run (``Context.verdicts``), so that a corpus pays for each distinct token once.
"""

from __future__ import annotations

from collections.abc import Iterable, Set

import regex

from mtqa.analysis import TOKEN, Verdicts

LETTERS = regex.compile(r"[\p{L}\p{M}]+")  # a run of letters and combining marks
ALPHA = regex.compile(r"\p{L}+")  # a run of letters (``str.isalpha``)


class RunIndex:
    """Tells whether a token holds a run of letters (as ``runs`` cuts them) equal to one of ``keys``.

    Keys and token runs are compared casefolded, so any letter-case mapping of the text keeps the test
    sound. A key that no token can hold whole (it has a character no token has) sets ``always``: then
    every text must be searched. ``judge`` suits ``Context.verdicts``, which memoises it per token.
    """

    def __init__(self, name: str, keys: Iterable[str], runs: regex.Pattern[str] = LETTERS) -> None:
        """Index ``keys``, each a run of letters as ``runs`` finds them (``name``: its judge's, for memos)."""
        self.name = name
        self.runs = runs
        self.keys: set[str] = set()
        self.always = False
        for key in keys:
            if not key or runs.fullmatch(key) is None or TOKEN.fullmatch(key) is None:
                self.always = True
            self.keys.add(key.casefold())

    def judge(self, token: str) -> bool | None:
        """True when ``token`` holds a run equal to a key, else None (no verdict)."""
        keys = self.keys
        return True if any(run.casefold() in keys for run in self.runs.findall(token)) else None

    def may_occur(self, word_types: Set[str], verdicts: Verdicts) -> bool:
        """False when no token of ``word_types`` holds a key, so that no text made of them can.

        ``verdicts`` memoises the judgement of each token (``Context.verdicts``, under ``name``).
        """
        return self.always or bool(verdicts(self.name, word_types, self.judge))


def longest_run(text: str, runs: regex.Pattern[str] = LETTERS) -> str:
    """The longest run of letters of ``text`` (the rarest, as a rule: the best key); empty when none."""
    return max(runs.findall(text), key=len, default="")
