"""Language identification: a cheap function-word vote, and ``langdetect`` (seeded) where it is needed.

The function words of every shipped target profile (``function_words``) vote on a text's language; that
is fast and reliable on whole stories. ``langdetect`` is slower and unreliable on short text (wrong on
about a quarter of news headlines), so it is called only on spans that a cheap test has already marked
as suspicious, or on a story the vote cannot decide; its profiles load on first use, never at import.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Set
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from mtqa.analysis import TOKEN, word_types_of
from mtqa.profiles import available_languages, load_profile

if TYPE_CHECKING:
    from mtqa.context import Context
    from mtqa.document import Document

VOTE_CHARS = 20_000  # the vote reads the start of a story: enough words, bounded time
MIN_VOTES = 5  # function words the winning language needs
MARGIN = 1.5  # the winner needs this many times the votes of the runner-up
DETECT_MIN_LETTERS = 20  # below this, langdetect's guess is not asked for
DETECT_WHOLE_CHARS = 1_000_000  # a story up to this size has all its tokens read once, shared with the rules


@dataclass(frozen=True)
class FunctionWords:
    """Every shipped language's function words, indexed for the vote."""

    forms: frozenset[str]  # each word, as written or capitalised
    lower: dict[str, str]  # each of those forms → the word
    langs: dict[str, tuple[str, ...]]  # each word → the languages it is a function word of, in order
    order: tuple[str, ...]  # the languages


@cache
def function_words() -> FunctionWords:
    """The function words of every language with a shipped profile (loaded once)."""
    order = available_languages()
    own = {lang: load_profile(lang).function_words for lang in order}
    forms = (form for words in own.values() for word in words for form in (word, word[:1].upper() + word[1:]))
    lower = {form: form.lower() for form in forms}
    langs = {word: tuple(lang for lang in order if word in own[lang]) for word in set(lower.values())}
    return FunctionWords(frozenset(lower), lower, langs, order)


def function_word_forms(words: Set[str]) -> frozenset[str] | set[str]:
    """The tokens of ``words`` that are some language's function word, as written or capitalised."""
    return function_words().forms & words


def vote(words: Iterable[str]) -> Counter[str]:
    """Count, per language, the distinct words of ``words`` that are among its function words.

    Distinct words, so that set intersections do the work (``Le`` and ``le`` count once).
    """
    index = function_words()
    types = words if isinstance(words, set | frozenset) else set(words)
    present = set(map(index.lower.__getitem__, index.forms & types))
    counts = Counter(itertools.chain.from_iterable(map(index.langs.__getitem__, present)))
    return Counter({lang: counts[lang] for lang in index.order if lang in counts})  # in a fixed order


def vote_winner(votes: Counter[str], min_votes: int = MIN_VOTES) -> str | None:
    """The language that clearly wins a function-word vote, or None when the vote is close or thin."""
    ranked = sorted(votes.items(), key=lambda item: item[1], reverse=True)[:2]  # stable, as most_common
    if not ranked or ranked[0][1] < min_votes:
        return None
    if len(ranked) > 1 and ranked[0][1] < MARGIN * ranked[1][1]:
        return None
    return ranked[0][0]


@cache
def _langdetect_ready() -> bool:
    """Load langdetect's profiles once, seeded so that its guesses are reproducible."""
    from langdetect import DetectorFactory
    from langdetect.detector_factory import init_factory

    DetectorFactory.seed = 0
    init_factory()
    return True


def detect(text: str) -> dict[str, float]:
    """``langdetect``'s probabilities for ``text`` (language code → probability); empty when too short."""
    if sum(c.isalpha() for c in text) < DETECT_MIN_LETTERS:
        return {}
    _langdetect_ready()
    from langdetect.detector_factory import _factory
    from langdetect.lang_detect_exception import LangDetectException

    if _factory is None:  # pragma: no cover - init_factory always sets it
        return {}
    detector = _factory.create()
    detector.append(text)
    try:
        return {str(lang.lang): float(lang.prob) for lang in detector.get_probabilities()}
    except LangDetectException:
        return {}


def detect_language(text: str, fallback: str, word_types: set[str] | None = None) -> str:
    """The language of a whole story: the function-word vote, else langdetect, else ``fallback``.

    ``word_types`` are the story's distinct tokens when already known. Only languages with a shipped
    profile are returned.
    """
    winner = vote_winner(vote(word_types if word_types is not None else set(TOKEN.findall(text, 0, VOTE_CHARS))))
    if winner is not None:
        return winner
    known = set(available_languages())
    guesses = detect(text[:2_000])
    best = max(guesses.items(), key=lambda item: item[1], default=None)
    if best is not None and best[0] in known and best[1] >= 0.9:
        return best[0]
    return fallback


@dataclass(frozen=True, slots=True)
class Target:
    """A document with its target language set, the context of that language, and how it was found."""

    doc: Document
    ctx: Context
    detected: bool  # True when the language was detected, not declared
    word_types: set[str] | None = None  # the text's distinct tokens, when detection read them


def resolve_target(doc: Document, ctx: Context) -> Target:
    """The document's target: declared, or detected when the document declares none.

    A document that declares no language (``lang`` empty: the run was not given one) gets the detected
    language of its text. A language without a shipped profile is checked with the run's profile.
    """
    detected, types = not doc.lang, None
    if detected:
        types = word_types_of(doc.text) if len(doc.text) <= DETECT_WHOLE_CHARS else None
        doc = replace(doc, lang=detect_language(doc.text, ctx.lang, types))
    if doc.lang != ctx.lang and doc.lang in available_languages():
        ctx = ctx.for_language(doc.lang)
    return Target(doc, ctx, detected, types)


def language_name(code: str) -> str:
    """The English name of a language code with a shipped profile (``fr`` → French), else the code."""
    return load_profile(code).name if code in available_languages() else code
