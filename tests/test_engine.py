"""The engine: long documents are linted in pieces with offsets that point into the whole file."""

from __future__ import annotations

from mtqa import engine
from mtqa.context import Context
from mtqa.document import Document
from mtqa.rules import REGISTRY


def test_split_text_prefers_paragraph_then_line_then_space() -> None:
    text = "aaaa bbbb\ncccc dddd\n\neeee ffff gggg"
    pieces = list(engine.split_text(text, 24))
    assert "".join(p for _, p in pieces) == text
    assert pieces[0][1].endswith("\n\n")
    assert [b for b, _ in pieces] == [0, len(pieces[0][1])]


def test_long_document_findings_point_into_the_whole_text(ctx: Context, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(engine, "CHUNK_CHARS", 200)
    sentence = "The minister said on Tuesday that the budget would rise by a small amount next year and"
    text = "\n".join([sentence] * 3) + "\nthis time kyiv agreed.\n" + "\n\n".join(["Troops left kyiv."] * 20)
    result = engine.lint_document(Document("long.txt", text, "en"), REGISTRY.select(), ctx)
    kyiv = [f.finding for f in result.findings if f.finding.code == "CAS001"]
    assert len(kyiv) == 21 and all(text[f.start : f.end] == "kyiv" for f in kyiv)
    # a piece that starts mid-paragraph does not report a lowercase paragraph start
    assert not [f for f in result.findings if f.finding.code == "CAS002"]
    last = result.findings[-1]
    assert (last.line, last.column) == (text.count("\n", 0, last.finding.start) + 1, 13)


def test_adversarial_inputs_are_linted(ctx: Context) -> None:
    """Inputs that once made rules quadratic or unbounded in memory; linear now (timed in bench, not here)."""
    texts = ["a" * 200_000, "a-" * 20_000, "1" * 20_000 + "%", "a > " * 20_000, "1," * 20_000, "«" * 10_000]
    for text in texts:
        result = engine.lint_document(Document("adversarial.txt", text, "en"), REGISTRY.select(), ctx)
        for item in result.findings:
            assert 0 <= item.finding.start < item.finding.end <= len(text)
