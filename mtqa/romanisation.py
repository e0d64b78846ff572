"""The national romanisation of Ukrainian (Cabinet of Ministers resolution no. 55 of 27 January 2010).

The English form of a Ukrainian place or person name: ``Купʼянськ`` → ``Kupiansk``, ``Згурський`` →
``Zghurskyi``. Position rules: є ї й ю я are written ``Ye Yi Y Yu Ya`` at the start of a word and
``ie i i iu ia`` elsewhere; ``зг`` is ``zgh``; the soft sign and the apostrophe are dropped. Letter case
follows the source: a capital becomes a capitalised group (``Ж`` → ``Zh``), an all-capital word stays
all capitals (``ЖИТОМИР`` → ``ZHYTOMYR``).
"""

from __future__ import annotations

LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia",
}  # fmt: skip
WORD_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
APOSTROPHES = frozenset("'’ʼ`´")


def _is_letter(char: str) -> bool:
    return char.isalpha() or char in APOSTROPHES


def _inner_apostrophe(text: str, i: int) -> bool:
    """True when ``text[i]`` is an apostrophe inside a word (Знамʼянка), not a quotation mark."""
    return text[i] in APOSTROPHES and i > 0 and text[i - 1].isalpha()


def romanise_uk(text: str) -> str:
    """Romanise Ukrainian ``text`` by the 2010 national system; other characters pass through."""
    out: list[str] = []
    for i, char in enumerate(text):
        lower = char.lower()
        if char in APOSTROPHES and 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha():
            continue  # the apostrophe inside a word is dropped
        if lower not in LETTERS:
            out.append(char)
            continue
        initial = i == 0 or not (text[i - 1].isalpha() or _inner_apostrophe(text, i - 1))
        if lower == "г" and i > 0 and text[i - 1].lower() == "з":
            latin = "gh"  # зг → zgh, to tell it from ж (zh)
        elif initial and lower in WORD_INITIAL:
            latin = WORD_INITIAL[lower]
        else:
            latin = LETTERS[lower]
        if char != lower and latin:
            word_end = i
            while word_end < len(text) and _is_letter(text[word_end]):
                word_end += 1
            word_start = i
            while word_start > 0 and _is_letter(text[word_start - 1]):
                word_start -= 1
            word = text[word_start:word_end]
            all_caps = len(word) > 1 and word.isupper()
            latin = latin.upper() if all_caps else latin[0].upper() + latin[1:]
        out.append(latin)
    return "".join(out)
