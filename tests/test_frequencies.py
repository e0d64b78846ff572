"""Word frequencies come from the cache's index on a later run, without reading the whole table."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.frequencies import frequency_dict, frequency_table

WORDS = ["the", "said", "kyiv", "zzyzxq", "über", "l'armée"]


@pytest.fixture(autouse=True)
def _fresh_tables() -> None:
    frequency_table.cache_clear()  # one table per process and floor: forget those other tests made


@pytest.mark.parametrize(("lang", "floor"), [("en", 0.0), ("fr", 2.0)])
def test_a_later_run_reads_the_index(cache_dir: Path, lang: str, floor: float) -> None:
    expected = [frequency_dict(lang, floor).get(word) for word in WORDS]
    assert [frequency_table(lang, floor).get(word) for word in WORDS] == expected
    assert list(cache_dir.glob("wordfreq-index-*.sqlite"))
    frequency_table.cache_clear()  # as in a new process
    table = frequency_table(lang, floor)
    assert [table.get(word) for word in WORDS] == expected
    assert table.memory is None
