"""Analysis computed once per document and shared by every rule.

Tokens with offsets, paragraphs (with headings marked), sentences, and offset → line/column mapping.
Rules read these; they never tokenise the text themselves.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Set
from functools import cached_property
from typing import NamedTuple, Protocol, TypeVar, cast

import regex

from mtqa.document import Document
from mtqa.lexicon import Lexicon
from mtqa.profiles import LanguageProfile

T = TypeVar("T")
V = TypeVar("V")


class Verdicts(Protocol):
    """``Context.verdicts``: the words a named judge has a verdict on, with the verdicts, memoised per run."""

    def __call__(self, name: str, words: Set[str], judge: Callable[[str], V | None]) -> dict[str, V]:
        """The words of ``words`` that ``judge`` (memoised under ``name``) has a verdict on, with it."""
        ...


class Token(NamedTuple):
    """A word-like run of letters, marks and digits (apostrophe contractions kept whole)."""

    start: int
    end: int
    text: str


class Paragraph(NamedTuple):
    """A paragraph span; ``heading`` is true for a short line without closing punctuation."""

    start: int
    end: int
    heading: bool


class Sentence(NamedTuple):
    """A sentence span inside one paragraph."""

    start: int
    end: int


# Letters, digits (and underscores) with combining marks; the stdlib engine is several times faster
# than `regex` for this single character class.
TOKEN = re.compile(r"[\w\u0300-\u036f]+(?:['’][\w\u0300-\u036f]+)*")


def _narrow_word_class() -> str:
    """The word characters below U+0300 (what ``re`` calls word characters) as an explicit class."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x300):
        if chr(code).isalnum() or code == ord("_"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)


# TOKEN for a text whose word characters all lie below U+0300 (no combining mark, no Greek, Cyrillic…):
# an explicit class is a table lookup where ``\w`` asks the Unicode database, a third faster in all.
NARROW_WORD = _narrow_word_class()
NARROW_TOKEN = re.compile(f"[{NARROW_WORD}]++(?:['’][{NARROW_WORD}]++)*+")
WIDE_WORD_CHAR = re.compile(r"[^\x00-\u02ff](?<=[\w\u0300-\u036f])")  # one that NARROW_TOKEN would miss


def word_types_of(text: str) -> set[str]:
    """The distinct tokens of ``text``, as TOKEN finds them."""
    if WIDE_WORD_CHAR.search(text) is None:
        return set(NARROW_TOKEN.findall(text))
    return set(TOKEN.findall(text))


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_" or "\u0300" <= char <= "\u036f"


def _joined(text: str, i: int, step: int) -> bool:
    """True when ``text[i]`` continues a token: a word character, or an apostrophe before one."""
    if not 0 <= i < len(text):
        return False
    if _word_char(text[i]):
        return True
    return text[i] in "'’" and 0 <= i + step < len(text) and _word_char(text[i + step])


NEWLINE = re.compile(r"\r\n|\r|\n")
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
BLANK_CHARS = " \t\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u3000"
CLOSING = '.!?…:;"”’»)]'
# Sentence end: terminal punctuation, closing quotes/brackets, whitespace, then a sentence opener.
SENTENCE_END = regex.compile(r"""[.!?…]+["”’»)\]]*(?=\s+["“‘«(\[]?[\p{Lu}\p{N}])""")
HEADING_MAX_WORDS = 14


def ends_open(line: str) -> bool:
    """True when a line stops mid-sentence: no closing punctuation, or a comma inside a quote (“…bombs,”)."""
    stripped = line.rstrip()
    return stripped[-1:] not in CLOSING or (stripped[-2:-1] in ",;:" and stripped[-1:] in '"”’»)')


class LineIndex:
    """Maps code-point offsets to 1-based line and column numbers (LF, CRLF and CR end a line)."""

    def __init__(self, text: str) -> None:
        """Index the line starts of ``text``."""
        self.starts = [0] + [m.end() for m in NEWLINE.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of a code-point offset."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


class Analysis:
    """Everything rules need to know about a document, computed lazily and at most once."""

    def __init__(
        self,
        doc: Document,
        profile: LanguageProfile,
        lexicon: Lexicon,
        word_types: set[str] | None = None,
        verdicts: Verdicts | None = None,
    ) -> None:
        """Wrap ``doc``; nothing is computed until a rule asks for it.

        ``word_types``: the distinct tokens, when already known; ``verdicts``: the run's memo of verdicts
        on words (``Context.verdicts``), which then keeps the lexicon's.
        """
        self.doc = doc
        self.text = doc.text
        self.profile = profile
        self.lexicon = lexicon
        self._verdicts = verdicts
        self._occurrences: dict[str, list[Token]] = {}
        self._shared: dict[str, object] = {}
        if word_types is not None:
            self.__dict__["word_types"] = word_types  # the cached_property's slot: computed by language detection

    def shared(self, key: str, compute: Callable[[], T]) -> T:
        """A value computed once per document by ``compute`` and shared by the rules asking for ``key``."""
        if key not in self._shared:
            self._shared[key] = compute()
        return cast(T, self._shared[key])

    @cached_property
    def lines(self) -> LineIndex:
        """Offset → line/column mapping of the text."""
        return LineIndex(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of a code-point offset."""
        return self.lines.position(offset)

    @cached_property
    def word_types(self) -> set[str]:
        """The distinct tokens of the text (cheap: no offsets are kept)."""
        return word_types_of(self.text)

    @cached_property
    def unknown_words(self) -> list[str]:
        """Distinct tokens (as written) that the lexicon does not know, sorted."""
        judge = self.lexicon.is_unknown
        if self._verdicts is not None:
            return sorted(self._verdicts("lexicon.unknown", self.word_types, judge))
        return sorted(word for word in self.word_types if judge(word))

    def count(self, word: str) -> int:
        """How many times the token ``word`` occurs."""
        return len(self.occurrences(word))

    def occurrences(self, word: str) -> list[Token]:
        """Every occurrence of the token ``word``, in order (one C-speed search, memoised per word)."""
        found = self._occurrences.get(word)
        if found is None:
            found = self._occurrences[word] = []
            text, size = self.text, len(word)
            at = text.find(word)
            while at != -1:
                if not _joined(text, at - 1, -1) and not _joined(text, at + size, 1):
                    found.append(Token(at, at + size, word))
                at = text.find(word, at + size)
        return found

    def words_before(self, offset: int, count: int) -> list[str]:
        """The ``count`` tokens just before ``offset`` (fewer at the start of the text)."""
        return TOKEN.findall(self.text, max(0, offset - 24 * count), offset)[-count:] if count else []

    def token_after(self, offset: int) -> Token | None:
        """The first token starting at or after ``offset`` within the next few characters."""
        m = TOKEN.search(self.text, offset, offset + 64)
        return Token(m.start(), m.end(), m.group()) if m else None

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """Paragraphs: blank-line separated blocks, each line its own paragraph unless hard-wrapped."""
        result: list[Paragraph] = []
        block: list[tuple[int, int]] = []
        for start, line in self._lines():
            if not line.strip(BLANK_CHARS):
                self._close_block(block, result)
                block = []
            else:
                block.append((start, start + len(line)))
        self._close_block(block, result)
        return result

    def _lines(self) -> Iterator[tuple[int, str]]:
        """Each line's offset and text, without its line break (LF, CRLF or CR)."""
        text = self.text
        if "\r" in text:
            for m in LINE.finditer(text):
                line = m.group().rstrip("\r\n")
                if m.start() == len(text) and not line:
                    return
                yield m.start(), line
            return
        start = 0
        for line in text.split("\n"):  # the common case, several times faster than a search per line
            yield start, line
            start += len(line) + 1

    def _close_block(self, block: list[tuple[int, int]], out: list[Paragraph]) -> None:
        if not block:
            return
        if len(block) == 1:
            out.append(self._paragraph(*block[0]))
        elif self._hard_wrapped(block):
            out.append(self._paragraph(block[0][0], block[-1][1]))
        else:
            out.extend(self._paragraph(s, e) for s, e in block)

    def _hard_wrapped(self, block: list[tuple[int, int]]) -> bool:
        """A block is hard-wrapped when its lines stop mid-sentence at a similar width.

        A headline followed on the next line by its first paragraph is not: the last line of a wrapped
        block is never longer than the wrap width, identical lines are never merged, and a two-line
        block is merged only when its second line continues in lowercase.
        """
        if len(block) < 2:
            return False
        text = self.text
        lines = [text[s:e] for s, e in block]
        body = lines[:-1]
        width = max(len(line) for line in body)
        if len(lines[-1]) > width + 2 or width > 120 or len(set(lines)) < len(lines):
            return False
        if min(len(line) for line in body) < max(40, 0.75 * width):
            return False
        if len(lines) == 2 and not lines[1].lstrip()[:1].islower():
            return False
        open_ended = sum(1 for line in body if ends_open(line))
        return open_ended * 2 > len(body)

    def _paragraph(self, start: int, end: int) -> Paragraph:
        raw = self.text[start:end]
        chunk = raw.strip()
        start += len(raw) - len(raw.lstrip())
        end = start + len(chunk)
        heading = bool(chunk) and chunk[-1] not in CLOSING and "\n" not in chunk
        if heading:
            words = chunk.split()
            heading = len(words) <= HEADING_MAX_WORDS and words[-1].lower() not in self.profile.dangling_words
        return Paragraph(start, end, heading)

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Sentences of every paragraph; a period after a known abbreviation does not end one."""
        text = self.text
        # One search over the whole text: a sentence end never spans paragraphs (it stops before the
        # space that must follow it), and one that looks past its paragraph ends the paragraph anyway.
        ends = [
            m
            for m in SENTENCE_END.finditer(text)
            if not (m[0][0] == "." and self.profile.is_abbreviation(text, m.start()))
        ]
        result: list[Sentence] = []
        i = 0
        for para in self.paragraphs:
            start = para.start
            while i < len(ends) and ends[i].start() < para.start:
                i += 1
            while i < len(ends) and ends[i].end() <= para.end:
                end = ends[i].end()
                i += 1
                result.append(Sentence(start, end))
                start = end
                while start < para.end and text[start].isspace():
                    start += 1
            if start < para.end:
                result.append(Sentence(start, para.end))
        return result

    @cached_property
    def _sentence_starts_sorted(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> Sentence | None:
        """Return the sentence containing ``offset``, if any."""
        i = bisect.bisect_right(self._sentence_starts_sorted, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset <= self.sentences[i].end:
            return self.sentences[i]
        return None
