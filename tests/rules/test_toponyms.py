"""TOP001 in context: wording-independent matches, and the names it must leave alone."""

from __future__ import annotations

import pytest

from mtqa.context import Context
from mtqa.findings import Applicability
from mtqa.rules import REGISTRY
from tests.conftest import apply_first_fixes, lint_text

LEAD = "Russia's war against Ukraine entered another week of heavy fighting. "
TOP = [REGISTRY.get("TOP001")]
GLO = [REGISTRY.get("GLO001")]


def fixed(text: str, ctx: Context) -> str:
    return apply_first_fixes(text, [f.finding for f in lint_text(text, ctx, TOP).findings])  # type: ignore[list-item]


@pytest.mark.parametrize(
    "sentence",
    [
        "Russian forces shelled {} overnight.",
        "Russian forces struck {} in the night.",
        "Soldiers defending {} describe constant drone attacks.",
        "Power was restored to most of {} by Thursday.",
        "Residents say {} has had no water for a week.",
    ],
)
@pytest.mark.parametrize(
    ("wrong", "right"),
    [("Bogdanovka", "Bohdanivka"), ("Verbovoye", "Verbove"), ("Gulyaipole", "Huliaipole"), ("Andreevka", "Andriivka")],
)
def test_russian_era_village_names_do_not_depend_on_the_verb(
    ctx: Context, sentence: str, wrong: str, right: str
) -> None:
    text = LEAD + sentence.format(wrong)
    assert fixed(text, ctx) == LEAD + sentence.format(right)


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian forces pushed towards Korenevo in Russia's Kursk region.",
        "Ukrainian drones targeted the Baltic oil terminal at Primorsk, near St Petersburg, Russian officials said.",
        "Russia's 2024 offensive was launched partly from the area around Valuyki in the Belgorod region.",
        "The Russian town of Millerovo lies near Ukraine.",
        LEAD + "Kremlin spokesman Dmitry Peskov said Moscow would respond. Peskov did not elaborate.",
        LEAD + "Foreign minister Sergei Lavrov met Mr Lavrov's deputy. Lavrov left.",
        LEAD + "The Russian cruiser Moskva sank in the Black Sea.",
        LEAD + "Ukrainian diplomats met in Poznań and Belgorod.",
        "The short stories of Saki, the pen name of Hector Hugh Munro, are still widely read in Ukraine.",
        LEAD + "Stanytsia Luhanska, Kamianka-Dniprovska, Horishni Plavni and Zmiinyi Island were shelled.",
    ],
)
def test_leaves_alone(ctx: Context, text: str) -> None:
    findings = lint_text(text, ctx, TOP).findings
    assert not findings, [f.finding.message for f in findings]


def test_compounds_are_matched_whole(ctx: Context) -> None:
    text = LEAD + "Shelling of Kamenets-Podolsky and Malaya Tokmachka damaged a school."
    assert fixed(text, ctx) == LEAD + "Shelling of Kamianets-Podilskyi and Mala Tokmachka damaged a school."


def test_exact_foreign_spelling_of_a_city_needs_no_context(ctx: Context) -> None:
    assert fixed("A missile hit an industrial site in Luzk early on Friday.", ctx).endswith("in Lutsk early on Friday.")
    # but a Russian-era village name does
    assert fixed("Power was restored to most of Bogdanovka.", ctx) == "Power was restored to most of Bogdanovka."


def test_messages_cite_the_note_never_a_path(ctx: Context) -> None:
    for text in (LEAD + "Troops left Sewerodonezk.", LEAD + "Troops left Siewierodonieck."):
        findings = lint_text(text, ctx, TOP).findings
        assert findings
        for item in findings:
            assert ".tsv" not in item.finding.message and "/" not in item.finding.message.split("(")[-1]
            assert item.finding.fix is not None and item.finding.fix.applicability is Applicability.UNSAFE


@pytest.mark.parametrize("word", ["Lvov", "Moskva"])
def test_surnames_and_ship_names_never_get_a_safe_fix(ctx: Context, word: str) -> None:
    text = LEAD + f"Reports from {word} said the strikes continued."
    findings = lint_text(text, ctx, GLO).findings
    assert findings
    assert all(f.finding.fix is None or f.finding.fix.applicability is Applicability.UNSAFE for f in findings)
    assert not lint_text(f"Prince Georgy {word} led the government in 1917.", ctx, GLO).findings


def test_oblast_names_keep_their_region(ctx: Context) -> None:
    findings = lint_text(LEAD + "Shelling hit the Dnepropetrovsk region.", ctx, GLO).findings
    assert [f.finding.fix.edits[0].replacement for f in findings if f.finding.fix] == ["Dnipropetrovsk"]
    findings = lint_text(LEAD + "Shelling hit the Dnipropetrowsk region.", ctx).findings
    assert {f.finding.fix.edits[0].replacement for f in findings if f.finding.fix} <= {"Dnipropetrovsk"}
