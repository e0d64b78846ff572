"""A review session: the files under review, their findings, reviewers' decisions and applying them.

The session knows only the files discovered under the paths it was given (resolved once, symbolic
links that lead outside those paths left out), addresses them by name, never by a path taken from a
request, and writes a file only through ``apply`` — with the same safety as ``mtqa fix``, and only if
the file on disk is still the one the reviewer saw.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mtqa.context import Context
from mtqa.decisions import FILENAME, DecisionStore, decide, find_decisions_file
from mtqa.engine import DocumentResult, lint_document, rules_for
from mtqa.filetypes import not_fixable, source_document
from mtqa.findings import Edit, apply_edits
from mtqa.fixer import edits_clash, write_atomically
from mtqa.readers import InputError, RawFile, discover, read_raw
from mtqa.registry import Rule
from mtqa.review.payload import anchors, document_payload, fix_region


class ReviewError(Exception):
    """A request the session refuses; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        """Record the status and the one-line message for the reviewer."""
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class ReviewFile:
    """A file under review: the name the page uses and the real path on disk."""

    name: str
    path: str


def _within(path: str, roots: list[str]) -> bool:
    real = os.path.realpath(path)
    return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def collect_files(paths: list[str], warn: Callable[[str], None]) -> list[ReviewFile]:
    """The text files under ``paths`` that may be reviewed; the others are reported through ``warn``.

    Each is named by its path relative to the common folder of ``paths``.
    """
    roots = [os.path.realpath(p) for p in paths if p != "-"]
    folders = [root if os.path.isdir(root) else os.path.dirname(root) for root in roots]
    base = os.path.commonpath(folders) if folders else os.getcwd()
    files: list[ReviewFile] = []
    seen: set[str] = set()
    for item in discover(paths):
        if isinstance(item, InputError):
            warn(str(item))
        elif item == "-":
            warn("-: standard input cannot be reviewed; name files or folders")
        elif (reason := not_fixable(item)) is not None:
            warn(f"{item}: {reason}; not reviewed")
        elif not _within(item, roots):
            warn(f"{item}: leads outside the folders under review; left out")
        elif (real := os.path.realpath(item)) not in seen:
            seen.add(real)
            files.append(ReviewFile(Path(os.path.relpath(real, base)).as_posix(), real))
    return files


def digest_of(data: bytes) -> str:
    """The digest the page sends back to prove which version of a file it saw."""
    return hashlib.sha256(data).hexdigest()


class ReviewSession:
    """The state behind one ``mtqa review``: files, rules, decisions; safe for concurrent requests."""

    def __init__(
        self,
        files: list[ReviewFile],
        rules: list[Rule],
        ctx: Context,
        store: DecisionStore,
        who: str,
        settings: Any = None,
    ) -> None:
        """Review ``files`` with ``rules``, recording decisions in ``store`` as ``who``."""
        self.files = {f.name: f for f in files}
        self.rules = rules
        self.catalogue = {rule.code: rule for rule in rules}
        self.ctx = ctx
        self.store = store
        self.who = who
        self.settings = settings
        self._locks = {name: threading.Lock() for name in self.files}
        self._lint_lock = threading.Lock()  # the lexicon's caches are not made for threads

    def _file(self, name: str) -> ReviewFile:
        file = self.files.get(name)
        if file is None:
            raise ReviewError(404, "no such document in this review")
        return file

    def _lint(self, file: ReviewFile) -> tuple[RawFile, DocumentResult]:
        if os.path.realpath(file.path) != file.path:  # swapped for a symbolic link since the review began
            raise ReviewError(409, f"{file.name}: is now a symbolic link; left alone (restart the review)")
        try:
            raw = read_raw(file.path, self.ctx.lang)
            doc = source_document(file.path, raw.text, self.ctx.reader_lang)  # no target given: detected, as in lint
        except InputError as exc:
            raise ReviewError(409, f"{file.name}: {exc.problem}") from None
        with self._lint_lock:
            result = lint_document(doc, rules_for(file.path, self.rules, self.settings), self.ctx)
        return raw, result

    def summary(self) -> list[dict[str, Any]]:
        """Every document with its finding counts (documents that cannot be read say why)."""
        out = []
        for name, file in self.files.items():
            try:
                _, result = self._lint(file)
            except ReviewError as exc:
                out.append({"name": name, "error": str(exc), "counts": {}})
                continue
            counts = {level: 0 for level in ("error", "warning", "info")}
            for item in result.findings:
                counts[item.finding.severity.value] += 1
            out.append({"name": name, "counts": counts})
        return out

    def document(self, name: str) -> dict[str, Any]:
        """The page's view of one document."""
        file = self._file(name)
        raw, result = self._lint(file)
        return document_payload(result, self.catalogue, name, self.store, digest_of(raw.data))

    def decide(self, name: str, finding_id: str, decision: str, replacement: str | None = None) -> dict[str, Any]:
        """Record a decision on the finding ``finding_id`` of document ``name``; return the document."""
        file = self._file(name)
        raw, result = self._lint(file)
        relative = self.store.relative(file.path)
        for anchor in anchors(result, relative):
            if anchor.fingerprint == finding_id:
                try:
                    self.store.record(decide(anchor, decision, self.who, replacement))
                except ValueError as exc:
                    raise ReviewError(400, str(exc)) from None
                return document_payload(result, self.catalogue, name, self.store, digest_of(raw.data))
        raise ReviewError(409, "that finding is no longer in the document; reload")

    def apply(self, name: str, digest: str) -> dict[str, Any]:
        """Write the accepted and edited fixes of document ``name`` to disk, then return it re-linted.

        ``digest`` names the version the reviewer saw: if the file changed since, nothing is written.
        """
        file = self._file(name)
        with self._locks[name]:
            raw, result = self._lint(file)
            if digest_of(raw.data) != digest:
                raise ReviewError(409, f"{name} changed on disk since the page loaded it; reload to review it again")
            relative = self.store.relative(file.path)
            chosen: list[Edit] = []
            applied = 0
            for item, anchor in zip(result.findings, anchors(result, relative), strict=True):
                decision = self.store.lookup(anchor)
                if decision is None or decision.decision == "reject":
                    continue
                f = item.finding
                if decision.decision == "edit" and decision.replacement is not None:
                    start, end = fix_region(f)
                    edits: tuple[Edit, ...] = (Edit(start, end, decision.replacement),)
                elif f.fix is not None:
                    edits = f.fix.edits
                else:
                    continue
                if any(edits_clash(edit, other) for edit in edits for other in chosen):
                    continue  # the other edit wins; this finding is shown again after the reload
                chosen.extend(edits)
                applied += 1
            if chosen:
                try:
                    write_atomically(raw, apply_edits(raw.text, chosen))
                except InputError as exc:
                    raise ReviewError(409, str(exc)) from None
        payload = self.document(name)
        payload["applied"] = applied
        return payload


def decisions_store(paths: list[str], explicit: Path | None) -> DecisionStore:
    """The decisions file of a review: ``explicit``, else the nearest one above the paths, else a new one.

    A new one goes in the folder under review (or the common folder of the files under review).
    """
    if explicit is not None:
        return DecisionStore(explicit)
    real = [os.path.realpath(p) for p in paths if p != "-"] or [os.getcwd()]
    common = Path(os.path.commonpath(real))
    if not common.is_dir():
        common = common.parent
    found = find_decisions_file(common)
    return DecisionStore(found if found is not None else common / FILENAME)
