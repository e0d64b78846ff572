"""Gold annotations of machine-translation artifacts: the JSON Lines format and its loader.

An annotation file (``annotations.jsonl``, or one ``<story>.gold.jsonl`` per story) holds one JSON
object a line; blank lines and lines starting with ``#`` are skipped. Each object marks one artifact
that a careful copy editor would change:

``file``
    The story, relative to the annotation file's folder (``000_2261ae89b4a4abee.txt``).
``start``, ``end``
    The span as 0-based code-point offsets into the story's decoded text (BOM excluded, line endings
    kept: the offsets of mtqa's own findings). ``start == end`` is an insertion point.
``text``, ``occurrence``
    Instead of offsets: the exact text of the span and which occurrence of it (1-based, default 1;
    occurrences are counted left to right, overlapping ones included). One proofreader's caret
    ``⁁`` (U+2041) in ``text`` makes the annotation an insertion at that point: ``"Studies⁁2500km²"``
    anchors on ``Studies2500km²`` and marks the point between ``Studies`` and ``2500``.
``kind``
    The rule family expected to catch it (``casing``, ``fused``, ``punctuation``, ``numbers``,
    ``structure``, ``glossary``, ``toponyms``, ``consistency``), or ``translation`` (a wrong rendering
    no rule family targets) or ``other``.
``expected``
    What the copy editor writes instead of the span (``""`` deletes it).
``mqm``, ``severity``
    Optional: the MQM category (``Fluency/Spelling``) and MQM severity (``neutral``, ``minor``, ``major``
    or ``critical``).
``note``
    Optional free text.

The spans of one story must not overlap (an insertion point may touch a neighbouring span), so that
applying every annotation of a story gives the text the copy editor would publish
(:func:`apply_annotations`). Every error names the annotation file and line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mtqa.findings import Edit, apply_edits
from mtqa.readers import InputError, read_raw

CARET = "\u2041"  # ⁁, the proofreader's insertion mark
FAMILIES = ("casing", "fused", "punctuation", "numbers", "structure", "glossary", "toponyms", "consistency")
KINDS = (*FAMILIES, "translation", "other")
SEVERITIES = ("neutral", "minor", "major", "critical")
FIELDS = frozenset({"file", "start", "end", "text", "occurrence", "kind", "expected", "mqm", "severity", "note", "id"})
ANNOTATION_FILE = "annotations.jsonl"
GOLD_SUFFIX = ".gold.jsonl"


class AnnotationError(ValueError):
    """An annotation that cannot be used; the message starts with ``file:line:``."""


@dataclass(frozen=True, slots=True)
class Annotation:
    """One gold artifact: where it is in which story, what kind it is, and what should replace it."""

    path: str  # the story, as a path usable with open() (the annotation file's folder joined with ``file``)
    start: int
    end: int
    kind: str
    expected: str
    mqm: str | None = None
    severity: str | None = None
    note: str = ""
    source: str = ""  # "annotations.jsonl:12", for messages

    def overlaps(self, other: Annotation) -> bool:
        """Tell whether two annotations of one story share characters (or an insertion point)."""
        return spans_overlap(self.start, self.end, other.start, other.end)


def spans_overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Tell whether ``[a_start, a_end)`` and ``[b_start, b_end)`` overlap (the matching rule).

    Two spans with characters overlap when they share at least one character. An insertion point
    ``p`` (an empty span) overlaps a span with characters only when it lies strictly inside it
    (``start < p < end``), and another point only when it is the same point.
    """
    a_empty, b_empty = a_start == a_end, b_start == b_end
    if a_empty and b_empty:
        return a_start == b_start
    if a_empty:
        return b_start < a_start < b_end
    if b_empty:
        return a_start < b_start < a_end
    return a_start < b_end and b_start < a_end


def annotation_files(paths: Iterable[str | Path]) -> list[Path]:
    """The annotation files named by ``paths``, in sorted order.

    Files are taken as given; folders are searched for ``annotations.jsonl`` and ``*.gold.jsonl``
    (recursively, hidden folders skipped).
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*.jsonl"))
                if (p.name == ANNOTATION_FILE or p.name.endswith(GOLD_SUFFIX))
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            found.append(path)
    return found


def load_annotations(path: str | Path, lang: str = "en") -> list[Annotation]:
    """Read and validate one annotation file, resolving text anchors against the stories it names."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise AnnotationError(f"{path}: cannot read annotations: {exc}") from None
    texts: dict[str, str] = {}
    annotations: list[Annotation] = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{path}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise AnnotationError(f"{where}: not a JSON object: {exc.msg}") from None
        annotations.append(_annotation(item, where, path.parent, texts, lang))
    check_overlaps(annotations)
    return annotations


def _annotation(item: object, where: str, folder: Path, texts: dict[str, str], lang: str) -> Annotation:
    """Validate one decoded line and turn it into an Annotation."""
    if not isinstance(item, dict):
        raise AnnotationError(f"{where}: not a JSON object")
    unknown = sorted(set(item) - FIELDS)
    if unknown:
        raise AnnotationError(f"{where}: unknown field {unknown[0]!r} (known: {', '.join(sorted(FIELDS))})")
    for key in ("file", "kind", "expected"):
        if not isinstance(item.get(key), str):
            raise AnnotationError(f"{where}: {key!r} is required and must be a string")
    for key in ("mqm", "severity", "note", "text"):
        if key in item and not isinstance(item[key], str):
            raise AnnotationError(f"{where}: {key!r} must be a string")
    if item["kind"] not in KINDS:
        raise AnnotationError(f"{where}: unknown kind {item['kind']!r} (known: {', '.join(KINDS)})")
    if item.get("severity") is not None and item["severity"] not in SEVERITIES:
        raise AnnotationError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
    story = str(folder / item["file"])
    if story not in texts:
        try:
            texts[story] = read_raw(story, lang).text
        except InputError as exc:
            raise AnnotationError(f"{where}: {exc}") from None
    start, end = _span(item, where, texts[story])
    return Annotation(
        story,
        start,
        end,
        item["kind"],
        item["expected"],
        item.get("mqm"),
        item.get("severity"),
        item.get("note", ""),
        where,
    )


def _span(item: dict[str, object], where: str, text: str) -> tuple[int, int]:
    """The offsets of an annotation, from ``start``/``end`` or from ``text``/``occurrence``."""
    has_offsets, anchor = "start" in item or "end" in item, item.get("text")
    if has_offsets == (anchor is not None):
        raise AnnotationError(f"{where}: give either 'start' and 'end' or 'text' (with an optional 'occurrence')")
    if has_offsets:
        start, end = item.get("start"), item.get("end")
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
            raise AnnotationError(f"{where}: 'start' and 'end' must both be integers")
        if not 0 <= start <= end <= len(text):
            raise AnnotationError(f"{where}: span [{start}, {end}) is outside the story ({len(text)} characters)")
        return start, end
    assert isinstance(anchor, str)
    occurrence = item.get("occurrence", 1)
    if not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 1:
        raise AnnotationError(f"{where}: 'occurrence' must be a positive integer")
    carets = anchor.count(CARET)
    if carets > 1:
        raise AnnotationError(f"{where}: at most one insertion caret {CARET} in 'text'")
    plain = anchor.replace(CARET, "")
    if not plain:
        raise AnnotationError(f"{where}: 'text' must not be empty")
    position = -1
    for _ in range(occurrence):
        position = text.find(plain, position + 1)
        if position == -1:
            raise AnnotationError(f"{where}: {plain!r} occurs fewer than {occurrence} times in {item['file']}")
    if carets:
        point = position + anchor.index(CARET)
        return point, point
    return position, position + len(plain)


def check_overlaps(annotations: Sequence[Annotation]) -> None:
    """Raise an AnnotationError when two annotations of one story overlap."""
    by_story: dict[str, list[Annotation]] = {}
    for item in annotations:
        by_story.setdefault(item.path, []).append(item)
    for items in by_story.values():
        ordered = sorted(items, key=lambda a: (a.start, a.end))
        for i, item in enumerate(ordered):
            for other in ordered[i + 1 :]:
                if other.start > item.end:
                    break
                if item.overlaps(other):
                    raise AnnotationError(f"{other.source}: overlaps the annotation at {item.source}")


def load_all(paths: Iterable[str | Path], lang: str = "en") -> list[Annotation]:
    """The annotations of every annotation file named by ``paths`` (see :func:`annotation_files`)."""
    annotations = [a for path in annotation_files(paths) for a in load_annotations(path, lang)]
    check_overlaps(annotations)
    return annotations


def apply_annotations(text: str, annotations: Iterable[Annotation]) -> str:
    """The story as the copy editor would publish it: every annotation's expected text applied."""
    return apply_edits(text, [Edit(a.start, a.end, a.expected) for a in annotations])


def story_key(path: str) -> str:
    """A key that identifies a story file whichever way its path is spelled."""
    return str(Path(path).resolve())
