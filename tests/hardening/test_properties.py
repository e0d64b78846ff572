"""Property-based tests over arbitrary Unicode text: lint never crashes, offsets and fixes stay sound.

The texts mix characters from the whole of Unicode (combining marks, right-to-left scripts, emoji and
ZWJ sequences, CR LF, NUL) with fragments of news text that make rules fire (``kyiv``, `` : ``,
``27 000``, ``«``, ``”,``). Lone surrogates cannot come from a decoded file, so they are left out.
"""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtqa.context import Context
from mtqa.document import Document
from mtqa.engine import DocumentResult, lint_document, lint_paths
from mtqa.findings import Applicability, apply_edits
from mtqa.fixer import choose_edits, fix_text
from mtqa.parallel import ParallelLinter
from mtqa.readers import InputError
from mtqa.rules import REGISTRY

CTX = Context("en")
RULES = list(REGISTRY)  # every rule, the opt-in ones included
DEFAULT = REGISTRY.select()

FRAGMENTS = [
    "kyiv", "Kiev", " : ", "27 000", "27,000", "«", "»", "”,", "“", " ,", "..", "!!", "?", "\r\n", "\n\n", "\r",
    "\x00", "\t", " ", "  ", "The minister said ", "selon ", "a-t-il", "in the frame of ", "Mr. ", "M. ", "%",
    "10 %", "1er", "the the ", "e\u0301", "\u05e9\u05dc\u05d5\u05dd", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\u200b", "\ufeff", "\u2028", "ﬁ", "İ", "ß", "ǅ", "Ⅻ", "٣",
    "paris", "washington", "'", "’", "-", "—", "(", ")", "[", "\"", "U.S.", "z. B.", "€", "$5", "5 $", "2024-01-01",
]  # fmt: skip

CHARS = st.characters(codec="utf-8")  # every code point but surrogates
TEXTS = st.lists(st.one_of(st.text(CHARS, max_size=6), st.sampled_from(FRAGMENTS)), max_size=40).map("".join)
BOUNDED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)


def lint(text: str, rules: list = DEFAULT) -> DocumentResult:  # type: ignore[type-arg]
    return lint_document(Document("<prop>", text, "en"), rules, CTX)


def naive_position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column, lines ending at LF, CR LF or CR."""
    line = text[:offset].replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    return line, offset - start + 1


@BOUNDED
@given(TEXTS)
def test_lint_never_crashes_and_offsets_slice_the_text(text: str) -> None:
    result = lint(text, RULES)
    assert result.text == text
    for item in result.findings:
        f = item.finding
        assert 0 <= f.start <= f.end <= len(text), f
        assert (item.line, item.column) == naive_position(text, f.start), (f, item)
        assert (item.end_line, item.end_column) == naive_position(text, f.end), (f, item)
        if f.fix is not None:
            assert all(0 <= e.start <= e.end <= len(text) for e in f.fix.edits), f.fix


@BOUNDED
@given(TEXTS)
def test_safe_fixes_raise_no_new_finding_where_they_edit(text: str) -> None:
    before = lint(text)
    edits, _ = choose_edits((item.finding for item in before.findings), unsafe=False)
    if not edits:
        return
    fixed = apply_edits(text, edits)
    # where each edit's replacement lies in the fixed text, and the span it replaced in the original
    places: list[tuple[int, int, int, int]] = []
    shift = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        start = edit.start + shift
        places.append((start, start + len(edit.replacement), edit.start, edit.end))
        shift += len(edit.replacement) - (edit.end - edit.start)
    old = [(item.finding.code, item.finding.start, item.finding.end) for item in before.findings]
    for item in lint(fixed).findings:
        f = item.finding
        for new_start, new_end, old_start, old_end in places:
            # it lies on an edited place: overlaps a replacement, or spans the point of a deletion (a finding
            # that only borders an edit was there before, hidden by what the edit took away: A-t-il0$ → A-t-il$0)
            overlaps = f.start < new_end and new_start < f.end
            if overlaps or (new_start == new_end and f.start <= new_start <= f.end):
                was = any(c == f.code and s <= old_end and old_start <= e for c, s, e in old)
                # a fix may bring another into view (``0 ,,`` → ``0 ,``: a space before a comma), which the
                # fixer's next pass applies; it must never leave a new problem that no safe fix resolves
                cascade = f.fix is not None and f.fix.applicability is Applicability.SAFE
                assert was or cascade, (f.code, f.message, fixed[f.start : f.end], text, fixed)


def test_a_capitalised_fused_name_is_found_before_the_fix() -> None:
    """'kyivthe the': CAS002's safe fix writes 'Kyivthe'; FUS004 must see the fused name before it too."""
    before = {item.finding.code for item in lint("kyivthe the ").findings}
    after = {item.finding.code for item in lint("Kyivthe the ").findings}
    assert after <= before, (before, after)


@BOUNDED
@given(TEXTS)
def test_fix_is_idempotent(text: str) -> None:
    once = fix_text(Document("<prop>", text, "en"), DEFAULT, CTX)
    twice = fix_text(Document("<prop>", once.text, "en"), DEFAULT, CTX)
    assert twice.text == once.text, (text, once.text, twice.text)
    assert twice.fixed == 0


@BOUNDED
@given(TEXTS)
def test_every_safe_fix_applies_cleanly(text: str) -> None:
    """A finding's own edits never overlap each other; applying them alone keeps the text around them."""
    for item in lint(text, RULES).findings:
        fix = item.finding.fix
        if fix is None or fix.applicability is not Applicability.SAFE:
            continue
        spans = sorted((e.start, e.end) for e in fix.edits)
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans)), fix
        apply_edits(text, list(fix.edits))


def _key(result: DocumentResult | InputError) -> object:
    if isinstance(result, InputError):
        return ("error", str(result))
    return (result.path, [(i.finding.code, i.finding.start, i.finding.end, i.line, i.column) for i in result.findings])


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(st.lists(TEXTS, min_size=1, max_size=12))
def test_findings_are_the_same_with_one_job_or_two(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for number, text in enumerate(texts):
            Path(folder, f"s{number:02d}.txt").write_bytes(text.encode("utf-8", "surrogatepass"))
        serial = [_key(r) for r in lint_paths([folder], DEFAULT, CTX)]
        with ParallelLinter(2, DEFAULT, CTX) as linter:
            parallel = [_key(r) for r in linter.results([folder])]
    assert parallel == serial
