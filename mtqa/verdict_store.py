"""The verdicts of a run's word judges (``Context.verdicts``), kept in the cache for the next run.

A judge's verdict depends only on the word and the context (language, glossaries, data and code), so a
run can start from the verdicts of the runs before it: a corpus pays once for judging its vocabulary,
not on every run. The store is a cache file (``mtqa.cache``) keyed by all of that; what it holds:

- ``unjudged``: the words no judge had a verdict on (the judges never see them again);
- per judge, the other words it had no verdict on, and its verdicts that are plain data.

Saving merges with what another process saved meanwhile (parallel workers save when they exit): a word
is unjudged when every judge that either run knew had no verdict on it.
"""

from __future__ import annotations

import marshal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PLAIN = (str, int, float, bool)
MAX_WORDS = 1_000_000  # a store bigger than this is not merged with, only replaced


@dataclass
class Memo:
    """The verdicts of a set of judges: the words none has one on, and each judge's own."""

    unjudged: set[str] = field(default_factory=set)
    nothing: dict[str, set[str]] = field(default_factory=dict)  # judge → words it has no verdict on
    found: dict[str, dict[str, Any]] = field(default_factory=dict)  # judge → its plain verdicts

    def size(self) -> int:
        """How many words the memo holds."""
        return len(self.unjudged) + sum(map(len, self.nothing.values())) + sum(map(len, self.found.values()))


def plain(value: object) -> bool:
    """Whether ``marshal`` writes ``value`` as it is: a string, number or boolean, or a tuple of them."""
    if type(value) is tuple:  # not a subclass (a named tuple): marshal writes none
        return all(type(item) in PLAIN for item in value)
    return type(value) in PLAIN


def load(path: Path | None) -> Memo | None:
    """The memo stored at ``path`` (None: none, or unreadable)."""
    if path is None:
        return None
    try:
        raw = marshal.loads(path.read_bytes())
        return Memo(
            set(raw["unjudged"]),
            {name: set(words) for name, words in raw["nothing"].items()},
            {name: dict(found) for name, found in raw["found"].items()},
        )
    except Exception:  # no store yet, or a broken or foreign file: start afresh
        return None


def merge(mine: Memo, theirs: Memo | None) -> Memo:
    """The verdicts of both memos; a word is unjudged when every judge of either has no verdict on it."""
    if theirs is None or theirs.size() + mine.size() > MAX_WORDS:
        return mine
    judges = set(mine.nothing) | set(theirs.nothing)
    silent = {
        judge: set().union(*((memo.unjudged | memo.nothing[judge]) for memo in (mine, theirs) if judge in memo.nothing))
        for judge in judges
    }
    unjudged = set.intersection(*silent.values()) if silent else set()
    found = {judge: {**theirs.found.get(judge, {}), **mine.found.get(judge, {})} for judge in judges}
    return Memo(unjudged, {judge: silent[judge] - unjudged for judge in judges}, found)


def save(path: Path | None, memo: Memo) -> None:
    """Merge ``memo`` with the store at ``path`` and write the result there (atomically; errors ignored)."""
    from mtqa.cache import write_data

    if path is None:
        return
    merged = merge(memo, load(path))
    try:
        data = marshal.dumps(
            {
                "unjudged": sorted(merged.unjudged),
                "nothing": {name: sorted(words) for name, words in merged.nothing.items()},
                "found": {name: {w: v for w, v in found.items() if plain(v)} for name, found in merged.found.items()},
            }
        )
    except ValueError:  # something marshal cannot write: store nothing this time
        return

    write_data(path, data)
