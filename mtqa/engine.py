"""The lint engine: run the selected rules over analysed documents and locate their findings."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from mtqa.analysis import Analysis
from mtqa.context import Context
from mtqa.document import Document
from mtqa.findings import Finding
from mtqa.readers import DEFAULT_MAX_BYTES, InputError, discover, read_document
from mtqa.registry import Rule


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


def lint_document(doc: Document, rules: Iterable[Rule], ctx: Context) -> DocumentResult:
    """Analyse ``doc`` once, run every applicable rule on it, and return its located findings."""
    analysis = Analysis(doc, ctx.profile, ctx.lexicon)
    findings: list[Finding] = []
    for rule in rules:
        if rule.applies_to(doc.lang):
            findings.extend(rule.finding(hit) for hit in rule.check(analysis, ctx))
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    located = []
    for f in findings:
        line, column = analysis.position(f.start)
        end_line, end_column = analysis.position(f.end)
        located.append(Located(f, line, column, end_line, end_column))
    return DocumentResult(doc.path, doc.text, tuple(located), len(doc.text.split()))


def lint_paths(
    paths: list[str], rules: list[Rule], ctx: Context, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[DocumentResult | InputError]:
    """Lint every file named by ``paths``, streaming one result (or input error) per file."""
    for item in discover(paths):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            doc = read_document(item, ctx.lang, max_bytes)
        except InputError as exc:
            yield exc
            continue
        yield lint_document(doc, rules, ctx)
