"""Source-language profiles: debris, calques and false friends as data."""

from __future__ import annotations

import regex

from mtqa.analysis import TOKEN
from mtqa.sources import available_sources, expand, load_source


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
