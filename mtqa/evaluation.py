"""Score the linter against gold annotations: matching, precision, recall, F1 and fix accuracy.

Matching rule: a finding matches an annotation of the same story when their spans overlap
(:func:`mtqa.annotations.spans_overlap`: they share a character, or the annotation's insertion point
lies strictly inside the finding). Matching is many-to-many: a finding is a true positive when it
matches at least one annotation, and an annotation is found when at least one finding matches it.

- precision = true-positive findings / findings; recall = found annotations / annotations; F1 their
  harmonic mean;
- fix accuracy = found annotations that some matching finding fixes right / found annotations. A fix is
  right when applying its edits to the story gives the same text as applying the annotation's expected
  text — or the expected texts of all the annotations its edits touch, when one fix corrects several
  adjacent artifacts at once. ``alternatives`` counts the annotations whose fix is wrong but one of the
  finding's alternatives (a replacement of the finding's span) is right: what a reranker could win.

Per rule family, precision counts that family's findings (matching an annotation of any kind) and
recall that kind's annotations (found by a finding of any family); per MQM category likewise, with the
findings' and the annotations' categories. A story that is linted but has no annotations is clean:
its findings are false alarms.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mtqa.analysis import LineIndex
from mtqa.annotations import Annotation, apply_annotations, spans_overlap, story_key
from mtqa.engine import DocumentResult
from mtqa.findings import Edit, Finding, apply_edits
from mtqa.quality import document_score, penalty, penalty_breakdown, score
from mtqa.readers import InputError

if TYPE_CHECKING:
    from mtqa.config import Settings
    from mtqa.context import Context
    from mtqa.refmetrics import RefReport
    from mtqa.registry import Rule
    from mtqa.scoring import Scorer

NO_CATEGORY = "(none)"


@dataclass
class Tally:
    """Counts behind precision, recall, F1 and fix accuracy for one scope (overall, a family, a category)."""

    findings: int = 0
    true_findings: int = 0
    annotations: int = 0
    found: int = 0
    fixed: int = 0
    alternatives: int = 0

    @property
    def precision(self) -> float | None:
        """True-positive findings over findings (None without findings)."""
        return self.true_findings / self.findings if self.findings else None

    @property
    def recall(self) -> float | None:
        """Found annotations over annotations (None without annotations)."""
        return self.found / self.annotations if self.annotations else None

    @property
    def f1(self) -> float | None:
        """The harmonic mean of precision and recall (None when either is undefined)."""
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def fix_accuracy(self) -> float | None:
        """Found annotations fixed right over found annotations (None when none was found)."""
        return self.fixed / self.found if self.found else None

    def as_dict(self) -> dict[str, float | int | None]:
        """The counts and the metrics, for JSON."""
        return {
            "findings": self.findings,
            "true_findings": self.true_findings,
            "annotations": self.annotations,
            "found": self.found,
            "fixed": self.fixed,
            "alternatives": self.alternatives,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "fix_accuracy": self.fix_accuracy,
        }


@dataclass(frozen=True)
class Mark:
    """A located span for the lists of misses, false alarms and wrong fixes."""

    path: str
    line: int
    column: int
    label: str  # the annotation's kind or the finding's code
    text: str  # the span's text
    proposed: str | None  # the finding's fixed text, or None
    expected: str | None  # the annotation's expected text, or None
    note: str = ""

    def as_dict(self) -> dict[str, object]:
        """Return the mark as a JSON object."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "label": self.label,
            "text": self.text,
            "proposed": self.proposed,
            "expected": self.expected,
            "note": self.note,
        }


@dataclass(frozen=True)
class DocumentQuality:
    """The MQM-style quality score of one story and where its penalty points come from."""

    path: str
    words: int
    points: float
    score: float
    breakdown: dict[tuple[str, str], tuple[int, float]]  # (severity, MQM category) -> (findings, points)


@dataclass
class EvalReport:
    """Everything ``mtqa eval`` prints: the tallies, the lists, and the quality scores."""

    overall: Tally = field(default_factory=Tally)
    families: dict[str, Tally] = field(default_factory=dict)
    categories: dict[str, Tally] = field(default_factory=dict)
    misses: list[Mark] = field(default_factory=list)
    false_alarms: list[Mark] = field(default_factory=list)
    wrong_fixes: list[Mark] = field(default_factory=list)
    quality: list[DocumentQuality] = field(default_factory=list)
    stories: int = 0
    unlinted_annotations: int = 0  # annotations of stories that were not linted in this run
    references: RefReport | None = None  # reference-based metrics, when the stories have references
    references_note: str = ""  # why there are no reference metrics, when that is worth saying

    @property
    def corpus_quality(self) -> float:
        """The corpus score: penalty points pooled over all words."""
        return score(sum(q.points for q in self.quality), sum(q.words for q in self.quality))

    def corpus_breakdown(self) -> dict[tuple[str, str], tuple[int, float]]:
        """The corpus penalty per (severity, MQM category)."""
        parts: dict[tuple[str, str], tuple[int, float]] = {}
        for doc in self.quality:
            for key, (count, points) in doc.breakdown.items():
                old = parts.get(key, (0, 0.0))
                parts[key] = (old[0] + count, old[1] + points)
        return dict(sorted(parts.items(), key=lambda kv: (-kv[1][1], kv[0])))


def fixed_text(text: str, finding: Finding) -> str | None:
    """The story with the finding's fix applied, or None when it has no fix."""
    if finding.fix is None or not finding.fix.edits:
        return None
    return apply_edits(text, finding.fix.edits)


def is_right(text: str, edits: Sequence[Edit], annotation: Annotation, story: Sequence[Annotation]) -> bool:
    """Tell whether ``edits`` fix ``annotation`` right (the rule in the module docstring).

    ``story`` holds all the annotations of the same story, so that a fix correcting several adjacent
    artifacts at once is compared with all of them applied together.
    """
    result = apply_edits(text, list(edits))
    if result == apply_annotations(text, [annotation]):
        return True
    own = (annotation.start, annotation.end)
    touched = {(a.start, a.end): a for a in story if any(spans_overlap(e.start, e.end, a.start, a.end) for e in edits)}
    if not touched or set(touched) == {own}:
        return False
    touched[own] = annotation
    return result == apply_annotations(text, touched.values())


def _right_fix(text: str, finding: Finding, annotation: Annotation, story: Sequence[Annotation]) -> bool:
    return finding.fix is not None and bool(finding.fix.edits) and is_right(text, finding.fix.edits, annotation, story)


def _right_alternative(text: str, finding: Finding, annotation: Annotation, story: Sequence[Annotation]) -> bool:
    return any(
        is_right(text, [Edit(finding.start, finding.end, alt)], annotation, story) for alt in finding.alternatives
    )


def evaluate(
    results: Iterable[DocumentResult],
    annotations: Sequence[Annotation],
    family_of: Mapping[str, str],
    weights: Mapping[str, float] | None = None,
) -> EvalReport:
    """Match the findings of ``results`` with ``annotations`` and tally every scope.

    ``family_of`` maps rule codes to families; ``weights`` are the MQM weights of the quality scores.
    """
    report = EvalReport()
    by_story: dict[str, list[Annotation]] = {}
    for item in annotations:
        by_story.setdefault(story_key(item.path), []).append(item)
    seen: set[str] = set()
    for result in results:
        key = story_key(result.path)
        seen.add(key)
        story = sorted(by_story.get(key, []), key=lambda a: (a.start, a.end))
        _evaluate_story(report, result, story, family_of)
        report.stories += 1
        points = penalty(result, weights) if weights is not None else penalty(result)
        report.quality.append(
            DocumentQuality(
                result.path,
                result.words,
                points,
                document_score(result, weights) if weights is not None else document_score(result),
                penalty_breakdown(result, weights) if weights is not None else penalty_breakdown(result),
            )
        )
    report.unlinted_annotations = sum(len(items) for key, items in by_story.items() if key not in seen)
    report.families = dict(sorted(report.families.items()))
    report.categories = dict(sorted(report.categories.items()))
    return report


def _evaluate_story(
    report: EvalReport, result: DocumentResult, story: Sequence[Annotation], family_of: Mapping[str, str]
) -> None:
    """Add one story's matches to the report's tallies and lists."""
    text, lines = result.text, LineIndex(result.text)
    findings = [item.finding for item in result.findings]
    for item in result.findings:
        finding = item.finding
        matched = any(spans_overlap(finding.start, finding.end, a.start, a.end) for a in story)
        for tally in _scopes(report, family_of.get(finding.code, "other"), finding.mqm):
            tally.findings += 1
            tally.true_findings += matched
        if not matched:
            proposed = fixed_text(text, finding)
            report.false_alarms.append(
                Mark(
                    result.path,
                    item.line,
                    item.column,
                    finding.code,
                    text[finding.start : finding.end],
                    _excerpt(proposed, text, finding.start, finding.end, 0) if proposed is not None else None,
                    None,
                    finding.message,
                )
            )
    for annotation in story:
        hits = [f for f in findings if spans_overlap(f.start, f.end, annotation.start, annotation.end)]
        right = any(_right_fix(text, f, annotation, story) for f in hits)
        alternative = not right and any(_right_alternative(text, f, annotation, story) for f in hits)
        for tally in _scopes(report, annotation.kind, annotation.mqm or NO_CATEGORY):
            tally.annotations += 1
            tally.found += bool(hits)
            tally.fixed += right
            tally.alternatives += alternative
        line, column = lines.position(annotation.start)
        if not hits or not right:
            proposals = [p for f in hits if (p := fixed_text(text, f)) is not None]
            gold = apply_annotations(text, [annotation])
            mark = Mark(
                result.path,
                line,
                column,
                annotation.kind,
                text[annotation.start : annotation.end],
                _excerpt(proposals[0], text, annotation.start, annotation.end) if proposals else None,
                _excerpt(gold, text, annotation.start, annotation.end) if hits else annotation.expected,
                annotation.note,
            )
            (report.wrong_fixes if hits else report.misses).append(mark)


def _scopes(report: EvalReport, family: str, category: str) -> list[Tally]:
    """The tallies a finding or an annotation counts in: overall, its family, its MQM category."""
    return [
        report.overall,
        report.families.setdefault(family, Tally()),
        report.categories.setdefault(category, Tally()),
    ]


def _excerpt(changed: str, text: str, start: int, end: int, context: int = 12) -> str:
    """The part of ``changed`` (``text`` after some edits) around ``[start, end)``, with some context."""
    left = max(0, start - context)
    right = min(len(text), end + context) + len(changed) - len(text)
    return changed[left : max(left, right)].replace("\n", "⏎")


def run_eval(
    paths: Sequence[str],
    rules: Sequence[Rule],
    ctx: Context,
    settings: Settings,
    annotation_paths: Sequence[str | Path] | None = None,
    references: str | Path | None = None,
    scorer: Scorer | None = None,
) -> tuple[EvalReport, list[InputError]]:
    """Lint ``paths``, score the findings against the annotations and the fixed texts against references.

    Annotations come from ``annotation_paths`` (default: the annotation files in the folders of
    ``paths``); references from ``references`` (a folder; default: ``<story>.ref.txt`` beside each
    story; scored only when sacrebleu is installed). ``scorer`` reranks candidate fixes first. Each
    story is linted and fixed in its target language as ``mtqa lint`` resolves it (``ctx.detect``:
    detected per story when no target was given). Raises AnnotationError for a bad annotation file;
    unreadable stories are returned as errors.
    """
    from mtqa.annotations import load_all
    from mtqa.document import Document
    from mtqa.engine import lint_paths, rules_for
    from mtqa.fixer import fix_text
    from mtqa.refmetrics import reference_report
    from mtqa.rules import REGISTRY
    from mtqa.scoring import rerank_result

    folders = [p for p in paths if Path(p).is_dir()]
    annotations = load_all(annotation_paths if annotation_paths is not None else folders, ctx.lang)
    errors: list[InputError] = []
    results: list[DocumentResult] = []
    for result in lint_paths(list(paths), list(rules), ctx, settings=settings):
        if isinstance(result, InputError):
            errors.append(result)
        else:
            results.append(rerank_result(result, scorer) if scorer is not None else result)
    family_of = {rule.code: rule.family for rule in REGISTRY}
    report = evaluate(results, annotations, family_of, settings.mqm_weights)

    langs = {result.path: result.lang for result in results}  # as lint resolved them: declared, else detected

    def fix(path: str, text: str, unsafe: bool) -> str:
        doc = Document(path, text, langs.get(path, ctx.reader_lang))
        return fix_text(doc, rules_for(path, list(rules), settings), ctx, unsafe).text

    if importlib.util.find_spec("sacrebleu") is not None:
        report.references = reference_report(((r.path, r.text) for r in results), fix, ctx.lang, references)
    else:
        report.references_note = "sacrebleu is not installed (pip install 'mtqa[eval]'): no reference metrics"
    return report, errors
