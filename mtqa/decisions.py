"""Reviewers' decisions on findings, kept in a JSON Lines file beside the corpus.

A copy editor who rejects a suggestion in ``mtqa review`` should not see it again, and neither should
``mtqa lint`` (a baseline of false positives kept outside the text, since feeds cannot carry comments).
Each line of ``mtqa-decisions.jsonl`` is one decision::

    {"schema": "mtqa.decision/1", "who": "ana", "when": "2026-11-22T10:00:00+00:00",
     "fingerprint": "…", "decision": "reject", "path": "story.txt", "code": "CAS001",
     "text": "kyiv", "before": "…", "after": "…", "replacement": null}

A finding is anchored by its file (relative to the decisions file), rule code, the text it flags and
up to ``CONTEXT`` characters on each side; the fingerprint hashes those. A later run matches a
decision when the file, code and flagged text are the same and at least one side of the context is,
so that an edit on one side of a rejected finding does not bring it back. The last decision for a
fingerprint wins. ``decision`` is ``accept``, ``reject`` or ``edit`` (with ``replacement``).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from mtqa.engine import DocumentResult

FILENAME = "mtqa-decisions.jsonl"
SCHEMA = "mtqa.decision/1"
CONTEXT = 24
KINDS = ("accept", "reject", "edit")


class DecisionsError(ValueError):
    """A decisions file that cannot be read; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a finding sits, independent of its offsets: file, code, flagged text and its context."""

    path: str
    code: str
    text: str
    before: str
    after: str

    @property
    def fingerprint(self) -> str:
        """A stable hash of the anchor."""
        key = "\0".join((self.path, self.code, self.text, self.before, self.after))
        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def anchor_of(path: str, code: str, text: str, start: int, end: int) -> Anchor:
    """The anchor of a finding spanning ``text[start:end]`` in the document ``path``."""
    before = " ".join(text[max(0, start - CONTEXT) : start].split())
    after = " ".join(text[end : end + CONTEXT].split())
    return Anchor(path, code, text[start:end], before, after)


@dataclass(frozen=True, slots=True)
class Decision:
    """One reviewer decision on one finding."""

    who: str
    when: str
    fingerprint: str
    decision: str
    path: str
    code: str
    text: str
    before: str
    after: str
    replacement: str | None = None


def decide(anchor: Anchor, decision: str, who: str, replacement: str | None = None) -> Decision:
    """A new decision on ``anchor``, stamped now (UTC)."""
    if decision not in KINDS:
        raise ValueError(f"unknown decision {decision!r} (one of {', '.join(KINDS)})")
    if decision == "edit" and replacement is None:
        raise ValueError("an edit decision needs a replacement")
    when = datetime.now(UTC).isoformat(timespec="seconds")
    return Decision(
        who, when, anchor.fingerprint, decision, anchor.path, anchor.code, anchor.text, anchor.before, anchor.after,
        replacement if decision == "edit" else None,
    )  # fmt: skip


def find_decisions_file(start: Path) -> Path | None:
    """The nearest ``mtqa-decisions.jsonl`` in ``start`` (a folder or file) or a folder above it."""
    folder = start if start.is_dir() else start.parent
    for candidate in [folder, *folder.resolve().parents]:
        path = candidate / FILENAME
        if path.is_file():
            return path
    return None


class DecisionStore:
    """The decisions of one file, indexed for matching, appended to as reviewers decide."""

    def __init__(self, path: Path) -> None:
        """Load ``path`` if it exists (a missing file is an empty store)."""
        self.path = path
        self.root = path.parent.resolve()
        self._lock = threading.Lock()
        self._latest: dict[str, Decision] = {}
        self._by_text: dict[tuple[str, str, str], list[Decision]] = {}
        for decision in _read(path):
            self._index(decision)

    def _index(self, decision: Decision) -> None:
        previous = self._latest.get(decision.fingerprint)
        if previous is not None:
            self._by_text[(previous.path, previous.code, previous.text)].remove(previous)
        self._latest[decision.fingerprint] = decision
        self._by_text.setdefault((decision.path, decision.code, decision.text), []).append(decision)

    def relative(self, document_path: str) -> str:
        """A document's path as decisions record it: relative to the decisions file, ``/``-separated."""
        file_part, hash_, item = document_path.partition("#")
        real = Path(os.path.realpath(file_part))
        try:
            relative = real.relative_to(self.root).as_posix()
        except ValueError:
            relative = real.as_posix()
        return relative + hash_ + item

    def lookup(self, anchor: Anchor) -> Decision | None:
        """The latest decision matching ``anchor``: same fingerprint, else same text with one side of context."""
        exact = self._latest.get(anchor.fingerprint)
        if exact is not None:
            return exact
        candidates = self._by_text.get((anchor.path, anchor.code, anchor.text), [])
        near = [d for d in candidates if d.before == anchor.before or d.after == anchor.after]
        return max(near, key=lambda d: d.when) if near else None

    def record(self, decision: Decision) -> None:
        """Append ``decision`` to the file (one line, flushed to disk) and index it."""
        line = json.dumps({"schema": SCHEMA, **asdict(decision)}, ensure_ascii=False) + "\n"
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as stream:
                stream.write(line)
                stream.flush()
                os.fsync(stream.fileno())
            self._index(decision)

    def __iter__(self) -> Iterator[Decision]:
        """The latest decision of every fingerprint."""
        return iter(list(self._latest.values()))


class Baseline:
    """The decisions that apply to each document: an explicit file, else the nearest one above it."""

    def __init__(self, explicit: Path | None = None) -> None:
        """Use ``explicit`` for every document, or look for the nearest decisions file per folder."""
        self.explicit = DecisionStore(explicit) if explicit is not None else None
        self._stores: dict[str, DecisionStore | None] = {}
        self._files: dict[Path, DecisionStore] = {}

    def store_for(self, document_path: str) -> DecisionStore | None:
        """The decisions for ``document_path`` (a file path, or ``file#item`` for a feed item)."""
        if self.explicit is not None:
            return self.explicit
        file_part = document_path.partition("#")[0]
        if file_part == "-":
            return None
        folder = os.path.dirname(os.path.abspath(file_part))
        if folder not in self._stores:
            found = find_decisions_file(Path(folder))
            if found is not None and found not in self._files:
                self._files[found] = DecisionStore(found)
            self._stores[folder] = self._files[found] if found is not None else None
        return self._stores[folder]

    def without_rejected(self, result: DocumentResult) -> DocumentResult:
        """``result`` less the findings a reviewer rejected."""
        store = self.store_for(result.path)
        if store is None or not result.findings:
            return result
        path = store.relative(result.path)
        kept = []
        for item in result.findings:
            f = item.finding
            decision = store.lookup(anchor_of(path, f.code, result.text, f.start, f.end))
            if decision is None or decision.decision != "reject":
                kept.append(item)
        return replace(result, findings=tuple(kept))


def _read(path: Path) -> Iterable[Decision]:
    """The decisions of ``path`` in file order; a bad line is a DecisionsError naming file and line."""
    try:
        with open(path, encoding="utf-8") as stream:
            lines = stream.read().split("\n")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise DecisionsError(f"{path}: cannot read decisions ({exc})") from None
    decisions = []
    fields = Decision.__dataclass_fields__
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if not isinstance(data, dict) or data.pop("schema", SCHEMA) != SCHEMA:
                raise ValueError(f"not a {SCHEMA} record")
            unknown = set(data) - set(fields)
            if unknown:
                raise ValueError(f"unknown keys {sorted(unknown)}")
            decision = Decision(**data)
            if not all(isinstance(getattr(decision, name), str) for name in fields if name != "replacement"):
                raise ValueError("every field but replacement must be a string")
            if decision.decision not in KINDS:
                raise ValueError(f"unknown decision {decision.decision!r}")
        except (ValueError, TypeError) as exc:
            raise DecisionsError(f"{path}:{number}: bad decision record ({exc})") from None
        decisions.append(decision)
    return decisions
