"""Source-language profiles: debris, calques and false friends as data."""

from __future__ import annotations

import pytest
import regex

from mtqa.analysis import TOKEN
from mtqa.sources import anchor, available_sources, expand, load_source


def test_french_german_spanish_ship() -> None:
    assert {"fr", "de", "es"} <= set(available_sources())
    assert load_source("xx") is None


def test_debris_entries_and_pattern() -> None:
    french = load_source("fr")
    assert french is not None and french.debris
    assert french.debris_entry("Selon") is not None and french.debris_entry("selon") is not None
    moscou = french.debris_entry("Moscou")
    assert moscou is not None and moscou.replacement == "Moscow" and moscou.kind == "exonym"
    assert french.debris_entry("moscou") is None  # names match as written
    text = "selon X, a-t-il dit à Moscou; Moscouvite, Moscou's, Moscou-X, X-selon, Selon, 2selon"
    found = [text[start:end] for start, end in french.debris_spans(text, set(TOKEN.findall(text)))]
    assert found == ["selon", "a-t-il", "Moscou", "Selon"]
    assert french.debris_spans("nothing to see", {"nothing", "to", "see"}) == []


def test_patterns_and_suggestions() -> None:
    french = load_source("fr")
    assert french is not None and french.calques and french.false_friends
    m = regex.search(r"this (saturday)", "This Saturday, they met", regex.IGNORECASE)
    assert m is not None and expand(m, r"on \1") == "On Saturday"


def test_anchor_is_letters_every_match_holds() -> None:
    assert anchor(r"in the framework of") == "framework"
    assert anchor(r"(?<=^|[.!?]\s+)This (monday|tuesday)(?=,)") == "this"  # groups and lookarounds left out
    assert anchor(r"actually|currently") == ""  # an alternation at the top: no letters are sure
    assert anchor(r"colou?r scheme") == "scheme"  # an optional letter ends a run
    assert anchor(r"\p{Lu}\w+ing") == "ing"  # escapes, with their {…}, are no letters
    assert anchor(r"[abc]de+f") == ""  # runs shorter than three letters say too little
    assert anchor(r"\xfable") == "" and anchor(r"(?x) fab le # a comment") == ""  # codes, verbose mode


def test_every_calque_and_false_friend_anchor_is_in_the_sentence_it_flags() -> None:
    for lang in available_sources():
        profile = load_source(lang)
        assert profile is not None
        for entry in (*profile.calques, *profile.false_friends):
            assert entry.pattern.search(entry.flags), entry.pattern.pattern
            assert entry.anchor in entry.flags.casefold(), (entry.anchor, entry.flags)


def test_a_dotted_capital_i_does_not_hide_a_pattern_from_its_anchor() -> None:
    """İ folds to i and a combining dot; IGNORECASE reads it as i, so the anchor test must too."""
    from mtqa.context import Context
    from mtqa.document import Document
    from mtqa.engine import lint_document
    from mtqa.rules import REGISTRY

    text = "Markets are VERY SENSİBLE TO PRESSURE.\n"
    result = lint_document(Document("<t>", text, "en"), REGISTRY.select(("CLQ",), ()), Context("en", source="fr"))
    assert [f.finding.code for f in result.findings] == ["CLQ002"]


def test_debris_boundaries_follow_the_regex_modules_unicode() -> None:
    french = load_source("fr")
    assert french is not None
    text = "il a dit selon\u0897 lui"  # U+0897 is a mark in recent Unicode: selon is part of a longer word
    assert french.debris_spans(text, set(TOKEN.findall(text))) == []


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        ("de", "Er kam, _z. B. gestern.", "z. B."),
        ("fr", "Quoi, _a-t-on dit ?", "a-t-on"),
        ("fr", "Il a dit _selon lui.", "selon"),
        ("fr", "Quoi, a-t-il'2 dit ?", "a-t-il"),
    ],
)
def test_debris_beside_an_underscore_or_an_apostrophe_and_digit_is_found(lang: str, text: str, found: str) -> None:
    profile = load_source(lang)
    assert profile is not None
    spans = profile.debris_spans(text, set(TOKEN.findall(text)))
    assert [text[start:end] for start, end in spans] == [found]
