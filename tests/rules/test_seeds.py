"""The seed articles (corpus/): every hard artifact named in the issue is found, with the right fix."""

from __future__ import annotations

import pytest

from mtqa.context import Context
from mtqa.document import Document
from mtqa.engine import lint_document
from mtqa.findings import apply_edits
from mtqa.rules import REGISTRY
from tests.conftest import ROOT

FIRST = ROOT / "corpus" / "000_2261ae89b4a4abee.txt"
SECOND = ROOT / "corpus" / "004_64442bcc45b5be54.txt"

# (file, artifact as it appears, code, replacement of the flagged span by the best fix or None)
EXPECTED = [
    (FIRST, "is Ukraine taking", "CAS002", "Is Ukraine taking"),
    (FIRST, "Studies2500km²", "FUS001", "Studies, 2500km²"),
    (FIRST, "2500km²", "NUM003", "2,500 km²"),
    (FIRST, "kyiv announced", "CAS001", "Kyiv announced"),
    (FIRST, "correspondent in kyiv", "CAS001", "correspondent in Kyiv"),
    (FIRST, "forces of kyiv", "CAS001", "forces of Kyiv"),
    (FIRST, "southsigns", "FUS003", "south. Signs"),
    (FIRST, "swift.” , reports", "PUN002", "swift,” reports"),
    (FIRST, "CNNUkrainian", "FUS002", "CNN, Ukrainian"),
    (FIRST, "Leave a Reply", "STR002", None),
    (FIRST, "Your email address will not be published.", "STR002", None),
    (FIRST, "Kupyansk", "GLO001", "Kupiansk"),
    (FIRST, "Izioum", "GLO001", "Izium"),
    (FIRST, "areas of Balakliïa", "GLO001", "areas of Balakliia"),
    (FIRST, "Balakliïa is a city", "GLO001", "Balakliia is a city"),
    (FIRST, "retreat to Donbass", "GLO001", "retreat to Donbas"),
    (FIRST, "Liberation of Donbass", "GLO001", "Liberation of Donbas"),
    (FIRST, "the Donbass mining", "GLO001", "the Donbas mining"),
    (FIRST, "(DNR)", "GLO001", "(DPR)"),
    (FIRST, "Institute for War Studies2500", "GLO001", "Institute for the Study of War2500"),
    (SECOND, "Ukrainian. counter-offensive", "PUN004", "Ukrainian counter-offensive"),
    (SECOND, "Zaporizhia", "GLO001", "Zaporizhzhia"),
]


@pytest.fixture(scope="module")
def results(ctx: Context) -> dict[str, tuple[str, list]]:  # type: ignore[type-arg]
    out = {}
    for path in (FIRST, SECOND):
        text = path.read_text(encoding="utf-8")
        found = lint_document(Document(str(path), text, "en"), list(REGISTRY), ctx).findings
        out[str(path)] = (text, [item.finding for item in found])
    return out


@pytest.mark.parametrize(("path", "artifact", "code", "fixed"), EXPECTED, ids=[e[1][:24] for e in EXPECTED])
def test_seed_artifact_is_found_with_its_fix(results, path, artifact, code, fixed) -> None:  # type: ignore[no-untyped-def]
    text, findings = results[str(path)]
    starts = [i for i in range(len(text)) if text.startswith(artifact, i)]
    assert starts, f"test data: {artifact!r} not in {path.name}"
    for at in starts:
        span = (at, at + len(artifact))
        hits = [f for f in findings if f.code == code and f.start < span[1] and span[0] < f.end]
        assert hits, f"{code} missed {artifact!r}"
        if fixed is not None:
            edits = [e for f in hits if f.fix for e in f.fix.edits]
            local = [e for e in edits if span[0] <= e.start and e.end <= span[1]]
            window = apply_edits(text, local)[span[0] : span[1] + len(fixed) - len(artifact)]
            assert window == fixed


def test_duplicated_headline_is_found(results) -> None:  # type: ignore[no-untyped-def]
    text, findings = results[str(FIRST)]
    dup = [f for f in findings if f.code == "STR001"]
    assert len(dup) == 1 and text[dup[0].start : dup[0].end] == text.split("\n")[0]
    assert dup[0].start > 0


def test_fixing_the_seed_with_safe_fixes_changes_only_flagged_text(results) -> None:  # type: ignore[no-untyped-def]
    text, findings = results[str(FIRST)]
    safe = sorted(
        (e for f in findings if f.fix and f.fix.applicability.value == "safe" for e in f.fix.edits),
        key=lambda e: (e.start, e.end),
    )
    fixed = apply_edits(text, safe)
    assert "kyiv" not in fixed and "Donbass" not in fixed and "swift,” reports" in fixed
    # everything outside the edited spans is unchanged, in order
    kept, pos = [], 0
    for edit in safe:
        kept.append(text[pos : edit.start])
        pos = edit.end
    kept.append(text[pos:])
    at = 0
    for piece in kept:
        found = fixed.find(piece, at)
        assert found != -1
        at = found + len(piece)
