from __future__ import annotations

import pytest

from mtqa.names import sentence_start

TEXT = "The army held. The town fell. “Quote” was said. (Then) more; and so on"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("The army", True),
        ("The town", True),
        ("Quote", True),
        ("Then", True),
        ("army", False),
        ("was", False),
        ("and", False),
    ],
)
def test_sentence_start(word: str, expected: bool) -> None:
    assert sentence_start(TEXT, TEXT.index(word)) is expected
