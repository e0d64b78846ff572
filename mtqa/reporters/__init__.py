"""Output formats: each reporter serialises document results to a stream, nothing more."""

from __future__ import annotations

from mtqa.reporters.base import Reporter
from mtqa.reporters.concise import ConciseReporter
from mtqa.reporters.github import GithubReporter
from mtqa.reporters.gitlab import GitlabReporter
from mtqa.reporters.html import HtmlReporter
from mtqa.reporters.jsonfmt import JsonLinesReporter, JsonReporter
from mtqa.reporters.junit import JunitReporter
from mtqa.reporters.sarif import SarifReporter
from mtqa.reporters.text import TextReporter

FORMATS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "concise": ConciseReporter,
    "json": JsonReporter,
    "jsonl": JsonLinesReporter,
    "sarif": SarifReporter,
    "github": GithubReporter,
    "junit": JunitReporter,
    "gitlab": GitlabReporter,
    "html": HtmlReporter,
}

__all__ = ["FORMATS", "Reporter"]
