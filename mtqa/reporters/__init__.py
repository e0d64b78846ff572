"""Output formats: each reporter serialises document results to a stream, nothing more."""

from __future__ import annotations

from mtqa.reporters.base import Reporter
from mtqa.reporters.jsonfmt import JsonLinesReporter, JsonReporter
from mtqa.reporters.text import TextReporter

FORMATS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "jsonl": JsonLinesReporter,
}

__all__ = ["FORMATS", "Reporter"]
