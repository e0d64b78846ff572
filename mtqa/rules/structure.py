"""Structure rules: duplicated headlines or paragraphs, and scraped web boilerplate."""

from __future__ import annotations

from collections.abc import Iterator

from mtqa.analysis import TOKEN, Analysis
from mtqa.context import Context
from mtqa.findings import Applicability, Edit, Fix, Severity
from mtqa.registry import Example, Hit, Rule

MIN_WORDS = 3
BOILERPLATE_SPAN = 300  # boilerplate is short: patterns see at most this much of a paragraph
NEAR_WINDOW = 60  # a near-duplicate is looked for among this many previous short paragraphs
NEAR_MAX_WORDS = 60
NEAR_JACCARD = 0.8


def _deletion_span(doc: Analysis, index: int) -> tuple[int, int]:
    """The span that removes paragraph ``index`` and the line break(s) that separate it."""
    paras = doc.paragraphs
    para = paras[index]
    if index + 1 < len(paras):
        return para.start, paras[index + 1].start
    if index > 0:
        return paras[index - 1].end, para.end
    return para.start, para.end


def check_duplicate(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag a paragraph or headline that repeats an earlier one, verbatim or re-worded slightly."""
    text = doc.text
    verbatim: dict[str, int] = {}
    short: list[tuple[int, frozenset[str], int]] = []
    for index, para in enumerate(doc.paragraphs):
        chunk = text[para.start : para.end]
        spaces = chunk.count(" ")
        if spaces < MIN_WORDS - 1:
            continue
        key = chunk.casefold()
        first = verbatim.get(key)
        if first is None and spaces < NEAR_MAX_WORDS:
            words = TOKEN.findall(key)
            bag = frozenset(words)
            for other_index, other_bag, other_len in short[-NEAR_WINDOW:]:
                if 0.8 <= len(words) / other_len <= 1.25:
                    if len(bag & other_bag) / len(bag | other_bag) >= NEAR_JACCARD:
                        first = other_index
                        break
            if first is None and len(words) >= MIN_WORDS:
                short.append((index, bag, len(words)))
        if first is None:
            verbatim.setdefault(key, index)
            continue
        line, _ = doc.position(doc.paragraphs[first].start)
        start, end = _deletion_span(doc, index)
        kind = "headline" if first == 0 and not doc.doc.continuation else ("heading" if para.heading else "paragraph")
        how = "repeats" if verbatim.get(key) == first else "nearly repeats (re-worded)"
        yield Hit(
            para.start,
            para.end,
            f"this {kind} {how} line {line}",
            Fix((Edit(start, end, ""),), Applicability.UNSAFE),
        )


DUPLICATE = Rule(
    code="STR001",
    name="duplicate-paragraph",
    family="structure",
    severity=Severity.ERROR,
    mqm="Accuracy/Addition",
    fix=Applicability.UNSAFE,
    summary="A headline or paragraph repeated, verbatim or slightly re-worded.",
    explanation=(
        "Scrapers and MT pipelines often emit a headline twice (sometimes re-translated with a "
        "different word order) or repeat a paragraph. A paragraph of three or more words whose words "
        "are the same as an earlier one's, or overlap it by 80 % (for paragraphs of up to 60 words), is "
        "flagged. The fix deletes the repetition and is unsafe."
    ),
    check=check_duplicate,
    flags=(
        Example(
            "Kyiv retakes Izium\n\nKyiv retakes Izium\n\nThe army advanced.\n",
            "Kyiv retakes Izium\n\nThe army advanced.\n",
        ),
        Example(
            "Russian forces retreat to Donbas\n\nTo Donbas, Russian forces retreat\n\nText.\n",
            "Russian forces retreat to Donbas\n\nText.\n",
        ),
    ),
    passes=("Kyiv retakes Izium\n\nThe army said Kyiv retakes towns.\n\nThe end of the war.\n",),
)


def check_boilerplate(doc: Analysis, ctx: Context) -> Iterator[Hit]:
    """Flag scraped web boilerplate at the start of a paragraph (data: ``boilerplate.txt``)."""
    pattern = ctx.profile.boilerplate
    if pattern is None:
        return
    text = doc.text
    for index, para in enumerate(doc.paragraphs):
        m = pattern.match(text, para.start, min(para.end, para.start + BOILERPLATE_SPAN))
        if not m or m.end() == m.start():
            continue
        if m.end() >= para.end:  # the whole paragraph
            start, end = _deletion_span(doc, index)
        else:
            start, end = m.start(), m.end()
            while end < para.end and text[end] == " ":
                end += 1
        yield Hit(
            m.start(),
            m.end(),
            f"web boilerplate “{m.group().strip()[:60]}” in the article text",
            Fix((Edit(start, end, ""),), Applicability.UNSAFE),
        )


BOILERPLATE = Rule(
    code="STR002",
    name="boilerplate",
    family="structure",
    severity=Severity.ERROR,
    mqm="Accuracy/Addition",
    fix=Applicability.UNSAFE,
    summary="Scraped web boilerplate in the article (“Leave a Reply”, “>> Read also”, breadcrumbs).",
    explanation=(
        "Comment forms, newsletter prompts, cross-links, share buttons and breadcrumb trails scraped "
        "with the article are not part of it. The patterns are data (boilerplate.txt of the target "
        "language), matched at the start of a paragraph. The fix deletes the match (the whole "
        "paragraph when it covers it) and is unsafe."
    ),
    check=check_boilerplate,
    flags=(
        Example("The army advanced.\nLeave a Reply\nMore text.\n", "The army advanced.\nMore text.\n"),
        Example("End.\n\nYour email address will not be published.Lyman fell.\n", "End.\n\nLyman fell.\n"),
        Example("Home > World > Europe\nThe army advanced.\n", "The army advanced.\n"),
        Example("Text.\n>> Read also: the war in maps\n", "Text.\n"),
    ),
    passes=(
        "Voters were asked to leave a reply slip at the desk.\nSubscribers read the newsletter.\n",
        "The ratio of revenue > costs was good.\n",
    ),
)

RULES = (DUPLICATE, BOILERPLATE)
