"""French spacing and English number formats in comma-decimal targets."""

from __future__ import annotations

from mtqa.context import Context
from mtqa.document import Document
from mtqa.engine import lint_document
from mtqa.rules import REGISTRY

RULES = REGISTRY.select(["PUN007", "PUN008", "NUM008"])


def codes(text: str, lang: str, ctx: Context) -> list[str]:
    return [f.finding.code for f in lint_document(Document("<t>", text, lang), RULES, ctx).findings]


def test_french_spacing_only_in_french(ctx: Context) -> None:
    text = "Il a dit: «Bonjour»; pourquoi?\n"
    assert codes(text, "fr", ctx) == ["PUN007", "PUN008", "PUN008", "PUN007", "PUN007"]
    assert codes(text, "de", ctx) == [] and codes(text, "en", ctx) == []


def test_spaces_of_any_kind_are_accepted(ctx: Context) -> None:
    assert codes("Il a dit : « Oui » ; non\u00a0! Et\u202f?\n", "fr", ctx) == []


def test_times_addresses_and_emoticons_are_left_alone(ctx: Context) -> None:
    assert codes("À 14:30, voir https://exemple.fr et C:\\dossier :)\n", "fr", ctx) == []


def test_english_numbers_in_comma_decimal_targets(ctx: Context) -> None:
    for lang in ("fr", "de", "es", "it"):
        assert codes("1,200,000 et 2,500.5 et 2.5 km\n", lang, ctx) == ["NUM008", "NUM008", "NUM008"], lang
        assert codes("2,500 et 2,5 km et 12.05.2024\n", lang, ctx) == [], lang
    assert codes("1,200,000 and 2.5 km\n", "en", ctx) == []
