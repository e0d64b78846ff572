from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtqa.analysis import LINE, TOKEN, Analysis, word_types_of
from mtqa.context import Context
from mtqa.document import Document


def analyse(text: str, ctx: Context) -> Analysis:
    return Analysis(Document("t", text, "en"), ctx.profile, ctx.lexicon)


def test_positions_count_characters_and_all_newline_kinds(ctx: Context) -> None:
    a = analyse("ab\r\ncé\rx\ny", ctx)
    assert a.position(0) == (1, 1)
    assert a.position(4) == (2, 1)
    assert a.position(5) == (2, 2)
    assert a.position(7) == (3, 1)
    assert a.position(9) == (4, 1)


def test_each_line_is_a_paragraph_and_short_lines_are_headings(ctx: Context) -> None:
    text = "Big headline\nA first paragraph that ends.\n\nSignificant decrease\nMore text here.\n"
    a = analyse(text, ctx)
    paras = [(text[p.start : p.end], p.heading) for p in a.paragraphs]
    assert paras == [
        ("Big headline", True),
        ("A first paragraph that ends.", False),
        ("Significant decrease", True),
        ("More text here.", False),
    ]


def test_hard_wrapped_block_is_one_paragraph(ctx: Context) -> None:
    line = "The minister said on Tuesday that the budget would rise by a"
    text = f"{line}\nsmall amount next year, and that taxes would not go up at all\nthis time.\n"
    a = analyse(text, ctx)
    assert len(a.paragraphs) == 1


def test_line_ending_with_article_is_not_a_heading(ctx: Context) -> None:
    a = analyse("He said it was like an\n\nagent provocateur.\n", ctx)
    assert not a.paragraphs[0].heading


def test_sentences_respect_abbreviations(ctx: Context) -> None:
    text = "Mr. Smith met Dr. Jones at 9 a.m. Monday. They talked. “Yes,” he said! Then J. K. Rowling came."
    a = analyse(text, ctx)
    assert [text[s.start : s.end] for s in a.sentences] == [
        "Mr. Smith met Dr. Jones at 9 a.m. Monday.",
        "They talked.",
        "“Yes,” he said!",
        "Then J. K. Rowling came.",
    ]


def test_word_types_unknown_words_and_occurrences(ctx: Context) -> None:
    a = analyse("Kyiv’s army and the army of southsigns. Army.", ctx)
    assert {"army", "Kyiv’s", "Army"} <= a.word_types
    assert a.count("army") == 2 and a.count("Kyiv’s") == 1
    assert a.unknown_words == ["southsigns"]
    assert [t.start for t in a.occurrences("army")] == [7, 20]
    assert a.words_before(20, 2) == ["and", "the"]
    assert a.token_after(11).text == "and"


def test_headline_then_paragraph_on_next_line_are_two_paragraphs(ctx: Context) -> None:
    text = (
        "Fuel shortages spread to half of French petrol stations\n"
        "Fuel shortages spread to half of French petrol stations\n"
        "Drivers queued for hours on Sunday as strikes at refineries entered a third week, officials said.\n"
    )
    assert len(analyse(text, ctx).paragraphs) == 3


NEAR_BOUNDARY = st.characters(min_codepoint=0x20, max_codepoint=0x3FF) | st.sampled_from(
    list("’'\u2019\u0301\u0483 \n")
)
TEXTS = st.text(NEAR_BOUNDARY | st.characters(codec="utf-8"), max_size=60)
EXAMPLES = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)


@EXAMPLES
@given(TEXTS)
def test_word_types_are_the_token_patterns_tokens(text: str) -> None:
    assert word_types_of(text) == set(TOKEN.findall(text))


CTX = Context("en")


@EXAMPLES
@given(st.text(st.sampled_from(list("ab \t\r\n\u00a0.")), max_size=40))
def test_lines_are_those_the_line_pattern_finds(text: str) -> None:
    expected = [(m.start(), m.group().rstrip("\r\n")) for m in LINE.finditer(text)]
    found = list(analyse(text, CTX)._lines())
    at_end = (len(text), "")  # an empty last line, which one reading has and the other not: it holds nothing
    assert [line for line in found if line != at_end] == [line for line in expected if line != at_end]
