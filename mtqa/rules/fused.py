"""Fused-token rules: words joined across a lost space, sentence break or heading, and drop caps."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from mtqa.analysis import Analysis, Token
from mtqa.context import Context
from mtqa.findings import Applicability, Edit, Fix, Severity
from mtqa.names import after_capitalised_word, sentence_start
from mtqa.registry import Example, Hit, Rule

# Zipf thresholds (wordfreq scale: 0 unknown, 3 ≈ once per million words, 6 ≈ "he", "on").
KNOWN_WORD = 3.0
KNOWN_NAME = 1.5
FUNCTION_WORD = 5.3
UNKNOWN_TOKEN = 1.0

YEAR = re.compile(r"(?:1[89]|20)\d\d")
LETTER_DIGIT = regex.compile(r"^(\p{L}*\p{Ll}{2,})(\d)")
DIGIT_WORD = regex.compile(r"(\d)(\p{Lu}\p{Ll}{2,}|\p{Ll}{4,})(?:['’]\p{Ll}+)?$")
ACRONYM_WORD = regex.compile(r"^(\p{Lu}{2,})(\p{Lu}\p{Ll}{2,})")
ACRONYM_LOWER = regex.compile(r"^(\p{Lu}{2,})(\p{Ll}{3,})$")
WORD_WORD = regex.compile(r"^(\p{Lu}?\p{Ll}{3,})(\p{Lu}\p{Ll}+)")
LOWER_WORD = regex.compile(r"^\p{Ll}{6,30}$")  # longer runs are not two fused words
LIST_TAIL = regex.compile(r"\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+(?:,| and )")
NAME_AFTER = regex.compile(r" \p{Lu}\p{Ll}+(?![\p{L}\p{N}])")
CAPITAL_WORD = regex.compile(r"^\p{Lu}\p{Ll}{4,30}$")
# Two capitals then lowercase (TThe, JI’m) as a whole token; the sentence start is checked in code.
_LOWER = "a-z\u00df-\u00f6\u00f8-\u00ff\u03b1-\u03c9\u0430-\u044f"
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0391-\u03a9\u0410-\u042f"
DROP_CAP = re.compile(rf"([{_UPPER}])([{_UPPER}](?:[{_LOWER}]+|['’][{_LOWER}]+)(?:['’][{_LOWER}]+)?)(?![\w])")
# Punctuation directly followed by a letter: the candidates of missing-space-after-punctuation.
GLUED = re.compile(r"[.!?,;:”%](?=[^\W\d_])")
WORD_END = regex.compile(r"(?<![\p{L}\p{N}.])(\p{L}[\p{L}\p{M}]*)$")
WORD_START = regex.compile(r"\p{L}[\p{Ll}\p{M}]*")
TECHNICAL_RUN = regex.compile(r"[/@\\]|www\.|https?:|\.(?:com|org|net|co|gov|edu)\b", regex.IGNORECASE)


def _insertion(text: str, start: int, end: int, at: int, message: str, seps: list[str]) -> Hit:
    """A hit whose fix inserts the first separator at ``at``.

    The other separators become alternatives, written as replacements of the whole ``[start, end)``.
    """
    fix = Fix((Edit(at, at, seps[0]),), Applicability.UNSAFE)
    alternatives = tuple(text[start:at] + sep + text[at:end] for sep in seps[1:])
    return Hit(start, end, message, fix, alternatives)


def _separators(doc: Analysis, ctx: Context, offset: int) -> list[str]:
    """Best separator first: a comma after an opening phrase, else a space.

    “According to CNN, …” and “In a statement to Reuters, …” take the comma.
    """
    sentence = doc.sentence_at(offset)
    head = doc.text[sentence.start : offset].lower() if sentence else ""
    left = doc.words_before(offset, 1)
    if left and ctx.lexicon.zipf(left[0]) >= 5.5 and len(left[0]) <= 5:
        return [" ", ", "]  # than|40, of|CNN: no comma after a function word
    tail = doc.text[offset : offset + 60]
    if LIST_TAIL.match(tail):
        return [", ", " "]  # Goals from Ousmane Dembélé|Bradley Barcola and Kylian Mbappé
    first = head.split(" ", 1)[0]
    if any(head.startswith(p + " ") for p in ctx.profile.introductory_phrases) or (
        first in ctx.profile.phrase_prepositions and "," not in head
    ):
        return [", ", " "]
    return [" ", ", "]


def _unique(doc: Analysis, word: str) -> bool:
    """A fusion artifact is a one-off; a word used twice in a story is more likely real."""
    return doc.count(word) == 1


def _first(doc: Analysis, word: str) -> Token:
    """The first occurrence of the token ``word``."""
    return doc.occurrences(word)[0]


def _counted_noun_after(doc: Analysis, ctx: Context, end: int) -> bool:
    """True when a plural noun follows (Synehubov14 people): the number counts it, the name came before."""
    after = doc.token_after(end)
    if after is None or after.start != end + 1 or not after.text.islower():
        return False
    return (after.text.endswith("s") and len(after.text) > 3) or after.text in ctx.profile.irregular_plurals


def check_letter_digit(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag a word glued to a number (``Studies2500km²``, ``2022Ukraine``)."""
    lex = ctx.lexicon
    units = ctx.profile.units
    for word in doc.unknown_words:
        if word.isalpha() or not any(c.isdigit() for c in word):
            continue
        m = LETTER_DIGIT.match(word)
        if m:
            tail = word[m.end(1) :].lstrip("0123456789.,")
            left = m.group(1)
            known = len(left) >= 3 and lex.zipf(left) >= KNOWN_WORD
            in2022 = lex.zipf(left) >= 6.0 and YEAR.fullmatch(word[m.end(1) :]) is not None
            # A unit after the number (Studies2500km²), a lowercase word before a bare number, a year
            # after a short word (in2022), or a name before a count (Synehubov14 people); otherwise it
            # is a product name (Euro1080, One2One, Top500).
            name_then_count = (
                not tail
                and left[0].isupper()
                and (lex.zipf(left) < 2.0 or lex.cased_form(left) is not None)
                and _counted_noun_after(doc, ctx, _first(doc, word).end)
            )
            if not ((known and (tail in units or (not tail and left.islower()))) or in2022 or name_then_count):
                continue
            split = m.end(1)
            message = f"“{m.group(1)}” is fused with the number that follows: a space or comma was lost"
        else:
            m = DIGIT_WORD.search(word)
            if not m or not word[: m.start(2)].isdigit() or lex.zipf(m.group(2)) < KNOWN_WORD:
                continue
            if m.group(2)[0].isupper() and m.start(2) < 2:
                continue  # 4Cast, 3Com: a one-digit brand prefix
            split = m.start(2)
            message = f"the number is fused with “{m.group(2)}”: a space was lost"
        for token in doc.occurrences(word):
            at = token.start + split
            seps = _separators(doc, ctx, at) if m.re is LETTER_DIGIT else [" ", ". "]
            yield _insertion(doc.text, token.start, token.end, at, message, seps)


LETTER_DIGIT_JOIN = Rule(
    code="FUS001",
    name="letter-digit-join",
    family="fused",
    severity=Severity.ERROR,
    mqm="Fluency/Spelling",
    fix=Applicability.UNSAFE,
    summary="A word and a number are fused across a lost space or comma (“Studies2500km²”).",
    explanation=(
        "When a heading, a line break or a comma is lost, a word runs into the number that follows. "
        "A token is flagged when it is unknown to the lexicon and splits into a known word of three or "
        "more letters and a number (or a number and a known word). Product codes and units such as "
        "“MH17”, “G7”, “10km” or “1990s” are not flagged. The fix inserts a space (a comma after an "
        "introductory phrase such as “According to”) and is unsafe: the lost character may have "
        "been a period or a line break."
    ),
    check=check_letter_digit,
    flags=(
        Example(
            "According to the Institute for Economic Studies2500km² have been taken over.",
            "According to the Institute for Economic Studies, 2500km² have been taken over.",
        ),
        Example(
            "The war began in 2022Ukraine then asked for help.", "The war began in 2022 Ukraine then asked for help."
        ),
    ),
    passes=(
        "Flight MH17 was shot down; the G7 met in the 1990s and at 10am.",
        "The army advanced 10km on Covid-19 days; F-16 jets flew.",
        "One2One, Euro1080, Top500 and 4Cast are brands.",
    ),
)


def check_case_boundary(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag tokens fused at a case boundary (``CNNUkrainian``, ``LyonGrégory``)."""
    lex = ctx.lexicon
    text = doc.text
    for word in doc.unknown_words:
        if word.islower() or word.isupper() or not word.isalpha():
            continue
        # An acronym may lend its last capital to the word (CNN|Ukrainian) or not (OFCE|household):
        # take the reading whose second part is the better-known word.
        readings = [r for r in (ACRONYM_WORD.match(word), ACRONYM_LOWER.match(word), WORD_WORD.match(word)) if r]
        if not readings:
            continue
        m = max(readings, key=lambda r: lex.zipf(r.group(2)))  # acronym and word readings never co-occur
        left, right = m.group(1), m.group(2)
        acronym_lower = right.islower()  # OFCEhousehold, AFPthe: an acronym glued to a common word
        if acronym_lower and (lex.zipf(right) < 4.0 or right in ctx.profile.compound_suffixes):
            continue
        # Camel-case brands join common words (GlobeScan, RIPMobile, StreamCast); fused text joins a
        # name to a name (CNNUkrainian, LyonGrégory Doucet) or to a sentence opener (AttalThe).
        opener = not left.isupper() and right.lower() in ctx.profile.sentence_openers
        if acronym_lower:
            pass
        elif left.isupper():
            # CNNUkrainian (a name follows), DMAApple (the acronym is used on its own in the story)
            if lex.cased_form(right) is None and left not in doc.word_types:
                continue
        elif not opener:
            left_is_name = lex.cased_form(left) is not None or left[0].islower()
            right_is_name = lex.cased_form(right) is not None
            surname_after = lex.zipf(right) < 4.5 and NAME_AFTER.match(text, _first(doc, word).end)
            # JulietteBinoche: a first name the lexicon knows, then a rare capitalised word (a surname)
            first_name = lex.cased_form(left) is not None and lex.zipf(left) < 4.5 and lex.zipf(right) < 2.5
            if not (left_is_name and right_is_name) and not surname_after and not first_name:
                continue
        if not (opener or acronym_lower) and (lex.zipf(left) < KNOWN_NAME or lex.zipf(right) < UNKNOWN_TOKEN):
            continue
        if not _unique(doc, word):
            continue
        token = _first(doc, word)
        at = token.start + len(left)
        if opener:
            fix = Fix((Edit(at, at, ". "),), Applicability.UNSAFE)
            yield Hit(
                token.start,
                token.end,
                f"“{left}” and “{right}” are fused: a sentence break was probably lost",
                fix,
                (f"{left} {word[len(left) :]}",),
            )
            continue
        yield _insertion(
            text,
            token.start,
            token.end,
            at,
            f"“{left}” and “{word[len(left) :]}” are fused: a space or comma was lost",
            _separators(doc, ctx, at),
        )


CASE_BOUNDARY_JOIN = Rule(
    code="FUS002",
    name="case-boundary-join",
    family="fused",
    severity=Severity.ERROR,
    mqm="Fluency/Spelling",
    fix=Applicability.UNSAFE,
    summary="Two words fused at a case boundary (“CNNUkrainian”, “LyonGrégory Doucet”).",
    explanation=(
        "An acronym or word runs into a capitalised word after a lost space or comma. A token is "
        "flagged when the whole is unknown to the lexicon but both parts are known; camel-case brand "
        "names (YouTube, PlayStation) are known as wholes, and a camel-case word used more than once in "
        "a story is taken as a real name. The fix inserts a space, or a comma after an introductory "
        "phrase (“According to CNN, Ukrainian forces…”); it is unsafe."
    ),
    check=check_case_boundary,
    flags=(
        Example(
            "According to CNNUkrainian forces seek to attack supply routes.",
            "According to CNN, Ukrainian forces seek to attack supply routes.",
        ),
        Example(
            "He met the mayor of LyonGrégory Doucet on Friday.", "He met the mayor of Lyon Grégory Doucet on Friday."
        ),
    ),
    passes=(
        "He watched YouTube on his PlayStation and ate at McDonald's.",
        "GlaxoSmithKline and DaimlerChrysler reported results; MPs and NHS staff agreed.",
        "Pollsters GlobeScan and GMIPoll, and RIPMobile and StreamCast Networks, said so.",
        "Legal movie sites like Movielink and CinemaNow grew.",
    ),
)


def check_dictionary_join(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag unknown lowercase tokens that split into two common words (``southsigns``)."""
    lex = ctx.lexicon
    profile = ctx.profile
    text = doc.text
    for word in doc.unknown_words:
        if not LOWER_WORD.match(word) or lex.cased_form(word):
            continue
        best: tuple[str, str, float] | None = None
        for i in range(2, len(word) - 1):
            left, right = word[:i], word[i:]
            if left in profile.compound_prefixes or right in profile.compound_suffixes:
                continue
            score = min(lex.zipf(left), lex.zipf(right))
            if best is None or score > best[2]:
                best = (left, right, score)
        if best is None or best[2] < KNOWN_WORD + 0.3 or not _unique(doc, word):
            continue
        token = _first(doc, word)
        after = text[token.end : token.end + 2]
        if (
            (token.start and text[token.start - 1] in "\"“‘'-")
            or after[:1] == "-"
            or (after[:1] == "." and after[1:].isalnum())
        ):
            continue  # quoted coinages ("moblog"), compounds and domain names
        left, right, _ = best
        sentence_final = text[token.end : token.end + 1] in (".", "!", "?")
        broken_phrase = not sentence_final and _after_prepositional_phrase(doc, ctx, token)
        # Independent words fused (their|families, will|mean) have a very frequent part; two content
        # words side by side are usually a compound (beer|maker, phone|cam) unless the split closes a
        # phrase or starts a reported-speech tag (we will hold|says).
        if broken_phrase and best[2] < 4.0:
            continue  # a sentence-break reading needs two plainly common words
        zl, zr = lex.zipf(left), lex.zipf(right)
        # Fusion of independent words: a very common part, a reported-speech tag, or a second part
        # that a compound does not end with (a verb in -ed, an adverb in -ly) or a plural first part.
        inflected = min(zl, zr) >= 3.5 and (
            right.endswith(("ed", "ly"))
            or (left.endswith("s") and not left.endswith("ss") and len(right) >= 5 and lex.zipf(left[:-1]) >= 3.5)
        )
        if not (broken_phrase or inflected or right in profile.reporting_verbs or max(zl, zr) >= 5.95):
            continue
        plain = f"{left} {right}"
        broken = f"{left}. {right[0].upper()}{right[1:]}"
        if broken_phrase:
            candidates = [broken, plain]
            message = (
                f"“{word}” reads as “{left}” + “{right}” fused; the phrase before ends naturally at "
                f"“{left}”, so a sentence break or heading was probably lost"
            )
        else:
            candidates = [plain, broken]
            message = f"“{word}” reads as “{left}” + “{right}” fused across a lost space"
        yield Hit(
            token.start,
            token.end,
            message,
            Fix((Edit(token.start, token.end, candidates[0]),), Applicability.UNSAFE),
            tuple(candidates[1:]),
        )


def _after_prepositional_phrase(doc: Analysis, ctx: Context, token: Token) -> bool:
    """True when the two words before are a preposition and a determiner (“in the south|signs”)."""
    before = [w.lower() for w in doc.words_before(token.start, 2)]
    return len(before) == 2 and before[0] in ctx.profile.phrase_prepositions and before[1] in ctx.profile.determiners


DICTIONARY_JOIN = Rule(
    code="FUS003",
    name="dictionary-join",
    family="fused",
    severity=Severity.ERROR,
    mqm="Fluency/Spelling",
    fix=Applicability.UNSAFE,
    summary="Two lowercase words fused into one unknown token (“southsigns”, “holdsays”).",
    explanation=(
        "A lowercase token of six or more letters that the lexicon does not know, used once in the "
        "story, and that splits into two common words, is most likely two words fused across a lost "
        "space, sentence break or heading. When the first part closes a prepositional phrase (“in the "
        "south|signs of this progression”) the likely cause is a lost sentence break and that split is "
        "offered first (“south. Signs”); otherwise the plain split is first. Both are unsafe."
    ),
    check=check_dictionary_join,
    flags=(
        Example(
            "Kyiv announced an advance in the southsigns of this progression.",
            "Kyiv announced an advance in the south. Signs of this progression.",
        ),
        Example("“We will holdsays the commander.", "“We will hold says the commander."),
        Example(
            "It improves the lives of people and theirfamilies.", "It improves the lives of people and their families."
        ),
    ),
    passes=(
        "The counteroffensive began in the south; signs of progress multiplied.",
        "The spokesperson said a breakthrough was near.",
        "The beermaker and the planemaker sold unrecycled phones to a tieless minister.",
        'He called it "moblogging" on gamesindustry.biz.',
    ),
)


def check_name_word(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag an unknown capitalised token that is a known name fused with a function word.

    Not in languages that capitalise nouns and write compounds solid (German Wohngeldstellen).
    """
    if doc.profile.nouns_capitalised:
        return
    lex = ctx.lexicon
    standalone = doc.word_types
    glossary_names = ctx.glossary.cased_names
    for written in doc.unknown_words:
        # A capitalised token, or one in lowercase throughout, read as capitalised (the casing rule would
        # capitalise it: kyivthe), provided that what it starts with is a name
        lowercase = LOWER_WORD.match(written) is not None
        word = written[:1].upper() + written[1:] if lowercase else written
        if not CAPITAL_WORD.match(word) or len(word) != len(written) or lex.cased_form(word):
            continue
        best: tuple[str, str, float] | None = None
        for i in range(3, len(word) - 1):
            left, right = word[:i], word[i:]
            if lowercase and lex.cased_form(left) != left and left.lower() not in glossary_names:
                continue
            zl, zr = lex.zipf(left), lex.zipf(right)
            if zr < FUNCTION_WORD or zl < 1.0 or (best is not None and zl <= best[2]):
                continue
            # Evidence that ``left`` is a name: it is used on its own elsewhere in the story, the
            # glossaries know it, it is a well-known name, or a first name or title precedes it and
            # ``right`` is a verb that typically follows a subject (Jordan Bardella|said).
            named = (
                left in standalone
                or left.lower() in glossary_names
                or (lex.cased_form(left) is not None and zl >= KNOWN_WORD and zr >= 6.0)
                or (
                    len(left) >= 4
                    and right in ctx.profile.name_followers
                    and after_capitalised_word(doc, _first(doc, written).start)
                )
            )
            if named and (left in standalone or zl >= KNOWN_NAME or left.lower() in glossary_names):
                best = (left, right, zl)
        if best is None or not _unique(doc, written):
            continue
        left, right, _ = best
        token = _first(doc, written)
        at = token.start + len(left)
        yield _insertion(
            doc.text,
            token.start,
            token.end,
            at,
            f"“{written}” reads as the name “{left}” fused with “{right}”",
            [" "],
        )


NAME_WORD_JOIN = Rule(
    code="FUS004",
    name="name-word-join",
    family="fused",
    severity=Severity.ERROR,
    mqm="Fluency/Spelling",
    fix=Applicability.UNSAFE,
    summary="A name fused with the short word that follows it (“Peskovthen”, “Macronin order”).",
    explanation=(
        "A capitalised token unknown to the lexicon and to the glossaries, used once, that splits into "
        "a name and a very frequent lowercase word (in, then, of, says…) is a name fused with the next "
        "word, provided the name is used on its own elsewhere in the story (or is a well-known name "
        "fused with one of the commonest words): unknown surnames such as Misamore are not split. A token "
        "in lowercase throughout is read as if capitalised, when it starts with a name (kyivthe, parisin). "
        "Languages that capitalise nouns and write compounds solid (German) are left alone. "
        "The fix inserts a space and is unsafe."
    ),
    check=check_name_word,
    flags=(
        Example(
            "Peskov spoke. Dmitry Peskovthen added that talks were over.",
            "Peskov spoke. Dmitry Peskov then added that talks were over.",
        ),
        Example(
            "Macron flew in. He met Macronin order to discuss the war.",
            "Macron flew in. He met Macron in order to discuss the war.",
        ),
        Example("Drones struck kyivthe night before.", "Drones struck kyiv the night before."),
        Example("He flew to parisin the morning.", "He flew to paris in the morning."),
    ),
    passes=(
        "Dmitry Peskov then added that talks were over.",
        "The town of Novopetrivka and the village of Kreminna were retaken.",
        "Chief financial officer Bruce Misamore and Tim Ellsmore met Henri Crohas.",
        "Wheelchair user Kevin Donnellon spoke to Jean-Philippe Cotis.",
        "The kievan and kharkivite dialects were discussed.",
    ),
)


def check_drop_cap(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag drop-cap debris at a sentence start (``TThe``, ``“WWe``, ``JI’m``, ``T he``)."""
    yield from _split_drop_caps(doc, ctx)
    text = doc.text
    lex = ctx.lexicon
    for m in DROP_CAP.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "'’_"):
            continue
        first, rest = m.group(1), m.group(2)
        if not (first.isupper() and rest[0].isupper() and any(c.islower() for c in rest)):
            continue
        doubled = first == rest[0]
        common = lex.zipf(rest) >= 5.0  # The, We, In: deleting the extra letter is safe
        if doubled:
            if lex.zipf(rest) < KNOWN_WORD:
                continue
        elif lex.zipf(rest) < 5.0 or not ("'" in rest or "’" in rest or len(rest) >= 3):
            continue
        elif lex.zipf(m.group()) >= UNKNOWN_TOKEN:
            continue
        if not sentence_start(text, m.start()):
            continue
        yield Hit(
            m.start(),
            m.end(),
            f"“{m.group()}” looks like drop-cap debris: the initial “{first}” is repeated or stray",
            Fix(
                (Edit(m.start(), m.start() + 1, ""),),
                Applicability.SAFE if doubled and common else Applicability.UNSAFE,
            ),
        )


SPLIT_DROP_CAP = re.compile(r"([B-HJ-Z]) ([a-z]{1,12})\b")


def _split_drop_caps(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """A drop capital set apart from the rest of its word at a paragraph start (``T he``, ``B ernard``)."""
    text = doc.text
    for para in doc.paragraphs:
        pos = para.start
        while pos < para.end and text[pos] in '"“‘«(':
            pos += 1
        m = SPLIT_DROP_CAP.match(text, pos, para.end)
        if m is None:
            continue
        word = m.group(1) + m.group(2)
        if ctx.lexicon.zipf(word) >= KNOWN_WORD and ctx.lexicon.zipf(m.group(2)) < ctx.lexicon.zipf(word):
            yield Hit(
                m.start(),
                m.end(),
                f"“{m.group()}” looks like a drop capital set apart from its word “{word}”",
                Fix((Edit(m.start(1) + 1, m.start(2), ""),), Applicability.UNSAFE),
            )


DROP_CAP_DEBRIS = Rule(
    code="FUS005",
    name="drop-cap",
    family="fused",
    severity=Severity.ERROR,
    mqm="Fluency/Spelling",
    fix=Applicability.SAFE,
    summary="A drop capital left as an extra letter at a sentence start (“TThe army”, ““WWe”).",
    explanation=(
        "Pages that set a story's first letter as a drop capital often leave it twice in scraped text. "
        "At a sentence start, an uppercase letter followed by a capitalised word (“TThe”, “JI’m”) is "
        "flagged. Deleting a repeated letter is safe; deleting a different stray letter is unsafe. "
        "Acronyms and plurals such as MPs or AIs are not flagged."
    ),
    check=check_drop_cap,
    flags=(
        Example("TThe army withdrew from the city.", "The army withdrew from the city."),
        Example("“WWe will win,” he said.", "“We will win,” he said."),
        Example("JI’m not leaving, she said.", "I’m not leaving, she said."),
        Example("T he storm hit Brittany on Thursday.", "The storm hit Brittany on Thursday."),
    ),
    passes=(
        "MPs voted on Tuesday. GPs agreed. TVs were sold out.",
        "The army withdrew. We will win.",
        "A storm hit. I saw it. J K Rowling spoke. X rays were taken.",
    ),
)


def _glued(text: str, at: int, ctx: Context) -> bool:
    """Whether the punctuation at ``text[at]``, glued to the next letter, hides a lost space."""
    mark = text[at]
    nxt = WORD_START.match(text, at + 1)
    after = nxt.group() if nxt else ""
    if mark == "”":  # ,”said
        return text[at - 1 : at] in ".,!?" and bool(after)
    if mark == "%":  # 1.2%after
        return text[at - 1 : at].isdigit() and len(after) >= 2 and after.islower()
    prev = WORD_END.search(text, max(0, at - 40), at)
    before = prev.group(1) if prev else ""
    if mark in ",;":  # Lyman,Novopetrivka
        return before[-2:].islower() and len(before) >= 2 and len(after) >= 2
    if mark == ":":  # clear:the
        return before[-2:].islower() and len(before) >= 2 and len(after) >= 2 and after.islower()
    if len(after) < 2 or not after[0].isupper() or not after[1:].islower():
        return False
    if before.islower() and len(before) >= 2:  # yesterday.The
        return True
    # Brittany.The, Galibier.Behind: a capitalised word only before a sentence opener, since names
    # and brands use inner periods (One.Tel).
    return (
        mark == "."
        and len(before) >= 3
        and before[0].isupper()
        and before[1:].islower()
        and (after.lower() in ctx.profile.sentence_openers or ctx.lexicon.zipf(after) >= 5.0)
    )


def check_missing_space(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag sentence punctuation glued to the next word (``yesterday.The``)."""
    text = doc.text
    for m in GLUED.finditer(text):
        if not _glued(text, m.start(), ctx):
            continue
        start = m.start()
        while start > max(0, m.start() - 64) and not text[start - 1].isspace():
            start -= 1
        end = m.end()
        while end < min(len(text), m.end() + 64) and not text[end].isspace():
            end += 1
        if TECHNICAL_RUN.search(text, start, end):
            continue
        word_start = m.start()
        while word_start > start and text[word_start - 1].isalpha():
            word_start -= 1
        word_end = m.end()
        while word_end < end and text[word_end].isalpha():
            word_end += 1
        yield Hit(
            word_start,
            word_end,
            f"no space after “{m.group()}” in “{text[word_start:word_end]}”",
            Fix((Edit(m.end(), m.end(), " "),), Applicability.SAFE),
        )


MISSING_SPACE_AFTER_PUNCTUATION = Rule(
    code="FUS006",
    name="missing-space-after-punctuation",
    family="fused",
    severity=Severity.ERROR,
    mqm="Fluency/Punctuation",
    fix=Applicability.SAFE,
    summary="Sentence punctuation glued to the next word (“yesterday.The”, “published.Lyman”).",
    explanation=(
        "A period, question or exclamation mark followed directly by a capitalised word, or a comma "
        "or semicolon followed directly by a word, means a space (often a line or paragraph break) was "
        "lost. Web addresses, e-mail addresses and file names are left alone. The fix inserts a space "
        "and is safe."
    ),
    check=check_missing_space,
    flags=(
        Example("He arrived yesterday.The talks began.", "He arrived yesterday. The talks began."),
        Example(
            "Traffic was normal in Brittany.The company said so.",
            "Traffic was normal in Brittany. The company said so.",
        ),
        Example("Towns such as Lyman,Novopetrivka fell.", "Towns such as Lyman, Novopetrivka fell."),
        Example("“We will not give in,”said the minister.", "“We will not give in,” said the minister."),
        Example(
            "The message was clear:the strike goes on. Prices rose 1.2%after the vote.",
            "The message was clear: the strike goes on. Prices rose 1.2% after the vote.",
        ),
    ),
    passes=(
        "See bbc.co.uk/News.Today or www.Example.Com for more. Amazon.com rose.",
        "The U.S. economy grew. It rose 1,000 points. One.Tel and TalkTalk merged at Yahoo.Com.",
        "Write to mailto:press@example.org or see http://example.org/a:b at 10:30.",
    ),
)

RULES = (
    LETTER_DIGIT_JOIN,
    CASE_BOUNDARY_JOIN,
    DICTIONARY_JOIN,
    NAME_WORD_JOIN,
    DROP_CAP_DEBRIS,
    MISSING_SPACE_AFTER_PUNCTUATION,
)
