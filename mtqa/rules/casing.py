"""Casing rules: names written in lowercase, paragraphs and headlines that start in lowercase."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mtqa.analysis import Analysis, Token, ends_open
from mtqa.context import Context
from mtqa.findings import Applicability, Severity
from mtqa.names import OPENERS, after_capitalised_word, fold, split_possessive
from mtqa.prefilter import ALPHA, RunIndex
from mtqa.registry import Example, Hit, Rule, replacement_hit

# A token glued to these is part of a URL, an address, a handle or a file name: leave it alone.
TECHNICAL_BEFORE = frozenset("@#/\\._:=~")
TECHNICAL_AFTER = frozenset("@/\\_=~")
INNER_HYPHEN = re.compile(r"-(?=[a-zà-ÿ])")
COMPOUND = re.compile(r"[^\W\d_A-Z]+(?:-[^\W\d_A-Z]+)+(?![\w-])")


def _technical(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before in TECHNICAL_BEFORE or after in TECHNICAL_AFTER:
        return True
    return after == "." and end + 1 < len(text) and text[end + 1].isalnum()


def _in_compound_or_name(doc: Analysis, token: Token) -> bool:
    """True for a part of a hyphenated compound, or a particle between two capitalised words."""
    text = doc.text
    if text[token.start - 1 : token.start] == "-" or text[token.end : token.end + 1] == "-":
        return True
    if len(token.text) > 5:
        return False  # name particles are short: de, van, von, della, bin
    before = doc.words_before(token.start, 1)
    after = doc.token_after(token.end)
    return bool(before and after and before[0][0].isupper() and after.text[0].isupper())


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


def _lowercase_names(doc: Analysis, ctx: Context) -> dict[str, tuple[str, str, str]]:
    """Distinct lowercase tokens of the document that name something always capitalised.

    Maps the token to (correct form, possessive suffix, source): ``glossary`` or ``lexicon``. The verdict
    on each distinct word is worked out once per run (``Context.verdicts``); accents are folded as a fallback
    (élisabeth).
    """
    cased, glossary = ctx.lexicon.cased_words, ctx.glossary.cased_names
    return ctx.verdicts("casing.lowercase-names", doc.word_types, lambda word: _lowercase_name(word, cased, glossary))


def _lowercase_name(word: str, cased: dict[str, str], glossary: dict[str, str]) -> tuple[str, str, str] | None:
    """(correct form, possessive suffix, source) when the lowercase ``word`` names something capitalised."""
    if not word.islower() or len(word) < 2:
        return None
    candidates = [(word, "")] if word in cased else []
    if word[0].islower():
        if "’" in word or "'" in word:
            base, suffix = split_possessive(word)
            if suffix:
                candidates.append((base, suffix))
        elif not word.isascii() and fold(word) in cased:
            candidates.append((word, ""))
    verdict = None
    for base, suffix in candidates:  # the last that names something wins
        if base in glossary:
            verdict = (glossary[base] + suffix, suffix, "glossary")
        elif base in cased:
            verdict = (cased[base] + suffix, suffix, "lexicon")
        elif fold(base) in cased:
            verdict = (_capitalise(base) + suffix, suffix, "lexicon")
    return verdict


def _compound_name(form: str) -> bool:
    """True for a compound of names (Saint-Étienne, Aix-en-Provence), not a term (Wi-Fi)."""
    capitals = [part for part in form.split("-") if part[:1].isupper()]
    return len(capitals) >= 2 and min(map(len, capitals)) >= 3


def _compound_starts(cased: dict[str, str]) -> RunIndex:
    """The first parts of the lexicon's compound names, to pass over a text that holds none of them.

    A compound is found as a chain of letters and hyphens, so its first part is a whole run of letters.
    """
    starts = (key.split("-", 1)[0] for key, form in cased.items() if "-" in key and _compound_name(form))
    return RunIndex("casing.compound-starts", (start for start in starts if ALPHA.fullmatch(start)), ALPHA)


def _hyphenated_names(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Lowercase hyphenated names (saint-étienne, aix-en-provence), which tokens split apart."""
    cased = ctx.lexicon.cased_words
    index = ctx.once("casing.compound-starts", lambda: _compound_starts(cased))
    if not index.may_occur(doc.word_types, ctx.verdicts):
        return
    text = doc.text
    end = 0
    for hyphen in INNER_HYPHEN.finditer(text):
        if hyphen.start() < end or not text[hyphen.start() - 1 : hyphen.start()].islower():
            continue  # a later hyphen of the compound already read, or not between letters
        start = hyphen.start()
        while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "-"):
            start -= 1
        chain_end = hyphen.end()
        while chain_end < len(text) and (text[chain_end].isalpha() or text[chain_end] == "-"):
            chain_end += 1
        end = chain_end  # every hyphen of this chain is read once
        m = COMPOUND.match(text, start, chain_end)
        if m is None:
            continue
        name = cased.get(m.group())
        if name is not None and _compound_name(name):
            yield replacement_hit(
                m.start(),
                m.end(),
                f"“{m.group()}” is a name written in lowercase; the lexicon writes it “{name}”",
                [name],
                Applicability.UNSAFE,
            )


def _dated_months(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Months that are also common words (march, may), flagged only beside a day, a year or "in …,"."""
    months = ctx.profile.ambiguous_months
    if doc.word_types.isdisjoint(months):
        return
    text = doc.text
    found = sorted(token for month in months if month in doc.word_types for token in doc.occurrences(month))
    for token in found:
        before = text[max(0, token.start - 12) : token.start]
        after = text[token.end : token.end + 12]
        dated = YEAR_AFTER.match(after) or after[:1] in ",.;:"
        phrase = before.rstrip(" ").rsplit(" ", 1)[-1].lower() in ctx.profile.date_prepositions
        if dated and before.endswith(" ") and (DAY_BEFORE.search(before) or phrase):
            yield replacement_hit(
                token.start,
                token.end,
                f"the month “{token.text}” is written in lowercase",
                [_capitalise(token.text)],
                Applicability.UNSAFE,
            )


# The company a lowercase month keeps when it is a date: 3 march, march 2024, march 3, 2024, in march,
DAY_BEFORE = re.compile(r"(?<!\d)\d{1,2}(?:st|nd|rd|th)? $")
YEAR_AFTER = re.compile(r"(?: \d{1,2}(?:st|nd|rd|th)?,?)? (?:19|20)\d\d\b")


def check_lowercase_name(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag lowercase tokens that a glossary or the lexicon writes capitalised."""
    if "-" in doc.text:
        yield from _hyphenated_names(doc, ctx)
    yield from _dated_months(doc, ctx)
    text = doc.text
    persons = ctx.glossary.person_names
    zipf = ctx.lexicon.zipf
    for word, (cased, _, source) in _lowercase_names(doc, ctx).items():
        if source == "lexicon" and len(word) < 4:
            continue  # short words collide with foreign words (du, se) and acronyms
        for token in doc.occurrences(word):
            if _technical(text, token.start, token.end):
                continue
            if source != "glossary" and _in_compound_or_name(doc, token):
                continue  # wi-fi, Piero della Francesca
            if word in persons and zipf(word) >= 3.3 and not after_capitalised_word(doc, token.start):
                continue  # a surname that is also a word (macron) needs a first name or title
            where = f"the {source} writes it"
            yield replacement_hit(
                token.start,
                token.end,
                f"“{word}” is a name written in lowercase; {where} “{cased}”",
                [cased],
                Applicability.SAFE if source == "glossary" else Applicability.UNSAFE,
            )


LOWERCASE_NAME = Rule(
    code="CAS001",
    name="lowercase-proper-noun",
    family="casing",
    severity=Severity.ERROR,
    mqm="Fluency/Spelling",
    fix=Applicability.SAFE,
    summary="A name that is always capitalised is written in lowercase (“kyiv announced”).",
    explanation=(
        "Machine translation often lowercases names, especially names it learnt in another spelling "
        "(“kyiv”, “donbas”). A token is flagged when a glossary in force lists it as a capitalised "
        "name, or when the case lexicon (Hunspell dictionaries, which keep case, and a gazetteer of "
        "countries and cities) knows the word only capitalised, accents folded as a fallback. A "
        "glossary surname that is also a common word (Borne, borne) is flagged only after a "
        "capitalised word (Élisabeth borne). Tokens inside URLs, e-mail addresses, handles and "
        "hyphenated compounds are skipped, as are words shorter than four letters unless a glossary "
        "knows them. The fix is safe for glossary names and unsafe otherwise: a word may have a "
        "lowercase sense the sources lack."
    ),
    check=check_lowercase_name,
    flags=(
        Example("Meanwhile kyiv announced a military advance.", "Meanwhile Kyiv announced a military advance."),
        Example(
            "the largest city conquered by the forces of kyiv.", "the largest city conquered by the forces of Kyiv."
        ),
        Example("The talks in paris ended on monday.", "The talks in Paris ended on Monday."),
        Example("Leaders accused macron of governing by decree.", "Leaders accused Macron of governing by decree."),
        Example(
            "Inflation slowed in march, and on 3 may 2024 it fell.",
            "Inflation slowed in March, and on 3 May 2024 it fell.",
        ),
        Example("A fire at a home in saint-étienne killed two.", "A fire at a home in Saint-Étienne killed two."),
        Example("Prime Minister élisabeth Borne resigned.", "Prime Minister Élisabeth Borne resigned."),
    ),
    passes=(
        "Kyiv announced a military advance.",
        "The china was stored in a cabinet in May.",
        "See www.kyiv.example/news or write to press@kyiv.example for details.",
        "Prices may march upwards, the bill said.",
        "Wi-fi and sci-fi fans met Piero della Francesca at the Banque du Caire.",
        "Labour said the labour market and the Budget shaped the budget; the law was borne by all.",
        "Troops may march in 2024 as they may, and a well-known saint-like figure spoke on wi-fi.",
        "Of the 30 passengers, 12 may have died; a protest march 2000 strong; Xbox 2 may be unveiled.",
    ),
)


def check_lowercase_start(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag paragraphs (headlines and headings included) whose first word starts in lowercase."""
    text = doc.text
    paragraphs = doc.paragraphs
    previous = None
    if doc.doc.continuation and paragraphs:  # the piece's first line continues the previous piece
        previous, paragraphs = paragraphs[0], paragraphs[1:]
    for para in paragraphs:
        prev, previous = previous, para
        pos = para.start
        while pos < para.end and text[pos] in OPENERS:
            pos += 1
        if pos >= para.end or not text[pos].islower() or len(text[pos].upper()) != 1 or text[pos].upper() == text[pos]:
            continue  # not lowercase, or a letter with no single capital (ª, ß)
        if text[para.start] in "-*•" and para.start + 1 < para.end and text[para.start + 1] == " ":
            continue  # list item
        if (
            prev is not None
            and ends_open(text[prev.start : prev.end])
            and not (prev.heading and text[prev.start].isupper())
        ):
            continue  # the previous line stops mid-sentence: a broken line, not a lowercase start
        end = pos
        while end < para.end and not text[end].isspace():
            end += 1
        word = text[pos:end]
        if any(c.isupper() for c in word) or _technical(text, pos, end) or any(c.isdigit() for c in word):
            continue  # eBay, iPhone, URLs, codes
        first = para.start == doc.paragraphs[0].start and not doc.doc.continuation
        kind = "headline" if first else "heading" if para.heading else "paragraph"
        yield replacement_hit(
            pos,
            pos + 1,
            f"{kind} starts in lowercase (“{word}”)",
            [text[pos].upper()],
            Applicability.SAFE,
        )


LOWERCASE_START = Rule(
    code="CAS002",
    name="lowercase-start",
    family="casing",
    severity=Severity.ERROR,
    mqm="Fluency/Grammar",
    fix=Applicability.SAFE,
    summary="A headline, heading or paragraph starts in lowercase (“is Ukraine taking advantage…”).",
    explanation=(
        "A headline or paragraph that starts with a lowercase letter is a sign that the translation "
        "lost the capital of the source's first word. Words written with an internal capital (eBay, "
        "iPhone), URLs, list items and lines that continue a sentence broken on the previous line are "
        "left alone. The fix capitalises the first letter and is safe."
    ),
    check=check_lowercase_start,
    flags=(
        Example(
            "is Ukraine taking advantage against the Russian army?\n",
            "Is Ukraine taking advantage against the Russian army?\n",
        ),
        Example("Title\n\n“the army withdrew,” he said.\n", "Title\n\n“The army withdrew,” he said.\n"),
    ),
    passes=(
        "Is Ukraine taking advantage against the Russian army?\n",
        "eBay profits rise\n\nThe company said so.\n",
        "The minister said that the\nbudget would rise next year.\n",
        "- first item\n- second item\n",
        "He said it was like an\n\nagent provocateur\n\nand perhaps worse.\n",
        "“We keep teaching, even under the bombs,”\nexplains a teacher in the city.\n",
    ),
)

RULES = (LOWERCASE_NAME, LOWERCASE_START)
