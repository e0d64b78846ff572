"""Aligned pairs of plain-text files: ``story.fr.txt`` (the source) beside ``story.en.txt`` (the target).

A text file named ``NAME.LL.txt``, where ``LL`` is the run's target language, is read as the target of
a pair when exactly one sibling ``NAME.XX.txt`` in another language exists (``.ref.txt``, a reference,
is not one); the pair is found automatically, whether the file is named or found in a folder. The
source file of a pair is not linted on its own: it is checked through its target. The two files are
cut into segments the same way — blank-line separated paragraphs when both have as many, else
non-empty lines when both have as many — and a pair that does not align either way is an InputError.
The target file's text is the Document's text as it is, so fixes are written to it like any text file.
"""

from __future__ import annotations

import re
from pathlib import Path

from mtqa.bilingual.segments import Bilingual, Unit
from mtqa.document import Document
from mtqa.readers import InputError, read_raw

PAIR_NAME = re.compile(r"^(?P<stem>.+)\.(?P<lang>[A-Za-z]{2,3})\.txt$")
NOT_LANGUAGES = frozenset({"ref", "txt", "out", "raw", "old", "new", "bak", "tmp"})
PARAGRAPH = re.compile(r"(?:[^\S\r\n]*(?:\r\n|\r|\n)){2,}")
LINE = re.compile(r"[^\r\n]+")


def _parts(path: str) -> tuple[str, str] | None:
    """The stem and language tag of a ``NAME.LL.txt`` path, or None."""
    m = PAIR_NAME.match(Path(path).name)
    if m is None or m["lang"].lower() in NOT_LANGUAGES:
        return None
    return m["stem"], m["lang"].lower()


def _siblings(path: str, stem: str) -> dict[str, Path]:
    """The ``stem.XX.txt`` files beside ``path``, by language tag."""
    folder = Path(path).parent
    found: dict[str, Path] = {}
    try:
        for candidate in folder.glob(f"{glob_escape(stem)}.*.txt"):
            parts = _parts(str(candidate))
            if parts is not None and parts[0] == stem and candidate.is_file():
                found[parts[1]] = candidate
    except OSError:
        return {}
    return found


def glob_escape(text: str) -> str:
    """``text`` with glob metacharacters escaped."""
    return re.sub(r"([*?\[])", r"[\1]", text)


def pair_source(path: str, lang: str) -> tuple[str, str] | None:
    """The source file and its language when ``path`` is the target of an aligned pair, else None."""
    parts = _parts(path)
    if parts is None or parts[1] != lang:
        return None
    others = {tag: p for tag, p in _siblings(path, parts[0]).items() if tag != lang}
    if len(others) != 1:
        return None
    (tag, source), *_ = others.items()
    return str(source), tag


def is_pair_source(path: str, lang: str) -> bool:
    """Tell whether ``path`` is the source file of a pair whose target is in ``lang`` (checked through it)."""
    parts = _parts(path)
    if parts is None or parts[1] == lang:
        return False
    target = Path(path).parent / f"{parts[0]}.{lang}.txt"
    return target.is_file() and pair_source(str(target), lang) is not None


def _segments(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The paragraph spans and the line spans of ``text`` (whitespace trimmed, empty ones left out)."""
    paragraphs: list[tuple[int, int]] = []
    at = 0
    for m in [*PARAGRAPH.finditer(text), None]:
        end = m.start() if m is not None else len(text)
        chunk = text[at:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            paragraphs.append((at + lead, at + len(chunk.rstrip())))
        if m is not None:
            at = m.end()
    lines = []
    for m in LINE.finditer(text):
        chunk = m.group()
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            lines.append((m.start() + lead, m.start() + len(chunk.rstrip())))
    return paragraphs, lines


def pair_document(path: str, text: str, lang: str, source_path: str, source_lang: str) -> Document:
    """The bilingual Document of the target file ``path`` (its decoded ``text``) and its source file."""
    source_text = read_raw(source_path, source_lang).text
    target_paragraphs, target_lines = _segments(text)
    source_paragraphs, source_lines = _segments(source_text)
    if len(target_paragraphs) == len(source_paragraphs):
        spans, source_spans = target_paragraphs, source_paragraphs
    elif len(target_lines) == len(source_lines):
        spans, source_spans = target_lines, source_lines
    else:
        raise InputError(
            path,
            f"not aligned with {source_path}: {len(target_paragraphs)} paragraphs and {len(target_lines)} lines "
            f"here, {len(source_paragraphs)} and {len(source_lines)} there",
        )
    units = []
    line, counted = 1, 0
    for n, ((start, end), (s_start, s_end)) in enumerate(zip(spans, source_spans, strict=True), 1):
        line += text.count("\n", counted, start)
        counted = start
        units.append(Unit(str(n), source_text[s_start:s_end], start, end, line))
    bilingual = Bilingual(source_lang, lang, tuple(units))
    return Document(path, text, lang, bilingual=bilingual)
