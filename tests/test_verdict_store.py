"""Verdicts on words stored for the next run: read back, merged across processes, and kept sound."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.context import Context
from mtqa.verdict_store import Memo, load, merge, plain, save


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


def test_a_glossary_edited_during_a_run_does_not_inherit_its_verdicts(cache_dir: Path, tmp_path: Path) -> None:
    from mtqa.document import Document
    from mtqa.engine import lint_document
    from mtqa.rules import REGISTRY

    glossary = tmp_path / "house.tsv"
    head = "preferred\treject\ttype\tlang\n"
    glossary.write_text(head + "Kyiv\tKiev\tplace\ten\n", encoding="utf-8")
    text = "Odessa is a port on the Black Sea, and the mayor spoke there on Monday."
    rules = REGISTRY.select(["GLO"])

    def glossary_findings(ctx: Context) -> list[str]:
        return [f.finding.code for f in lint_document(Document("t", text, "en"), rules, ctx).findings]

    during = Context("en", [glossary])
    assert glossary_findings(during) == []
    glossary.write_text(head + "Kyiv\tKiev\tplace\ten\nOdesa\tOdessa\tplace\ten\n", encoding="utf-8")
    during.save_verdicts()  # stored under the key of the glossary it read, not of the edited one
    assert glossary_findings(Context("en", [glossary])) == ["GLO001"]


def test_named_tuples_are_not_plain() -> None:
    from typing import NamedTuple

    class Pair(NamedTuple):
        a: str
        b: str

    assert not plain(Pair("a", "b")) and plain(("a", "b"))


def test_threads_sharing_a_context_get_every_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import threading

    monkeypatch.setenv("MTQA_NO_CACHE", "1")
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        ctx = Context("en")
        words = [{f"w{i}" for i in range(k, k + 40)} for k in range(0, 200, 10)]
        results: dict[tuple[str, int], dict[str, str]] = {}

        def run(letter: str) -> None:
            for n, group in enumerate(words):
                results[(letter, n)] = ctx.verdicts(
                    letter, group, lambda w, letter=letter: w if w.endswith(letter) else None
                )

        threads = [threading.Thread(target=run, args=(str(d),)) for d in range(5)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    for (letter, n), found in results.items():
        assert found == {w: w for w in words[n] if w.endswith(letter)}
