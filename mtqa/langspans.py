"""Spans of a document written in another language than its target: untranslated sentences and fragments.

Cheap tests first, so that clean text costs almost nothing: a document is looked at only when it holds
*marker* words of a candidate language (its function words that the target lexicon hardly knows:
``dans``, ``selon``, ``été`` in English). In a sentence that holds one, every token is classified by
comparing its frequency in the target and the candidate language (wordfreq): foreign, target or
neutral (names, numbers, shared words such as ``a``). Runs of foreign and neutral tokens are kept
when they have enough foreign words, at least one marker and, when long enough for it to be
reliable, langdetect (seeded) agrees that they are not in the target language. Whole stories in
another language are recognised by the function-word vote (``mtqa.langid``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache

from mtqa.analysis import TOKEN, Analysis
from mtqa.context import Context
from mtqa.langid import detect, function_word_forms, vote, vote_winner
from mtqa.lexicon import Lexicon
from mtqa.profiles import available_languages, load_profile

MARKER_MAX_ZIPF = 3.7  # a candidate's function word rarer than this in the target marks a suspicious sentence
FOREIGN_MIN_ZIPF = 2.5  # a foreign word is at least this frequent in its language…
FOREIGN_MARGIN = 1.5  # …and this much more frequent there than in the target
TARGET_MARGIN = 1.0  # a target word is this much more frequent in the target
FOREIGN_FLOOR = 2.0  # candidate-language words rarer than this are read as unknown (see foreign_lexicon)
MIN_FOREIGN = 3  # foreign words a span needs
MIN_SHARE = 0.6  # share of foreign words among a span's tokens
DETECT_LETTERS = 24  # spans with fewer letters are judged by the lexicon alone (stricter)
MIN_PROBABILITY = 0.8  # langdetect must give the foreign language at least this
UNMARKED_PROBABILITY = 0.95  # …or this, for a span without a marker word
UNMARKED_FOREIGN = 4  # a span without a marker word needs this many foreign words
COMMON_IN_TARGET = 5.0  # function words of another language this frequent in the target say nothing (de, la, no)
MIN_FUNCTION_WORDS = 3  # without a marker, a sentence is examined when it has this many foreign function words
SENTENCE_SHARE = 0.75  # a span covering this share of its sentence's tokens is the whole sentence
OPENING_QUOTES = "“«\"‘'„"
STORY_MIN_WORDS = 20  # a story with fewer distinct words than this is not judged as a whole
STORY_MIN_CHARS = 100
STORY_MIN_VOTES = 6  # function words the language of a whole story needs (and twice the target's)

FOREIGN, TARGET, NEUTRAL = 1, 2, 0


@dataclass(frozen=True, slots=True)
class ForeignSpan:
    """A span in language ``lang``: a whole ``sentence`` (or run of sentences) or a ``fragment`` of one."""

    start: int
    end: int
    lang: str
    kind: str
    quoted: bool = False


@cache
def lexicon_for(lang: str) -> Lexicon:
    """The word frequencies of the target language (shared by every run)."""
    return Lexicon(lang)


@cache
def foreign_lexicon(lang: str) -> Lexicon:
    """The word frequencies of a candidate language, without its words rarer than FOREIGN_FLOOR.

    ``_classify`` compares a candidate's frequency only with thresholds of 2.5 and more (a foreign word),
    or asks it to be 1 below a target frequency of 3 or more (a target word): for both, any word rarer
    than 2 gives the verdict an unknown word gives.
    """
    return Lexicon(lang, floor=FOREIGN_FLOOR)


@cache
def markers(target: str, candidate: str) -> frozenset[str]:
    """Function words of ``candidate`` that the ``target`` lexicon hardly knows (``dans``, ``selon``)."""
    target_words = load_profile(target).function_words
    zipf = lexicon_for(target).zipf
    return frozenset(
        word
        for word in load_profile(candidate).function_words
        if word not in target_words and (len(word) > 1 or not word.isascii()) and zipf(word) < MARKER_MAX_ZIPF
    )


@cache
def foreign_function_words(target: str, candidate: str) -> frozenset[str]:
    """Function words of ``candidate`` that are not the target's and not common in it (``les``, ``des``)."""
    zipf = lexicon_for(target).zipf
    words = load_profile(candidate).function_words - load_profile(target).function_words
    return frozenset(word for word in words if zipf(word) < COMMON_IN_TARGET)


@cache
def _cased(words: frozenset[str]) -> frozenset[str]:
    """The words and their capitalised forms, to intersect with a document's tokens as written."""
    return words | {word[:1].upper() + word[1:] for word in words}


def source_language(doc: Analysis, ctx: Context) -> str | None:
    """The source language of the document: its bilingual file's, else the run's (None: unknown)."""
    bilingual = getattr(doc.doc, "bilingual", None)
    source = getattr(bilingual, "source_lang", None) or ctx.source
    return source if isinstance(source, str) and source else None


def target_language(doc: Analysis, ctx: Context) -> str:
    """The language the document is checked against: its own when it has a profile, else the run's.

    A feed item may declare any language (``"language": "pl"``); without a profile, the run's checks it.
    """
    lang = doc.doc.lang
    return lang if lang and lang in available_languages() else ctx.lang


def candidates(doc: Analysis, ctx: Context) -> list[str]:
    """The languages untranslated text may be in: the source language, else every other shipped one."""
    target = target_language(doc, ctx)
    source = source_language(doc, ctx)
    if source is not None and source != target and source in available_languages():
        return [source]
    return [lang for lang in available_languages() if lang != target]


def function_forms(doc: Analysis) -> frozenset[str] | set[str]:
    """The document's tokens that are some language's function word (computed once, shared)."""
    return doc.shared("langid.function-forms", lambda: function_word_forms(doc.word_types))


def story_language(doc: Analysis, ctx: Context) -> str | None:
    """The language of a story written in another language than its target altogether, else None."""
    return doc.shared("langspans.story", lambda: _story_language(doc, ctx))


def _story_language(doc: Analysis, ctx: Context) -> str | None:
    target = target_language(doc, ctx)
    if len(doc.text) < STORY_MIN_CHARS or len(doc.word_types) < STORY_MIN_WORDS:
        return None
    forms = function_forms(doc)
    if len(forms - _cased(load_profile(target).function_words)) < STORY_MIN_VOTES // 2:
        # Another language wins with STORY_MIN_VOTES words and twice the target's: half of them at least
        # are no function words of the target, and each has a form of its own in the text.
        return None
    votes = vote(forms)
    winner = vote_winner(votes, min_votes=STORY_MIN_VOTES)
    if winner is None or winner == target or votes[winner] < 2 * votes[target]:
        return None
    guesses = detect(doc.text[:2_000])
    if guesses and guesses.get(target, 0.0) >= 0.5:
        return None  # langdetect reads the story as the target: trust the target
    return winner


def foreign_spans(doc: Analysis, ctx: Context) -> tuple[ForeignSpan, ...]:
    """The untranslated spans of the document (computed once, shared by the language rules)."""
    return doc.shared("langspans.spans", lambda: _foreign_spans(doc, ctx))


def _foreign_spans(doc: Analysis, ctx: Context) -> tuple[ForeignSpan, ...]:
    target = target_language(doc, ctx)
    if story_language(doc, ctx) is not None:
        return ()  # the whole story is in another language: one finding says so
    present: dict[str, frozenset[str]] = {}
    forms = function_forms(doc)
    for lang in candidates(doc, ctx):
        words = frozenset(w.lower() for w in _cased(foreign_function_words(target, lang)) & forms)
        if markers(target, lang) & words or len(words) >= MIN_FUNCTION_WORDS:
            present[lang] = words
    if not present:
        return ()
    # Only a sentence with a token of a present language's function words can be in it: their places,
    # found by a search of the text per distinct token, pick the sentences worth reading token by token.
    function_words = frozenset().union(*(foreign_function_words(target, lang) for lang in present))
    places = sorted(
        token.start
        for word in doc.word_types
        if word.lower() in function_words and not (len(word) > 1 and word.isupper())
        for token in doc.occurrences(word)
    )
    spans: list[ForeignSpan] = []
    text = doc.text
    for sentence in doc.sentences:
        at = bisect.bisect_left(places, sentence.start)
        if at == len(places) or places[at] >= sentence.end:
            continue  # no function word of another language in it
        tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, sentence.start, sentence.end)]
        lowered_tokens = [t.lower() for _, _, t in tokens if not (len(t) > 1 and t.isupper())]
        votes = {lang: sum(w in found for w in lowered_tokens) for lang, found in present.items()}
        lang = max(votes, key=lambda k: votes[k])
        if votes[lang] < MIN_FUNCTION_WORDS and not any(w in markers(target, lang) for w in lowered_tokens):
            continue
        spans.extend(_sentence_spans(text, tokens, target, lang, sentence.start, sentence.end))
    return tuple(_merge(text, spans))


def _classify(token: str, first: bool, target: str, lang: str) -> int:
    """FOREIGN, TARGET or NEUTRAL, by the token's frequency in the two languages."""
    if token.isdigit():
        return NEUTRAL
    word = token.lower()
    if word in markers(target, lang):
        return FOREIGN
    in_target = lexicon_for(target).zipf(word)
    in_foreign = foreign_lexicon(lang).zipf(word)
    if token[:1].isupper() and not first and not load_profile(target).nouns_capitalised:
        # a name: foreign only when the target hardly knows it (Moscou), never a target word
        return FOREIGN if in_foreign >= 3.0 and in_foreign - in_target >= 2.0 else NEUTRAL
    if in_foreign >= FOREIGN_MIN_ZIPF and in_foreign - in_target >= FOREIGN_MARGIN:
        return FOREIGN
    if in_target >= 3.0 and in_target - in_foreign >= TARGET_MARGIN:
        return TARGET
    return NEUTRAL


def _sentence_spans(
    text: str, tokens: list[tuple[int, int, str]], target: str, lang: str, start: int, end: int
) -> list[ForeignSpan]:
    """The foreign runs of one sentence, confirmed."""
    kinds = [_classify(token, i == 0, target, lang) for i, (_, _, token) in enumerate(tokens)]
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(kinds):
        if kinds[i] != FOREIGN:
            i += 1
            continue
        j = i
        while j + 1 < len(kinds) and (
            kinds[j + 1] != TARGET or (j + 2 < len(kinds) and kinds[j + 2] == FOREIGN and kinds[j] == FOREIGN)
        ):
            j += 1
        while kinds[j] != FOREIGN:
            j -= 1
        runs.append((i, j))
        i = j + 1
    found: list[ForeignSpan] = []
    mark = markers(target, lang)
    for first, last in runs:
        run = tokens[first : last + 1]
        foreign = sum(kinds[k] == FOREIGN for k in range(first, last + 1))
        marked = sum(t.lower() in mark for _, _, t in run)
        if foreign < MIN_FOREIGN or foreign < MIN_SHARE * len(run):
            continue
        span_start, span_end = run[0][0], run[-1][1]
        chunk = text[span_start:span_end]
        if sum(c.isalpha() for c in chunk) >= DETECT_LETTERS:
            guesses = detect(chunk)
            best = max(guesses.items(), key=lambda item: item[1], default=("", 0.0))
            needed = MIN_PROBABILITY if marked else UNMARKED_PROBABILITY
            if best[0] == target or best[1] < needed or guesses.get(target, 0.0) > 0.1:
                continue
            if not marked and foreign < UNMARKED_FOREIGN:
                continue
            lang_found = lang if guesses.get(lang, 0.0) >= 0.3 else best[0]
        elif marked < 2 or foreign < len(run):
            continue
        else:
            lang_found = lang
        whole = len(run) >= SENTENCE_SHARE * len(tokens)
        if whole:
            span_start, span_end = start, end
        before = text[max(0, span_start - 2) : span_start].strip()
        quoted = bool(before) and before[-1] in OPENING_QUOTES
        found.append(ForeignSpan(span_start, span_end, lang_found, "sentence" if whole else "fragment", quoted))
    return found


def _merge(text: str, spans: list[ForeignSpan]) -> list[ForeignSpan]:
    """Consecutive whole sentences in one language, separated only by spaces, become one span."""
    merged: list[ForeignSpan] = []
    for span in spans:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.kind == span.kind == "sentence"
            and last.lang == span.lang
            and not text[last.end : span.start].strip(" \t")
        ):
            merged[-1] = ForeignSpan(last.start, span.end, span.lang, "sentence", last.quoted)
        else:
            merged.append(span)
    return merged
