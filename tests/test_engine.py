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


XLIFF_REPEATS = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2"><file source-language="fr" target-language="en"><body>
<trans-unit id="1"><source>Il y a 27 000 habitants.</source><target>There are 27 000 inhabitants.</target></trans-unit>
<trans-unit id="2"><source>Les combats près de Koupiansk.</source><target>Fighting near Kupyansk.</target></trans-unit>
<trans-unit id="3"><source>27 000 habitants, 12 écoles.</source><target>There are 12 000 pupils.</target></trans-unit>
</body></file></xliff>
"""


def _codes_by_unit(tmp_path, select=(), ignore=()):
    from mtqa.context import Context
    from mtqa.engine import DocumentResult, lint_paths
    from mtqa.rules import REGISTRY

    path = tmp_path / "story.xlf"
    path.write_text(XLIFF_REPEATS, encoding="utf-8")
    (result,) = lint_paths([str(path)], REGISTRY.select(select, ignore), Context("en"))
    assert isinstance(result, DocumentResult)
    return sorted((f.finding.unit, f.finding.code) for f in result.findings)


def test_one_problem_found_by_a_bilingual_and_a_monolingual_rule_is_reported_once(tmp_path):
    found = _codes_by_unit(tmp_path)
    # "27 000": BIL004's fix is safe (the source confirms the value), NUM001's is not: BIL004's is kept
    assert ("1", "BIL004") in found and ("1", "NUM001") not in found
    # "Kupyansk": both fixes are safe; the glossary rule's report is kept
    assert ("2", "GLO001") in found and ("2", "BIL005") not in found
    # unit 3: a number changed (27 000 → 12 000) is more than NUM001's format: both stay
    assert ("3", "BIL004") in found and ("3", "NUM001") in found


def test_a_deferring_finding_stays_when_the_rule_it_defers_to_does_not_run(tmp_path):
    found = _codes_by_unit(tmp_path, ignore=("NUM", "GLO001"))
    assert ("1", "BIL004") in found and ("2", "BIL005") in found


def test_a_monolingual_finding_without_a_fix_is_never_left_out_for_a_bilingual_one() -> None:
    from mtqa.engine import drop_repeats
    from mtqa.findings import Applicability, Edit, Finding, Fix, Severity
    from mtqa.rules import REGISTRY

    rules = REGISTRY.select(("BIL004", "NUM"), ())
    safe = Fix((Edit(10, 16, "27,000"),), Applicability.SAFE)
    bil = Finding("BIL004", "number-mismatch", Severity.ERROR, "m", 10, 16, "source format", safe)
    plain = Finding("NUM005", "n", Severity.WARNING, "m", 10, 16, "says something else")  # no fix
    unsafe = Finding("NUM001", "n", Severity.ERROR, "m", 10, 16, "spaced", Fix(safe.edits, Applicability.UNSAFE))
    assert drop_repeats([bil, plain, unsafe], rules) == [bil, plain]  # the safer fix wins; no-fix stays
    assert drop_repeats([bil, plain], rules) == [bil, plain]  # nothing with a fix covers it
