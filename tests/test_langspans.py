"""Untranslated spans: cheap gates, lexicon runs, langdetect confirmation."""

from __future__ import annotations

from mtqa.analysis import Analysis
from mtqa.context import Context
from mtqa.document import Document
from mtqa.langspans import candidates, foreign_spans, markers, story_language


def analysis(text: str, ctx: Context, lang: str = "en") -> Analysis:
    target = ctx.for_language(lang)
    return Analysis(Document("<t>", text, lang), target.profile, target.lexicon)


def test_markers_are_rare_in_the_target() -> None:
    french = markers("en", "fr")
    assert {"dans", "selon", "été"} <= french
    assert not {"le", "la", "de", "a", "en"} & french


def test_candidates_follow_the_source(ctx: Context) -> None:
    doc = analysis("Text.", ctx)
    assert candidates(doc, ctx) == ["de", "es", "fr", "it"]
    assert candidates(doc, Context("en", ctx.glossary_paths, source="fr")) == ["fr"]


def test_sentence_and_fragment(ctx: Context) -> None:
    text = (
        "The talks resumed on Monday. Le gouvernement a annoncé une réforme des retraites pour cette année. "
        "The minister said that le projet sera présenté dans les prochains jours, and left.\n"
    )
    spans = foreign_spans(analysis(text, ctx), ctx)
    assert [(s.kind, s.lang) for s in spans] == [("sentence", "fr"), ("fragment", "fr")]
    assert text[spans[0].start : spans[0].end].startswith("Le gouvernement")
    assert text[spans[1].start : spans[1].end] == "le projet sera présenté dans les prochains jours"


def test_english_with_french_names_has_no_span(ctx: Context) -> None:
    text = "He flew from Charles de Gaulle to the Côte d'Ivoire, read Les Misérables and toured the Musée d'Orsay.\n"
    assert foreign_spans(analysis(text, ctx), ctx) == ()


def test_english_left_in_a_french_story(ctx: Context) -> None:
    text = (
        "Le gouvernement a présenté mercredi sa réforme des retraites devant les députés. "
        "The reform would be examined by the parliament in the coming weeks, they said. "
        "Les syndicats ont appelé à une nouvelle grève.\n"
    )
    spans = foreign_spans(analysis(text, ctx, "fr"), ctx)
    assert [(s.kind, s.lang) for s in spans] == [("sentence", "en")]


def test_story_language(ctx: Context) -> None:
    french = (
        "Le Premier ministre a présenté mercredi un projet de loi qui doit être examiné par les députés dans "
        "les prochaines semaines. Selon lui, la réforme est nécessaire pour l'avenir du pays.\n"
    )
    assert story_language(analysis(french, ctx), ctx) == "fr"
    assert story_language(analysis(french, ctx, "fr"), ctx) is None


def test_the_foreign_floor_changes_no_verdict() -> None:
    """Candidate words rarer than FOREIGN_FLOOR are read as unknown; no threshold of _classify lies below it."""
    from mtqa import langspans

    assert langspans.FOREIGN_FLOOR <= langspans.FOREIGN_MIN_ZIPF
    assert langspans.FOREIGN_FLOOR <= 3.0 - langspans.TARGET_MARGIN  # a target word: 3.0 or more, 1.0 above
    full, floored = langspans.lexicon_for("fr"), langspans.foreign_lexicon("fr")
    for word in ("selon", "dans", "été", "Moscou", "xqzv", "anticonstitutionnellement"):
        if full.zipf(word) >= langspans.FOREIGN_FLOOR:
            assert floored.zipf(word) == full.zipf(word)
        else:
            assert floored.zipf(word) == 0.0
