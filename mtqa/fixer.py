"""Apply fixes: choose non-overlapping edits by applicability, repeat until stable, write atomically.

A file is only ever written here, through an explicit ``mtqa fix`` (or ``lint --fix``): the new text is
encoded as the file was (UTF-8 or UTF-16, with its BOM if it had one; line endings are part of the
text and never touched), written to a temporary file in the same folder with the same permissions,
and moved over the original only if the original has not changed since it was read.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from mtqa.context import Context
from mtqa.document import Document
from mtqa.engine import DocumentResult, lint_document
from mtqa.filetypes import source_document
from mtqa.findings import Applicability, Edit, Finding, apply_edits
from mtqa.readers import InputError, RawFile, read_raw
from mtqa.registry import Rule

MAX_PASSES = 10


def choose_edits(findings: Iterable[Finding], unsafe: bool) -> tuple[list[Edit], int]:
    """The edits to apply in one pass, and how many findings they fix.

    Findings are taken in text order (then by code); a fix whose edits overlap or touch an edit
    already chosen waits for the next pass, when its rule sees the text again.
    """
    allowed = {Applicability.SAFE, Applicability.UNSAFE} if unsafe else {Applicability.SAFE}
    chosen: list[Edit] = []
    fixed = 0
    for finding in sorted(findings, key=lambda f: (f.start, f.end, f.code)):
        if finding.fix is None or finding.fix.applicability not in allowed:
            continue
        edits = finding.fix.edits
        if any(edits_clash(edit, other) for edit in edits for other in chosen):
            continue
        chosen.extend(edits)
        fixed += 1
    return chosen, fixed


def edits_clash(a: Edit, b: Edit) -> bool:
    """Tell whether two edits clash: they overlap, or both sit at one point (their order would be a guess)."""
    if a.start == a.end or b.start == b.end:
        return a.start <= b.end and b.start <= a.end
    return a.start < b.end and b.start < a.end


@dataclass(frozen=True)
class FixResult:
    """The outcome of fixing one text."""

    text: str
    fixed: int  # findings whose fixes were applied, over all passes
    passes: int


def fix_text(
    doc: Document,
    rules: list[Rule],
    ctx: Context,
    unsafe: bool = False,
    keep: Callable[[DocumentResult], DocumentResult] | None = None,
) -> FixResult:
    """Apply fixes to ``doc`` until none applies (at most MAX_PASSES passes).

    ``keep`` filters each pass's findings (reviewers' rejections are never fixed). A document extracted
    from markup (it has a source map) is fixed in its source, extracted again after each pass, and the
    result's text is the source's.
    """
    markup = doc.source_map is not None or doc.bilingual is not None  # re-read by type: markup, bilingual
    text = doc.source_map.source if doc.source_map is not None else doc.text
    fixed = passes = 0
    while passes < MAX_PASSES:
        current = source_document(doc.path, text, doc.lang) if markup else Document(doc.path, text, doc.lang)
        result = lint_document(current, rules, ctx)
        if keep is not None:
            result = keep(result)
        findings = (item.finding for item in result.findings if not _changes_nothing(item.finding, text))
        edits, count = choose_edits(findings, unsafe)
        if not edits:
            break
        text = apply_edits(text, edits)
        fixed += count
        passes += 1
    return FixResult(text, fixed, passes)


def _changes_nothing(finding: Finding, text: str) -> bool:
    """Tell whether a finding's fix would leave ``text`` as it is (``ª`` has no capital: “fixing” it loops)."""
    fix = finding.fix
    return fix is not None and all(text[edit.start : edit.end] == edit.replacement for edit in fix.edits)


def write_atomically(raw: RawFile, text: str) -> None:
    """Replace the contents of ``raw``'s file with ``text`` in its original encoding and BOM.

    The file behind a symbolic link is the one written. A file with other hard links is rewritten in
    place, so that every link sees the fix; otherwise a temporary file beside it, with the same mode
    (and owner, where allowed), is renamed over it. A file that is not writable, or that changed on
    disk since it was read, is left alone: every failure is an InputError naming the file.
    """
    path = Path(os.path.realpath(raw.path))
    data = raw.encode(text)
    try:
        info = os.stat(path)
        if not os.access(path, os.W_OK) or not info.st_mode & stat.S_IWUSR:
            raise InputError(raw.path, "not writable; not fixed")
        if read_raw(str(path), raw.lang).data != raw.data:
            raise InputError(raw.path, "changed on disk since it was read; not fixed (run mtqa fix again)")
        if info.st_nlink > 1:
            with open(path, "r+b") as stream:
                stream.write(data)
                stream.truncate()
                stream.flush()
                os.fsync(stream.fileno())
            return
        _replace(path, data, info)
    except OSError as exc:
        raise InputError(raw.path, f"cannot write: {exc.strerror or exc}; not fixed") from None


def _replace(path: Path, data: bytes, info: os.stat_result) -> None:
    """Write ``data`` to a temporary file beside ``path`` with its mode and owner, then rename it over."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".mtqa-tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        mode = stat.S_IMODE(info.st_mode)
        try:
            os.chown(temp, info.st_uid, info.st_gid)
        except OSError:
            mode &= ~(stat.S_ISUID | stat.S_ISGID)  # never hand set-id bits to another owner
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
