"""Analysis computed once per document and shared by every rule.

Tokens with offsets, paragraphs (with headings marked), sentences, and offset → line/column mapping.
Rules read these; they never tokenise the text themselves.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import regex

from mtqa.document import Document
from mtqa.lexicon import Lexicon
from mtqa.profiles import LanguageProfile


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


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence span inside one paragraph."""

    start: int
    end: int


# Letters, digits (and underscores) with combining marks; the stdlib engine is several times faster
# than `regex` for this single character class.
TOKEN = re.compile(r"[\w\u0300-\u036f]+(?:['’][\w\u0300-\u036f]+)*")
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
BLANK_CHARS = " \t\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u3000"
CLOSING = '.!?…:;"”’»)]'
# Sentence end: terminal punctuation, closing quotes/brackets, whitespace, then a sentence opener.
SENTENCE_END = regex.compile(r"""[.!?…]+["”’»)\]]*(?=\s+["“‘«(\[]?[\p{Lu}\p{N}])""")
HEADING_MAX_WORDS = 14


class Analysis:
    """Everything rules need to know about a document, computed lazily and at most once."""

    def __init__(self, doc: Document, profile: LanguageProfile, lexicon: Lexicon) -> None:
        """Wrap ``doc``; nothing is computed until a rule asks for it."""
        self.doc = doc
        self.text = doc.text
        self.profile = profile
        self.lexicon = lexicon

    @cached_property
    def line_starts(self) -> list[int]:
        """Offsets at which each line begins (LF, CRLF and CR all end a line)."""
        starts = [0]
        for m in regex.finditer(r"\r\n|\r|\n", self.text):
            starts.append(m.end())
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of a code-point offset."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    @cached_property
    def word_types(self) -> set[str]:
        """The distinct tokens of the text (cheap: no offsets are kept)."""
        return set(TOKEN.findall(self.text))

    @cached_property
    def unknown_words(self) -> list[str]:
        """Distinct tokens (as written) that the lexicon does not know, sorted."""
        return sorted(self.lexicon.unknown(self.word_types))

    def count(self, word: str) -> int:
        """How many times the token ``word`` occurs."""
        return len(self.occurrences(word))

    @cached_property
    def tokens(self) -> list[Token]:
        """Every word token of the text, in order (built only when a rule needs offsets)."""
        return [Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(self.text)]

    @cached_property
    def _occurrences(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for i, token in enumerate(self.tokens):
            index.setdefault(token.text, []).append(i)
        return index

    def occurrences(self, word: str) -> list[int]:
        """Indices into ``tokens`` of every occurrence of the token ``word``."""
        return self._occurrences.get(word, [])

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """Paragraphs: blank-line separated blocks, each line its own paragraph unless hard-wrapped."""
        result: list[Paragraph] = []
        block: list[tuple[int, int]] = []
        for m in LINE.finditer(self.text):
            line = m.group().rstrip("\r\n")
            if m.start() == len(self.text) and not line:
                break
            if not line.strip(BLANK_CHARS):
                self._close_block(block, result)
                block = []
            else:
                block.append((m.start(), m.start() + len(line)))
        self._close_block(block, result)
        return result

    def _close_block(self, block: list[tuple[int, int]], out: list[Paragraph]) -> None:
        if not block:
            return
        if self._hard_wrapped(block):
            out.append(self._paragraph(block[0][0], block[-1][1]))
        else:
            out.extend(self._paragraph(s, e) for s, e in block)

    def _hard_wrapped(self, block: list[tuple[int, int]]) -> bool:
        """A block is hard-wrapped when most of its lines stop mid-sentence at a similar width."""
        if len(block) < 2:
            return False
        body = block[:-1]
        open_ended = sum(1 for s, e in body if self.text[s:e].rstrip()[-1:] not in CLOSING)
        widths = [e - s for s, e in body]
        return open_ended * 2 > len(body) and min(widths) >= max(40, 0.6 * max(widths)) and max(widths) <= 120

    def _paragraph(self, start: int, end: int) -> Paragraph:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        chunk = self.text[start:end]
        words = chunk.split()
        heading = (
            bool(chunk)
            and chunk[-1] not in CLOSING
            and "\n" not in chunk
            and len(words) <= HEADING_MAX_WORDS
            and words[-1].lower() not in self.profile.dangling_words
        )
        return Paragraph(start, end, heading)

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Sentences of every paragraph; a period after a known abbreviation does not end one."""
        result: list[Sentence] = []
        for para in self.paragraphs:
            start = para.start
            for m in SENTENCE_END.finditer(self.text, para.start, para.end):
                if m.group().startswith(".") and self.profile.is_abbreviation(self.text, m.start()):
                    continue
                result.append(Sentence(start, m.end()))
                start = m.end()
                while start < para.end and self.text[start].isspace():
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

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """Return the paragraph containing ``offset``, if any."""
        i = bisect.bisect_right(self._paragraph_starts, offset) - 1
        if i >= 0 and self.paragraphs[i].start <= offset <= self.paragraphs[i].end:
            return self.paragraphs[i]
        return None

    @cached_property
    def _token_ends(self) -> list[int]:
        return [t.end for t in self.tokens]

    def token_index_at(self, offset: int) -> int:
        """Return the index of the first token that ends after ``offset``."""
        return bisect.bisect_right(self._token_ends, offset)
