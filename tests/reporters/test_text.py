from __future__ import annotations

import io

from mtqa.context import Context
from mtqa.findings import Edit
from mtqa.reporters.text import TextReporter, fix_preview
from tests.conftest import lint_text


def test_preview_shows_the_line_around_the_edit() -> None:
    text = "First line.\nThe forces of kyiv advanced.\nLast."
    before, after = fix_preview(text, (Edit(26, 30, "Kyiv"),))
    assert (before, after) == ("The forces of kyiv advanced.", "The forces of Kyiv advanced.")


def test_preview_elides_long_lines() -> None:
    text = "x" * 100 + " kyiv " + "y" * 100
    before, _ = fix_preview(text, (Edit(101, 105, "Kyiv"),))
    assert before.startswith("…") and before.endswith("…") and "kyiv" in before


def test_text_report_lines_and_summary(ctx: Context) -> None:
    result = lint_text("He lives in kyiv.\n", ctx)
    out = io.StringIO()
    reporter = TextReporter(out)
    reporter.document(result)
    reporter.finish(1, len(result.findings))
    lines = out.getvalue().splitlines()
    expected = "<test>:1:13: CAS001 [lowercase-proper-noun] “kyiv” is a name written in lowercase; "
    assert lines[0] == expected + "the glossary writes it “Kyiv”"
    assert lines[1] == "    - He lives in kyiv."
    assert lines[2] == "    + He lives in Kyiv.   (safe fix)"
    assert lines[3] == "Found 1 finding in 1 file (1 safe fixes proposed)."


def test_alternatives_are_listed(ctx: Context) -> None:
    result = lint_text("Troops advanced in the southsigns of progress.\n", ctx)
    out = io.StringIO()
    TextReporter(out).document(result)
    assert "    or: south signs" in out.getvalue()
