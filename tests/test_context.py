from mtqa.context import Context


def test_verdicts_judge_each_word_once_per_run_and_keep_only_verdicts():
    ctx = Context("en")
    calls: list[str] = []

    def judge(word: str) -> str | None:
        calls.append(word)
        return word.upper() if word.startswith("k") else None

    assert ctx.verdicts("test", {"kyiv", "the", "kharkiv"}, judge) == {"kyiv": "KYIV", "kharkiv": "KHARKIV"}
    assert ctx.verdicts("test", {"kyiv", "the", "lviv"}, judge) == {"kyiv": "KYIV"}
    assert sorted(calls) == ["kharkiv", "kyiv", "lviv", "the"]  # each word judged once
    assert ctx.verdicts("other", {"kyiv"}, lambda word: None) == {}  # each name has its own memo


def test_verdicts_are_forgotten_when_the_memo_is_full(monkeypatch):
    monkeypatch.setattr("mtqa.context.MAX_MEMO", 2)
    ctx = Context("en")
    calls: list[str] = []
    judge = lambda word: calls.append(word)  # noqa: E731 - always None
    ctx.verdicts("test", {"a", "b"}, judge)
    ctx.verdicts("test", {"a", "b"}, judge)
    assert sorted(calls) == ["a", "a", "b", "b"]  # full after the first call: judged again


def test_words_no_judge_has_a_verdict_on_are_set_aside_for_all(monkeypatch):
    monkeypatch.setenv("MTQA_NO_CACHE", "1")  # no verdicts stored by earlier runs
    ctx = Context("en")
    calls: list[tuple[str, str]] = []

    def judge(name: str, letter: str):
        def verdict(word: str) -> str | None:
            calls.append((name, word))
            return word if word.startswith(letter) else None

        return verdict

    first = {"kyiv", "the", "lviv"}
    assert ctx.verdicts("k", first, judge("k", "k")) == {"kyiv": "kyiv"}
    assert ctx.verdicts("l", first, judge("l", "l")) == {"lviv": "lviv"}  # a new judge sees every word
    second = {"kyiv", "the", "lviv", "odesa"}
    assert ctx.verdicts("k", second, judge("k", "k")) == {"kyiv": "kyiv"}
    assert ctx.verdicts("l", second, judge("l", "l")) == {"lviv": "lviv"}
    expected = [(name, word) for name in "kl" for word in ("kyiv", "the", "lviv", "odesa")]
    assert sorted(calls) == sorted(expected)  # each word judged once by each judge
    assert "the" in ctx._unjudged and "kyiv" not in ctx._unjudged
    assert ctx.verdicts("o", second, judge("o", "o")) == {"odesa": "odesa"}  # "the" judged again by it
    assert ("o", "the") in calls
