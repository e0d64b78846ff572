"""Casing rules: names written in lowercase, paragraphs and headlines that start in lowercase."""

from __future__ import annotations

from collections.abc import Iterator

from mtqa.analysis import CLOSING, Analysis, Token
from mtqa.context import Context
from mtqa.findings import Applicability, Severity
from mtqa.registry import Example, Hit, Rule, replacement_hit

# A token glued to these is part of a URL, an address, a handle or a file name: leave it alone.
TECHNICAL_BEFORE = frozenset("@#/\\._:=~")
TECHNICAL_AFTER = frozenset("@/\\_=~")
OPENERS = "\"'“‘«([—–- *•"
POSSESSIVES = ("'s", "’s", "'", "’")


def _technical(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before in TECHNICAL_BEFORE or after in TECHNICAL_AFTER:
        return True
    return after == "." and end + 1 < len(text) and text[end + 1].isalnum()


def _split_possessive(word: str) -> tuple[str, str]:
    for suffix in POSSESSIVES:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)], suffix
    return word, ""


def _in_compound_or_name(doc: Analysis, token: Token) -> bool:
    """True for a part of a hyphenated compound, or a particle between two capitalised words."""
    text = doc.text
    if text[token.start - 1 : token.start] == "-" or text[token.end : token.end + 1] == "-":
        return True
    before = doc.words_before(token.start, 1)
    after = doc.token_after(token.end)
    return bool(before and after and before[0][0].isupper() and after.text[0].isupper())


def _lowercase_names(doc: Analysis, ctx: Context) -> dict[str, tuple[str, str]]:
    """Distinct lowercase tokens of the document that name something always capitalised.

    Maps the token to (base word, possessive suffix). A set intersection does the bulk of the work.
    """
    cased = ctx.lexicon.cased_words
    found = {w: (w, "") for w in cased.keys() & doc.word_types}
    for word in doc.word_types:
        if ("’" not in word and "'" not in word) or not word[0].islower():
            continue
        base, suffix = _split_possessive(word)
        if suffix and base in cased:
            found[word] = (base, suffix)
    return {w: v for w, v in found.items() if w.islower() and len(w) >= 2}


def check_lowercase_name(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag lowercase tokens that the lexicon or a glossary says are always capitalised."""
    glossary_names = ctx.glossary.cased_names
    text = doc.text
    for word, (base, suffix) in _lowercase_names(doc, ctx).items():
        cased = ctx.lexicon.cased_words[base]
        from_glossary = base in glossary_names
        if not from_glossary and len(base) < 4:
            continue  # short words collide with foreign words (du, se) and acronyms
        for token in doc.occurrences(word):
            if _technical(text, token.start, token.end):
                continue
            if not from_glossary and _in_compound_or_name(doc, token):
                continue  # wi-fi, Piero della Francesca
            source = "the glossary" if from_glossary else "the lexicon"
            yield replacement_hit(
                token.start,
                token.end,
                f"“{word}” is a name written in lowercase; {source} writes it “{cased}”",
                [cased + suffix],
                Applicability.SAFE if from_glossary else Applicability.UNSAFE,
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
        "name, or when the case lexicon (Hunspell dictionaries, which keep case) knows the word only "
        "capitalised. Tokens inside URLs, e-mail addresses and handles are skipped, as are lowercase "
        "forms of short acronyms. The fix is safe for glossary names and unsafe for lexicon words, "
        "which may have a lowercase sense the dictionary lacks."
    ),
    check=check_lowercase_name,
    flags=(
        Example("Meanwhile kyiv announced a military advance.", "Meanwhile Kyiv announced a military advance."),
        Example(
            "the largest city conquered by the forces of kyiv.", "the largest city conquered by the forces of Kyiv."
        ),
        Example("The talks in paris ended on monday.", "The talks in Paris ended on Monday."),
    ),
    passes=(
        "Kyiv announced a military advance.",
        "The china was stored in a cabinet in May.",
        "See www.kyiv.example/news or write to press@kyiv.example for details.",
        "Prices may march upwards, the bill said.",
        "Wi-fi and sci-fi fans met Piero della Francesca at the Banque du Caire.",
    ),
)


def check_lowercase_start(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag paragraphs (headlines and headings included) whose first word starts in lowercase."""
    text = doc.text
    previous = None
    for para in doc.paragraphs:
        prev, previous = previous, para
        pos = para.start
        while pos < para.end and text[pos] in OPENERS:
            pos += 1
        if pos >= para.end or not text[pos].islower():
            continue
        if text[para.start] in "-*•" and para.start + 1 < para.end and text[para.start + 1] == " ":
            continue  # list item
        if prev is not None and text[prev.end - 1] not in CLOSING and not (prev.heading and text[prev.start].isupper()):
            continue  # the previous line stops mid-sentence: a broken line, not a lowercase start
        end = pos
        while end < para.end and not text[end].isspace():
            end += 1
        word = text[pos:end]
        if any(c.isupper() for c in word) or _technical(text, pos, end) or any(c.isdigit() for c in word):
            continue  # eBay, iPhone, URLs, codes
        kind = "headline" if para.start == doc.paragraphs[0].start else "heading" if para.heading else "paragraph"
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
    ),
)

RULES = (LOWERCASE_NAME, LOWERCASE_START)
