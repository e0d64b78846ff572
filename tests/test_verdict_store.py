"""Verdicts on words stored for the next run: read back, merged across processes, and kept sound."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.context import Context
from mtqa.verdict_store import Memo, load, merge, plain, save


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MTQA_CACHE_DIR", str(folder))
    monkeypatch.delenv("MTQA_NO_CACHE", raising=False)
    return folder


def judge(letter: str, calls: list[str]):
    def verdict(word: str) -> str | None:
        calls.append(word)
        return word.upper() if word.startswith(letter) else None

    return verdict


def test_a_later_run_starts_from_the_stored_verdicts(cache_dir: Path) -> None:
    calls: list[str] = []
    words = {"kyiv", "the", "lviv", "kharkiv"}
    first = Context("en")
    assert first.verdicts("k", words, judge("k", calls)) == {"kyiv": "KYIV", "kharkiv": "KHARKIV"}
    assert first.verdicts("l", words, judge("l", calls)) == {"lviv": "LVIV"}
    first.save_verdicts()
    assert list(cache_dir.glob("verdicts-*.bin"))

    calls.clear()
    second = Context("en")
    assert second.verdicts("k", words | {"kramatorsk"}, judge("k", calls)) == {
        "kyiv": "KYIV",
        "kharkiv": "KHARKIV",
        "kramatorsk": "KRAMATORSK",
    }
    assert second.verdicts("l", words, judge("l", calls)) == {"lviv": "LVIV"}
    assert calls == ["kramatorsk"]  # only the new word is judged


def test_nothing_is_written_when_nothing_is_new(cache_dir: Path) -> None:
    ctx = Context("en")
    ctx.save_verdicts()
    assert not list(cache_dir.glob("verdicts-*.bin"))


def test_another_glossary_has_verdicts_of_its_own(cache_dir: Path, tmp_path: Path) -> None:
    calls: list[str] = []
    first = Context("en")
    first.verdicts("k", {"kyiv"}, judge("k", calls))
    first.save_verdicts()
    glossary = tmp_path / "g.tsv"
    glossary.write_text("preferred\treject\ttype\tlang\nKyiv\tKiev\tplace\ten\n", encoding="utf-8")
    other = Context("en", [glossary])
    calls.clear()
    other.verdicts("k", {"kyiv"}, judge("k", calls))
    assert calls == ["kyiv"]  # judged again: its verdicts may differ


def test_merging_keeps_a_word_unjudged_only_when_every_judge_of_both_is_silent() -> None:
    mine = Memo({"the"}, {"k": {"lviv"}, "l": {"kyiv"}}, {"k": {"kyiv": "KYIV"}, "l": {"lviv": "LVIV"}})
    theirs = Memo({"the", "odesa"}, {"k": set(), "o": {"kyiv"}}, {"o": {"odesa": "ODESA"}})
    merged = merge(mine, theirs)
    # "odesa" was unjudged by k and o, but judge l has not seen it: l must still judge it
    assert merged.unjudged == {"the"}
    assert "odesa" in merged.nothing["k"] and "odesa" in merged.nothing["o"]
    assert "odesa" not in merged.nothing["l"]
    assert merged.found["o"] == {"odesa": "ODESA"} and merged.found["k"] == {"kyiv": "KYIV"}


def test_only_plain_verdicts_are_stored(tmp_path: Path) -> None:
    path = tmp_path / "store.bin"
    save(path, Memo(set(), {"t": set()}, {"t": {"a": ("x", "y"), "b": object(), "c": True}}))
    memo = load(path)
    assert memo is not None and memo.found["t"] == {"a": ("x", "y"), "c": True}
    assert plain(("a", 1, 2.5, True)) and not plain(["a"]) and not plain(("a", ("b",)))


def test_a_broken_store_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "store.bin"
    path.write_bytes(b"\x00garbage")
    assert load(path) is None
    assert load(tmp_path / "missing.bin") is None
    save(path, Memo({"the"}, {"t": set()}, {"t": {}}))
    memo = load(path)
    assert memo is not None and memo.unjudged == {"the"}
