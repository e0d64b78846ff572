"""Language identification: function-word votes, seeded langdetect, the target of a document."""

from __future__ import annotations

from mtqa.context import Context
from mtqa.document import Document
from mtqa.langid import detect, detect_language, language_name, resolve_target, vote, vote_winner

FRENCH = "Le gouvernement a annoncé mercredi une réforme qui sera examinée par les députés dans les semaines à venir."
ENGLISH = "The government announced a reform on Wednesday that MPs will examine in the coming weeks."


def test_vote() -> None:
    assert vote_winner(vote(FRENCH.split())) == "fr"
    assert vote_winner(vote(ENGLISH.split())) == "en"
    assert vote_winner(vote(["the", "le"])) is None  # too few votes


def test_langdetect_is_seeded_and_skips_short_text() -> None:
    first, second = detect(FRENCH), detect(FRENCH)
    assert first == second and max(first, key=lambda k: first[k]) == "fr"
    assert detect("Oui.") == {}


def test_detect_language_falls_back() -> None:
    assert detect_language(FRENCH, "en") == "fr"
    assert detect_language("12 345", "en") == "en"
    assert language_name("de") == "German" and language_name("xx") == "xx"


def test_resolve_target(ctx: Context) -> None:
    target = resolve_target(Document("<t>", FRENCH, ""), ctx)
    assert (target.doc.lang, target.ctx.lang, target.ctx.profile.lang, target.detected) == ("fr", "fr", "fr", True)
    assert target.word_types is not None and "gouvernement" in target.word_types
    assert ctx.for_language("fr") is target.ctx  # one context per language and run
    target = resolve_target(Document("<t>", FRENCH, "en"), ctx)
    assert (target.doc.lang, target.ctx, target.detected, target.word_types) == ("en", ctx, False, None)
    target = resolve_target(Document("<t>", ENGLISH, "pl"), ctx)
    assert target.ctx is ctx and target.doc.lang == "pl"  # no Polish profile: the run's profile checks it
