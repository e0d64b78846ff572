"""MQM-style quality score of a document: 100 minus weighted penalty points per 100 words.

Each finding costs the weight of its severity (by default error 5, warning 1, info 0, as MQM's major,
minor and neutral issues); the points are normalised per 100 words of the document and subtracted
from 100, floored at 0. The weights are configurable (``mqm-weights`` in the configuration).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from mtqa.engine import DocumentResult

DEFAULT_WEIGHTS = {"error": 5.0, "warning": 1.0, "info": 0.0}


def penalty(result: DocumentResult, weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> float:
    """The penalty points of a document's findings."""
    return sum(weights.get(item.finding.severity.value, 0.0) for item in result.findings)


def score(points: float, words: int) -> float:
    """The score for ``points`` penalty points over ``words`` words (100 for an empty text)."""
    if words <= 0:
        return 100.0
    return max(0.0, 100.0 - 100.0 * points / words)


def document_score(result: DocumentResult, weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> float:
    """The MQM-style score of one document."""
    return score(penalty(result, weights), result.words)


def corpus_score(results: Iterable[tuple[float, int]]) -> float:
    """The score of a corpus from (penalty points, words) per document: points pooled over all words."""
    total_points = total_words = 0.0
    for points, words in results:
        total_points += points
        total_words += words
    return score(total_points, int(total_words))


def penalty_breakdown(
    result: DocumentResult, weights: Mapping[str, float] = DEFAULT_WEIGHTS
) -> dict[tuple[str, str], tuple[int, float]]:
    """Where a document's penalty comes from: (severity, MQM category) → (findings, penalty points)."""
    parts: dict[tuple[str, str], tuple[int, float]] = {}
    for item in result.findings:
        key = (item.finding.severity.value, item.finding.mqm)
        count, points = parts.get(key, (0, 0.0))
        parts[key] = (count + 1, points + weights.get(key[0], 0.0))
    return dict(sorted(parts.items(), key=lambda kv: (-kv[1][1], kv[0])))
