"""The persistent cache: built values are reused, rebuilt when a source changes, and never trusted blindly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mtqa import cache
from mtqa.context import Context
from mtqa.glossary import load_glossaries
from mtqa.lexicon import Lexicon

HEADER = "preferred\treject\taccept\ttype\tlang\tcase\tcontext\tnote\n"


def _counting(value: object) -> tuple[list[int], object]:
    calls: list[int] = []

    def build() -> object:
        calls.append(1)
        return value

    return calls, build


def test_value_is_built_once_then_read_back(cache_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text("a", encoding="utf-8")
    calls, build = _counting({"k": [1, 2]})
    assert cache.cached("thing", [source], build) == {"k": [1, 2]}
    assert cache.cached("thing", [source], build) == {"k": [1, 2]}
    assert len(calls) == 1
    assert len(list(cache_dir.glob("thing-*.bin"))) == 1
    assert not list(cache_dir.glob(".*.tmp"))  # written atomically, nothing left behind


def test_a_changed_source_builds_again(cache_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text("a", encoding="utf-8")
    calls, build = _counting(1)
    cache.cached("thing", [source], build)
    source.write_text("ab", encoding="utf-8")
    cache.cached("thing", [source], build)
    assert len(calls) == 2


def test_a_corrupt_cache_file_is_built_again(cache_dir: Path, tmp_path: Path) -> None:
    calls, build = _counting([1, 2, 3])
    cache.cached("thing", [], build)
    for path in cache_dir.glob("thing-*.bin"):
        path.write_bytes(b"\x80\x05not a pickle")
    assert cache.cached("thing", [], build) == [1, 2, 3]
    assert len(calls) == 2
    assert cache.cached("thing", [], build) == [1, 2, 3]  # the rebuilt value replaced the corrupt file
    assert len(calls) == 2


def test_marshal_round_trip(cache_dir: Path) -> None:
    calls, build = _counting({"word": 1e-5})
    for _ in range(2):
        value = cache.cached("plain", [], build, "en", cache.marshal_dumps, cache.marshal_loads)
        assert value == {"word": 1e-5}
    assert len(calls) == 1


def test_no_cache_env_turns_it_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MTQA_NO_CACHE", "1")
    calls, build = _counting("v")
    cache.cached("thing", [], build)
    cache.cached("thing", [], build)
    assert len(calls) == 2
    assert not cache_dir.exists()


def test_an_unwritable_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("MTQA_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.delenv("MTQA_NO_CACHE", raising=False)
    calls, build = _counting("v")
    assert cache.cached("thing", [], build) == "v"
    assert cache.cached("thing", [], build) == "v"
    assert len(calls) == 2


def test_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MTQA_CACHE_DIR", raising=False)
    monkeypatch.delenv("MTQA_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "mtqa"
    monkeypatch.setenv("MTQA_NO_CACHE", "1")
    assert cache.cache_dir() is None


def test_an_edited_glossary_is_read_again(cache_dir: Path, tmp_path: Path) -> None:
    glossary = tmp_path / "house.tsv"
    glossary.write_text(HEADER + "Kyiv\tKiev\t\tplace\ten\tsensitive\t\t\n", encoding="utf-8")
    first = load_glossaries([glossary], "en")
    assert [e.reject for e in load_glossaries([glossary], "en").entries] == [("Kiev",)]
    glossary.write_text(HEADER + "Kyiv\tKiev|Kiew\t\tplace\ten\tsensitive\t\t\n", encoding="utf-8")
    os.utime(glossary, ns=(1, 1))  # a different modification time, whatever the clock's resolution
    second = load_glossaries([glossary], "en")
    assert [e.reject for e in first.entries] == [("Kiev",)]
    assert [e.reject for e in second.entries] == [("Kiev", "Kiew")]
    assert [start for start, _, _ in second.find("From Kiew to Kiev.")] == [5, 13]


def test_a_cached_toponym_index_matches_a_fresh_one(cache_dir: Path, tmp_path: Path) -> None:
    glossary = tmp_path / "places.tsv"
    glossary.write_text(
        HEADER
        + "Kupiansk\t\t\tplace\ten\tsensitive\t\tКуп'янськ, city (katottg)\n"
        + "Andriivka\t\t\tplace\ten\tsensitive\t\tАндріївка, village (katottg)\n",
        encoding="utf-8",
    )
    words = ["Koupiansk", "Kupjansk", "Andreevka", "Paris"]
    built = Context("en", [glossary]).toponyms
    expected = [built.find(w) for w in words]  # builds the index, and writes it with its tables' indexes
    assert list(cache_dir.glob("toponyms-*.bin"))
    assert len(list(cache_dir.glob("toponyms-*-*.sqlite"))) == 5
    read = Context("en", [glossary]).toponyms  # from the cache, key by key
    assert read is not built
    assert [read.find(w) for w in words] == expected
    assert read.find("Koupiansk") is not None


def test_lexicon_frequencies_come_back_from_the_cache(cache_dir: Path) -> None:
    from mtqa.frequencies import frequency_dict, frequency_table

    frequency_dict.cache_clear()  # loaded once per process: forget a table another test loaded
    frequency_table.cache_clear()
    first = Lexicon("en").zipf("the")
    assert list(cache_dir.glob("wordfreq-*.bin"))
    assert Lexicon("en").zipf("the") == first > 6
