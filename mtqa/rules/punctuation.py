"""Punctuation rules: French spacing habits, orphan punctuation at quotes, guillemets, stray periods."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import cache

import regex

from mtqa.analysis import Analysis
from mtqa.context import Context
from mtqa.findings import Applicability, Edit, Fix, Severity
from mtqa.registry import Example, Hit, Rule, replacement_hit

SPACE_CHARS = " \u00a0\u202f\u2009"
SPACES = f"[{SPACE_CHARS}]"


@cache
def _space_before_pattern(marks: str) -> re.Pattern[str]:
    # A space, then the mark: a leading character class lets the engine skip ahead in C.
    return re.compile(rf"{SPACES}([{re.escape(marks)}])(?=\s|$|[\"”’)\]])")


def check_space_before(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag spaces before punctuation that the target language writes closed up (``result : a``)."""
    text = doc.text
    for m in _space_before_pattern(ctx.profile.no_space_before).finditer(text):
        mark, end = m.group(1), m.end()
        start = m.start(1)
        while start > 0 and text[start - 1] in SPACE_CHARS:
            start -= 1
        before = text[start - 1] if start else "\n"
        if not (before.isalnum() or before in "”’\"')]"):
            continue
        if mark == "." and text.startswith("..", m.start(1) + 1):
            continue
        if mark == ":" and text[start - 1].isdigit() and text[end + 1 : end + 2].isdigit():
            continue  # a ratio or score: 3 : 1
        if mark in ":;" and text[end : end + 1] in ")(":
            continue  # an emoticon :)
        if QUOTE_ORPHAN.match(text, max(0, start - 2)):
            continue  # “swift.” , reports: the quote-punctuation rule fixes the whole group
        yield replacement_hit(
            start,
            end,
            f"space before “{mark}”: {ctx.profile.name} writes no space there",
            [mark],
            Applicability.SAFE,
        )


SPACE_BEFORE_PUNCTUATION = Rule(
    code="PUN001",
    name="space-before-punctuation",
    family="punctuation",
    severity=Severity.ERROR,
    mqm="Fluency/Punctuation",
    fix=Applicability.SAFE,
    summary="A space before , . ; : ! ? where the target language writes none (“the result : a draw”).",
    explanation=(
        "French puts a (narrow no-break) space before ; : ! ? and machine translation often keeps it. "
        "The target language's profile says which marks take no space before them; a space between a "
        "word and such a mark, followed by a space or the end of the line, is flagged. Ellipses are "
        "handled by their own rule. Removing the space is safe."
    ),
    check=check_space_before,
    flags=(
        Example("The result : a draw.", "The result: a draw."),
        Example("Reading time : 2 min", "Reading time: 2 min"),
        Example("Is it true ? Yes , it is !", "Is it true? Yes, it is!"),
    ),
    passes=(
        "The result: a draw. Is it true? Yes!",
        "The ratio was 3 : 1 in the final, he said ... and left. He smiled :) and left.",
    ),
)

QUOTE_ORPHAN = re.compile(rf"([.,;])(?:([”»]){SPACES}*|([\"’]){SPACES}+)([,.;])(?=\s|$)", re.MULTILINE)
OPEN_AS_CLOSE = re.compile(rf"{SPACES}?“([.,;:!?])(?=\s|$)")
# Any of: .” , | “. | , , | ; ; | : : | .. — each alternative behind its first character, which the engine
# then looks for alone (several times faster than an alternation of different first characters).
QUOTE_PREFILTER = re.compile(
    r"[.,;:“](?:(?<=[.,;])[”\"’»][ \u00a0\u202f\u2009]*[,.;]|(?<=“)[.,;:!?]|(?<=,) ?,|(?<=;) ?;|(?<=:) ?:|(?<=\.)\.)"
)
DOUBLED = regex.compile(
    r"(?<![.,;:])([,;:])(?: ?)\1(?![.,;:])|(?<![.\s])\.\.(?=\s*$|\s+[\p{Lu}\p{N}\"“])", regex.MULTILINE
)


def check_quote_punctuation(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag orphan or doubled punctuation around quotation marks and doubled commas or periods."""
    text = doc.text
    if not QUOTE_PREFILTER.search(text):
        return
    for m in QUOTE_ORPHAN.finditer(text):
        inner, quote, outer = m.group(1), m.group(2) or m.group(3), m.group(4)
        yield replacement_hit(
            m.start(),
            m.end(),
            f"orphan “{outer}” after the closing quote, with “{inner}” inside it",
            [f"{outer}{quote}", f"{inner}{quote}"],
            Applicability.SAFE,
        )
    closing_quotes = ctx.profile.quotes[1::2]  # German closes with “: „so“, sagte er
    for m in OPEN_AS_CLOSE.finditer(text) if "“" not in closing_quotes else ():
        if not m.start() or not text[m.start() - 1].isalpha():
            continue
        mark = m.group(1)
        yield replacement_hit(
            m.start(),
            m.end(),
            f"opening quotation mark ““” used to close a quotation before “{mark}”",
            [f"{mark}”", f"”{mark}"],
            Applicability.UNSAFE,
        )
    for d in DOUBLED.finditer(text):
        if d.group() == "::" and text[d.end() : d.end() + 1].isalnum():
            continue  # std::vector, fe80::1
        mark = d.group()[0]
        yield replacement_hit(d.start(), d.end(), f"doubled “{mark}”", [mark], Applicability.SAFE)


QUOTE_PUNCTUATION = Rule(
    code="PUN002",
    name="quote-punctuation",
    family="punctuation",
    severity=Severity.ERROR,
    mqm="Fluency/Punctuation",
    fix=Applicability.SAFE,
    summary="Orphan or doubled punctuation around quotes (“swift.” , reports”, “exhausted “.”).",
    explanation=(
        "French places the comma after the closing guillemet; machine translation then leaves both "
        "the period inside the English quote and the comma outside (“swift.” , reports”). The fix "
        "keeps the outer mark inside the quote and drops the orphan (safe). An opening quotation "
        "mark used to close a quote before punctuation (“exhausted “.”) is turned into a closing "
        "one (unsafe: the punctuation may belong inside or outside). Doubled commas, semicolons, "
        "colons and two periods (not an ellipsis) are reduced to one (safe)."
    ),
    check=check_quote_punctuation,
    flags=(
        Example(
            "the advance had been “very sharp and swift.” , reports The Guardian.",
            "the advance had been “very sharp and swift,” reports The Guardian.",
        ),
        Example("The troops were “exhausted “. Then they left.", "The troops were “exhausted.” Then they left."),
        Example("He left,, then returned..", "He left, then returned."),
        Example("“I never received any warning”, , he said.", "“I never received any warning”, he said."),
        Example("“It is over.”. Then “it began.”, he said.", "“It is over.” Then “it began,” he said."),
    ),
    passes=(
        "“It was very sharp and swift,” reports The Guardian.",
        "He paused... then “left”. It was over.",
        "A failed minister..with a failed policy. Apple.. a triumph.",
        'He wrote "Yes.", "No." and std::vector; fe80::1 too.',
    ),
)

GUILLEMET = regex.compile(rf"«{SPACES}*|{SPACES}*»")


def check_guillemets(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag French guillemets « » in English text; pairs become curly double quotes."""
    text = doc.text
    if "«" not in text and "»" not in text:
        return
    opening: regex.Match[str] | None = None
    for m in GUILLEMET.finditer(text):
        if "«" in m.group():
            if opening is not None:
                yield replacement_hit(
                    opening.start(), opening.end(), "French guillemet “«”", ["“"], Applicability.UNSAFE
                )
            opening = m
            continue
        if opening is not None and not NEWLINES.search(text, opening.end(), m.start()):
            fix = Fix((Edit(opening.start(), opening.end(), "“"), Edit(m.start(), m.end(), "”")), Applicability.SAFE)
            yield Hit(opening.start(), m.end(), "French guillemets « » in English: use “ ”", fix)
        else:
            yield replacement_hit(m.start(), m.end(), "French guillemet “»”", ["”"], Applicability.UNSAFE)
        opening = None
    if opening is not None:
        yield replacement_hit(opening.start(), opening.end(), "French guillemet “«”", ["“"], Applicability.UNSAFE)


GUILLEMETS = Rule(
    code="PUN003",
    name="guillemets",
    family="punctuation",
    severity=Severity.ERROR,
    mqm="Locale convention/Other",
    fix=Applicability.SAFE,
    summary="French guillemets « » left in English text.",
    explanation=(
        "English quotes with “ ” (or ' ' in some house styles), never with « ». A matched pair on one "
        "line becomes “…” with the inner spaces removed (safe); a lone guillemet gets an unsafe fix."
    ),
    check=check_guillemets,
    flags=(
        Example("He called it « a fiasco » on Friday.", "He called it “a fiasco” on Friday."),
        Example("He called it «a fiasco.", "He called it “a fiasco."),
    ),
    passes=("He called it “a fiasco” on Friday.",),
    languages=frozenset({"en"}),
)

STRAY_PERIOD = regex.compile(
    r"(?<=[\p{L}\p{M}]{2}|\p{L}['’]s)\.(\s+)(\p{Ll}[\p{Ll}-]*)(?![\p{L}\p{N}@/]|\.[\p{L}\p{N}])"
)


def check_stray_period(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag a period followed by a lowercase word inside a sentence (``a Ukrainian. counter-offensive``)."""
    text = doc.text
    profile = ctx.profile
    for m in STRAY_PERIOD.finditer(text):
        dot = m.start()
        if text.startswith("..", dot - 1) or profile.is_abbreviation(text, dot):
            continue
        if "\n" in m.group(1) or "\r" in m.group(1):
            continue
        begin = dot
        while begin > max(0, dot - 64) and not text[begin - 1].isspace():
            begin -= 1
        before = text[begin:dot]
        if any(c in before for c in "/@.") or any(c.isdigit() for c in before):
            continue
        nxt = m.group(2)
        drop = f"{m.group(1)}{nxt}"
        capital = f".{m.group(1)}{nxt[0].upper()}{nxt[1:]}"
        options = [drop, capital]
        yield replacement_hit(
            dot,
            m.end(),
            f"period before the lowercase word “{nxt}”: a stray period, or a sentence missing its capital",
            options,
            Applicability.UNSAFE,
        )


STRAY_PERIOD_RULE = Rule(
    code="PUN004",
    name="stray-period",
    family="punctuation",
    severity=Severity.WARNING,
    mqm="Fluency/Punctuation",
    fix=Applicability.UNSAFE,
    summary="A period before a lowercase word inside a sentence (“a Ukrainian. counter-offensive”).",
    explanation=(
        "A period followed by a lowercase word is either a stray period inside a sentence (common in "
        "machine translation) or a sentence that lost its capital (rare). Abbreviations of the target "
        "language (a.m., etc., No., sq., initials), ellipses, numbers and web addresses are left alone. "
        "The fix removes the period; the alternative capitalises the next word. Both are unsafe."
    ),
    check=check_stray_period,
    flags=(
        Example(
            "defeated there by a Ukrainian. counter-offensive carried out for weeks.",
            "defeated there by a Ukrainian counter-offensive carried out for weeks.",
        ),
    ),
    passes=(
        "It opened at 9 a.m. on Monday, with cars, vans etc. on display.",
        "He was born in the U.S. and moved to St. Louis. Then he left.",
        "The site bbc.co.uk. lists it; she said... nothing more.",
    ),
)

ELLIPSIS_SPACE = re.compile(rf"{SPACES}+(…|\.\.\.)(?=[ \t]*$|\s*[”\"’)\],;:]|[ \t]*[\r\n])", re.MULTILINE)
NEWLINES = re.compile(r"[\r\n]")


def check_space_before_ellipsis(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag a space between a word and an ellipsis that closes a phrase (``Novopetrivka …``)."""
    if "…" not in doc.text and "..." not in doc.text:
        return
    for m in ELLIPSIS_SPACE.finditer(doc.text):
        if not m.start() or not doc.text[m.start() - 1].isalnum():
            continue
        yield replacement_hit(m.start(), m.end(), "space before a closing ellipsis", [m.group(1)], Applicability.SAFE)


SPACE_BEFORE_ELLIPSIS = Rule(
    code="PUN005",
    name="space-before-ellipsis",
    family="punctuation",
    severity=Severity.WARNING,
    mqm="Fluency/Punctuation",
    fix=Applicability.SAFE,
    summary="A space before an ellipsis that ends a phrase (“Lyman, Novopetrivka …”).",
    explanation=(
        "An ellipsis that trails off a list or a quotation attaches to the last word. One followed by "
        "the end of the line, a closing quote or bracket, or a comma, colon or semicolon, and preceded "
        "by a space, is flagged; an ellipsis with spaces on both sides inside a sentence (a house "
        "style for omissions) is left alone. Removing the space is safe."
    ),
    check=check_space_before_ellipsis,
    flags=(
        Example("Lyman, Novopetrivka …\n", "Lyman, Novopetrivka…\n"),
        Example("“We will win ...” he said.", "“We will win...” he said."),
    ),
    passes=("Lyman, Novopetrivka… fell.", "He said ... nothing more."),
)

ENTITY = regex.compile(r"&(?:amp|lt|gt|quot|apos|nbsp|#\d{1,7}|#[xX][0-9a-fA-F]{1,6})(?:\s*;)")


def check_broken_entity(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag HTML character references left in plain text (``&amp;``, ``&amp ;``)."""
    if "&" not in doc.text:
        return
    for m in ENTITY.finditer(doc.text):
        raw = m.group()
        decoded = html.unescape(regex.sub(r"\s+;", ";", raw))
        if decoded == raw:
            continue
        if decoded == "\u00a0":
            decoded = " "
        yield replacement_hit(
            m.start(), m.end(), f"HTML character reference “{raw}” in text", [decoded], Applicability.SAFE
        )


BROKEN_ENTITY = Rule(
    code="PUN006",
    name="html-entity",
    family="punctuation",
    severity=Severity.ERROR,
    mqm="Fluency/Character encoding",
    fix=Applicability.SAFE,
    summary="An HTML character reference left in text, possibly broken by a space (“&amp ;”).",
    explanation=(
        "Scraped or converted text sometimes keeps HTML character references, and French spacing "
        "rules can insert a space before their semicolon. The reference is replaced by the character "
        "it stands for (safe)."
    ),
    check=check_broken_entity,
    flags=(
        Example("Marks &amp ; Spencer rose.", "Marks & Spencer rose."),
        Example("AT&amp;T fell 5&#37;.", "AT&T fell 5%."),
    ),
    passes=("Marks & Spencer and AT&T rose; R&D spending fell.",),
)

RULES = (
    SPACE_BEFORE_PUNCTUATION,
    QUOTE_PUNCTUATION,
    GUILLEMETS,
    STRAY_PERIOD_RULE,
    SPACE_BEFORE_ELLIPSIS,
    BROKEN_ENTITY,
)
