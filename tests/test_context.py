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
