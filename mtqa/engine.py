"""The lint engine: run the selected rules over analysed documents and locate their findings."""

from __future__ import annotations

import bisect
import itertools
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from mtqa.analysis import Analysis, LineIndex
from mtqa.config import Settings
from mtqa.context import Context
from mtqa.document import Document
from mtqa.filetypes import read_documents
from mtqa.findings import Applicability, Edit, Finding, Fix, Severity
from mtqa.langid import resolve_target
from mtqa.readers import DEFAULT_MAX_BYTES, FeedFields, InputError, discover
from mtqa.registry import Rule

CHUNK_CHARS = 1_000_000
DEBUG_ENV = "MTQA_DEBUG"  # "1" (``mtqa --debug``): internal errors are raised with their traceback, not reported


def debugging() -> bool:
    """Tell whether internal errors should be raised (``mtqa --debug``) rather than reported as one line."""
    return os.environ.get(DEBUG_ENV) == "1"


@dataclass(frozen=True, slots=True)
class Located:
    """A finding with its 1-based line/column span in the document (columns count characters)."""

    finding: Finding
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """The findings of one document, in text order, and the text they point into."""

    path: str
    text: str
    findings: tuple[Located, ...]
    words: int
    lang: str = ""  # the target language it was checked in
    detected: bool = False  # True when that language was detected, not given


def lint_document(
    doc: Document, rules: Iterable[Rule], ctx: Context, severity: Mapping[str, str] | None = None
) -> DocumentResult:
    """Analyse ``doc`` once, run every applicable rule on it, and return its located findings.

    A document longer than ``CHUNK_CHARS`` is linted in pieces cut at paragraph (or, failing that,
    word) boundaries, so that time and memory stay proportional to its size. A document with a source
    map (HTML, Markdown) is reported in its source: offsets, lines and the result's text are the file's.
    """
    target = resolve_target(doc, ctx)  # a document without a language gets its detected one
    doc, ctx = target.doc, target.ctx
    rules = _applicable(rules, doc.lang)
    findings: list[Finding] = []
    for base, piece in split_text(doc.text, CHUNK_CHARS):
        part = doc
        if len(piece) != len(doc.text):
            units = doc.bilingual.window(base, len(piece)) if doc.bilingual is not None else None
            part = Document(doc.path, piece, doc.lang, continuation=base > 0, bilingual=units)
        analysis = Analysis(part, ctx.profile, ctx.lexicon, target.word_types if part is doc else None, ctx.verdicts)
        for rule in rules:
            for hit in rule.check(analysis, ctx):  # most rules find nothing: a plain loop costs least
                level = Severity(severity[rule.code]) if severity and rule.code in severity else None
                findings.append(_shift(rule.finding(hit, level), base))
    findings = drop_repeats(findings, rules)
    text = doc.text
    if doc.bilingual is not None:  # bilingual files: each finding names its unit
        units = doc.bilingual
        findings = [f.moved(f.start, f.end, f.fix, u.id) if (u := units.unit_at(f.start)) else f for f in findings]
    if doc.source_map is not None:  # text extracted from markup: locate, show and fix in the file itself
        findings = [doc.source_map.finding(f) for f in findings]
        text = doc.source_map.source
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    lines = LineIndex(text) if findings else None
    located = []
    for f in findings:
        assert lines is not None
        line, column = lines.position(f.start)
        end_line, end_column = lines.position(f.end)
        located.append(Located(f, line, column, end_line, end_column))
    return DocumentResult(doc.path, text, tuple(located), len(doc.text.split()), doc.lang, target.detected)


# The rules that apply to a language, per list of rules (by the ids of its rules, which the value keeps alive).
_APPLICABLE: dict[tuple[str, tuple[int, ...]], tuple[tuple[Rule, ...], list[Rule]]] = {}


def _applicable(rules: Iterable[Rule], lang: str) -> list[Rule]:
    """The rules of ``rules`` that apply to ``lang`` (remembered: a run asks for the same rules every time)."""
    given = tuple(rules)
    key = (lang, tuple(map(id, given)))
    known = _APPLICABLE.get(key)
    if known is not None:
        return known[1]
    if len(_APPLICABLE) >= 64:
        _APPLICABLE.clear()
    chosen = [rule for rule in given if rule.applies_to(lang)]
    _APPLICABLE[key] = (given, chosen)
    return chosen


def drop_repeats(findings: list[Finding], rules: list[Rule]) -> list[Finding]:
    """Report once a problem that a rule and a rule it defers to (``Rule.defers_to``) both find.

    A bilingual check and a monolingual one may report one problem (“27 000” in an English target is a
    source number in the source's format and a French thousands separator). A finding of the deferring
    rule that has a fix and lies inside one of the other's that has a fix is left out, unless both have the
    same span and its fix is the safer (the source confirms the value): then the other finding is left
    out. A finding without a fix (a number changed, a name missing) says something the other cannot, and
    stays.
    """
    deferring = {rule.code: rule.defers_to for rule in rules if rule.defers_to}
    if not deferring or not any(f.code in deferring for f in findings):
        return findings
    covers: dict[tuple[str, ...], tuple[list[int], list[int], dict[tuple[int, int], list[Finding]]]] = {}
    for prefixes in set(deferring.values()):
        # only a finding with a fix reports the same problem; one without says something else
        found = sorted(
            (g for g in findings if g.code.startswith(prefixes) and g.fix is not None), key=lambda g: (g.start, g.end)
        )
        reach = list(itertools.accumulate((g.end for g in found), max))  # the furthest end so far
        same: dict[tuple[int, int], list[Finding]] = {}
        for g in found:
            same.setdefault((g.start, g.end), []).append(g)
        covers[prefixes] = ([g.start for g in found], reach, same)
    dropped: set[int] = set()
    for f in findings:
        codes = deferring.get(f.code)
        if not codes or f.fix is None:
            continue
        starts, reach, same = covers[codes]
        others = same.get((f.start, f.end), [])
        if others and _safety(f) > max(_safety(g) for g in others):
            dropped.update(id(g) for g in others)
            continue
        i = bisect.bisect_right(starts, f.start) - 1
        if i >= 0 and reach[i] >= f.end:
            dropped.add(id(f))
    return [f for f in findings if id(f) not in dropped] if dropped else findings


def _safety(finding: Finding) -> int:
    """How safely a finding's fix applies: 3 safe, 2 unsafe, 1 display only, 0 no fix."""
    return SAFETY[finding.fix.applicability] if finding.fix is not None else 0


SAFETY = {Applicability.SAFE: 3, Applicability.UNSAFE: 2, Applicability.DISPLAY: 1}


def split_text(text: str, size: int) -> Iterator[tuple[int, str]]:
    """Cut ``text`` into pieces of about ``size`` characters at paragraph, else line, else space boundaries."""
    start = 0
    while start < len(text):
        end = start + size
        if end < len(text):
            for boundary in ("\n\n", "\r\n\r\n", "\n", "\r", " "):
                cut = text.rfind(boundary, start + size // 2, end)
                if cut != -1:
                    end = cut + len(boundary)
                    break
        yield start, text[start:end]
        start = end


def _shift(finding: Finding, base: int) -> Finding:
    """Move a finding of a piece of text to its place in the whole text."""
    if not base:
        return finding
    fix = finding.fix
    if fix is not None:
        fix = Fix(tuple(Edit(e.start + base, e.end + base, e.replacement) for e in fix.edits), fix.applicability)
    return finding.moved(finding.start + base, finding.end + base, fix, finding.unit)


def lint_paths(
    paths: list[str],
    rules: list[Rule],
    ctx: Context,
    max_bytes: int = DEFAULT_MAX_BYTES,
    settings: Settings | None = None,
    fields: FeedFields | None = None,
) -> Iterator[DocumentResult | InputError]:
    """Lint every file named by ``paths``, streaming one result (or input error) per file.

    ``settings`` adds a configuration's excluded paths, per-file ignores and severity overrides.
    Each file is read by its type (``mtqa.filetypes``): feeds give one result per item (``fields`` names
    a JSON feed's item fields), HTML and Markdown files are linted in their text and reported in place.
    """
    for item in discover_files(paths, settings):
        if isinstance(item, InputError):
            yield item
        else:
            yield from lint_file(item, rules, ctx, max_bytes, settings, fields)


def discover_files(paths: list[str], settings: Settings | None = None) -> Iterator[str | InputError]:
    """The files to lint under ``paths`` (``discover``), less the configuration's excluded ones."""
    for item in discover(paths):
        if isinstance(item, InputError) or settings is None or not settings.excluded(item):
            yield item


def lint_file(
    path: str,
    rules: list[Rule],
    ctx: Context,
    max_bytes: int = DEFAULT_MAX_BYTES,
    settings: Settings | None = None,
    fields: FeedFields | None = None,
) -> Iterator[DocumentResult | InputError]:
    """Lint one file (the unit of work of every backend): one result per document, or input errors."""
    file_rules = rules_for(path, rules, settings)
    try:
        for doc in read_documents(path, ctx.reader_lang, fields or FeedFields(), max_bytes):
            if isinstance(doc, InputError):
                yield doc
                continue
            try:
                yield lint_document(doc, file_rules, ctx, settings.severity if settings else None)
            except Exception as exc:  # a bug in a rule must not stop the run or hide the other files
                if debugging():
                    raise
                yield InputError(doc.path, f"internal error while linting ({_brief(exc)}); please report it")
    except InputError as exc:
        yield exc
    except Exception as exc:  # a bug in a reader: the other files are still read
        if debugging():
            raise
        yield InputError(path, f"internal error while reading ({_brief(exc)}); please report it")


def _brief(exc: Exception) -> str:
    """An exception as one line: its type and its message's first line (run with --debug for the traceback)."""
    message = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {message[0]}" if message else type(exc).__name__


def rules_for(path: str, rules: list[Rule], settings: Settings | None) -> list[Rule]:
    """The rules that run on ``path``: ``rules`` less the configuration's per-file ignores."""
    if settings is None or not (ignored := settings.ignored_codes(path)):
        return rules
    skip = {rule.code for key in ignored for rule in _matching(key)}
    return [rule for rule in rules if rule.code not in skip]


def _matching(selector: str) -> list[Rule]:
    from mtqa.rules import REGISTRY  # the catalogue imports the rules, which import this module's peers

    return REGISTRY.matching(selector)
