"""Where a word stands: at a sentence start, or inside a longer name. Shared by the rules that need it."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from mtqa.analysis import Analysis
from mtqa.profiles import LanguageProfile

OPENERS = "\"'“‘«([*•—–- "
CLOSERS = '"”’»)]'
POSSESSIVES = ("'s", "’s")
CONTEXT_WINDOW = 600  # characters either side in which a context word must occur


def fold(text: str) -> str:
    """Lowercase and drop accents: Balakliïa → balakliia, Élisabeth → elisabeth."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


def split_possessive(word: str) -> tuple[str, str]:
    """Kyiv's → (Kyiv, 's); a word without a possessive ending comes back whole."""
    for suffix in POSSESSIVES:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)], suffix
    return word, ""


def context_near(text: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """True when one of ``words`` occurs as a whole word within CONTEXT_WINDOW characters of the span."""
    window = text[max(0, start - CONTEXT_WINDOW) : end + CONTEXT_WINDOW]
    return _context_pattern(words).search(window) is not None


@cache
def _context_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def sentence_start(text: str, pos: int) -> bool:
    """True when ``pos`` begins a line or follows sentence punctuation and a space (openers skipped)."""
    i = pos
    while i > 0 and text[i - 1] in OPENERS and text[i - 1] != " ":  # “(, not the space before the word
        i -= 1
    if i == 0 or text[i - 1] in "\r\n":
        return True
    j = i
    while j > 0 and text[j - 1] in " \t\u00a0":
        j -= 1
    if j == i:
        return False
    while j > 0 and text[j - 1] in CLOSERS:
        j -= 1
    return j > 0 and text[j - 1] in ".!?…:"


def after_capitalised_word(doc: Analysis, start: int) -> bool:
    """True when a capitalised word and one space come just before ``start`` (a first name, a title)."""
    before = doc.words_before(start, 1)
    return bool(before) and before[0][:1].isupper() and doc.text[start - 1 : start] == " "


def inside_longer_name(doc: Analysis, profile: LanguageProfile, start: int, end: int) -> bool:
    """True when the name at ``[start, end)`` is part of another name.

    A person (Prince Georgy Lvov), a ship or a building (the cruiser Moskva), a hyphenated compound
    (Kamianka-Dniprovska) or a longer capitalised name (Stanytsia Luhanska, The Odessa File); but not
    a place followed by its kind (Kharkiv Oblast, Dnipro River).
    """
    text = doc.text
    if text[start - 1 : start] == "-" or text[end : end + 1] == "-":
        return True
    before = doc.words_before(start, 1)
    if before and text.endswith(before[0] + " ", 0, start):
        word = before[0]
        if word.lower() in profile.name_markers:
            return True
        if word[:1].isupper() and word.lower() not in profile.place_prepositions:
            if not sentence_start(text, start - len(word) - 1):
                return True
    after = doc.token_after(end)
    if after is None or after.start != end + 1 or text[end] != " ":
        return False
    return after.text[:1].isupper() and after.text.lower() not in profile.place_nouns
