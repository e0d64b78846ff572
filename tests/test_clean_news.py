"""False alarms on professionally edited news (../shared/data/clean-news-en): the issue's bar is 2 per
10,000 words, all severities counted. Skipped where the shared data is not beside the checkout."""

from __future__ import annotations

import pytest

from mtqa.context import Context
from mtqa.engine import lint_paths
from mtqa.readers import InputError
from mtqa.rules import REGISTRY
from tests.conftest import SHARED

CLEAN = SHARED / "data" / "clean-news-en"


@pytest.mark.skipif(not CLEAN.is_dir(), reason="shared clean news corpus not available")
def test_false_alarms_per_10k_words_on_clean_news(ctx: Context) -> None:
    words = findings = 0
    for result in lint_paths([str(CLEAN)], REGISTRY.select(), ctx):
        assert not isinstance(result, InputError), str(result)
        words += result.words
        findings += len(result.findings)
    assert words > 500_000
    rate = 10_000 * findings / words
    assert rate <= 2.0, f"{findings} findings in {words} words = {rate:.2f} per 10,000"
