"""Function words per language (``mtqa/data/<lang>/function_words.txt``): the cue for untranslated text."""

from __future__ import annotations

from functools import cache

from mtqa.profiles import language_file


@cache
def function_words(lang: str) -> frozenset[str]:
    """The function words of ``lang``, lowercased (empty when none ship)."""
    path = language_file(lang, "function_words.txt")
    if path is None:
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def foreign_words(source: str, target: str) -> frozenset[str]:
    """Function words of ``source`` that are not words of ``target`` (``des``, not ``on``, for French→English)."""
    return function_words(source) - function_words(target)
