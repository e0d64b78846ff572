"""The token prefilter: a text whose tokens hold none of the keys is passed over, and no match is lost."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtqa.analysis import TOKEN
from mtqa.context import Context
from mtqa.glossary import Entry, Glossary
from mtqa.prefilter import ALPHA, RunIndex, longest_run

BOUNDED = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)


def types(text: str) -> set[str]:
    """The distinct tokens of ``text``, as ``Analysis.word_types`` reads them."""
    return set(TOKEN.findall(text))


def index(keys: list[str], runs: object = None) -> RunIndex:
    return RunIndex("test", keys) if runs is None else RunIndex("test", keys, ALPHA)


def may_occur(runs: RunIndex, text_types: set[str]) -> bool:
    return runs.may_occur(text_types, Context("en").verdicts)


def test_a_key_run_inside_a_token_passes() -> None:
    runs = index(["kiev", "dnr"])
    assert may_occur(runs, types("Shelling near Kiev's outskirts"))  # the run of Kiev's
    assert may_occur(runs, types("the 2DNR unit"))  # digits do not join a run of letters
    assert may_occur(runs, types("ДНР and DNR"))


def test_a_text_without_a_key_run_is_passed_over() -> None:
    runs = index(["kiev", "dnr"])
    assert not may_occur(runs, types("The talks in Kyiv resumed on Monday."))
    assert not may_occur(runs, types("Kievan Rus and the dnrx code"))  # runs must be whole
    assert not may_occur(runs, set())


def test_verdicts_are_memoised_and_stay_right() -> None:
    runs, ctx = index(["kiev"]), Context("en")
    for _ in range(2):  # the second time from the memo
        assert runs.may_occur(types("in Kiev"), ctx.verdicts)
        assert not runs.may_occur(types("in Kyiv"), ctx.verdicts)


def test_keys_compare_casefolded() -> None:
    runs = index(["straße"])
    assert may_occur(runs, types("STRASSE 5"))  # ß folds to ss: a superset of the lowercase matches
    assert may_occur(runs, types("Straße 5"))
    assert may_occur(index(["ΟΔΟΣ".lower()]), types("ΟΔΟΣ"))  # final sigma


def test_a_key_no_token_can_hold_makes_every_text_pass() -> None:
    assert index([""]).always and may_occur(index([""]), types("anything"))
    assert index(["de-facto"]).always  # a hyphen is no letter: not one run
    assert index(["क\u093e"]).always  # a spacing mark outside the token pattern
    assert not index(["kiev"]).always


def test_alpha_runs_leave_out_marks() -> None:
    runs = index(["saint"], ALPHA)
    assert may_occur(runs, types("e\u0301saint-étienne"))  # a combining mark before the run
    assert not may_occur(runs, types("saintly"))


def test_longest_run() -> None:
    assert longest_run("Institute for War Studies") == "Institute"
    assert longest_run("o'brien") == "brien"
    assert longest_run("2024") == ""


FRAGMENTS = [
    "Kiev", "kiev", "KIEV", "Kievan", "DNR", "dnr", "ДНР", "Institute for War Studies", "Donbass", "Izioum",
    "'s", "’s", "-", " ", "2", "_", "e\u0301", "ΟΔΟΣ", "ß", "İ", "\u093e", ".", ",", "Zaporijia", "\n",
]  # fmt: skip
TEXTS = st.lists(st.one_of(st.text(max_size=4), st.sampled_from(FRAGMENTS)), max_size=30).map("".join)
CTX = Context("en")
SHIPPED = CTX.glossary


def found(glossary: Glossary, text: str, ctx: Context) -> list[tuple[int, int, Entry]]:
    """What the glossary rule reads: nothing when the prefilter passes the text over."""
    if not glossary.prefilter.may_occur(types(text), ctx.verdicts):
        return []
    return list(glossary.find(text))


@BOUNDED
@given(TEXTS)
def test_the_prefilter_never_loses_a_glossary_match(text: str) -> None:
    assert found(SHIPPED, text, CTX) == list(SHIPPED.find(text))


@BOUNDED
@given(TEXTS, st.lists(st.sampled_from([*FRAGMENTS, "Σ", "x-ray", "’"]), min_size=1, max_size=4))
def test_the_prefilter_never_loses_a_match_of_any_glossary(text: str, variants: list[str]) -> None:
    entry = Entry("Preferred", tuple(variants), (), "term", "en", False, (), "", "test:1")
    glossary = Glossary([entry], "en")
    assert found(glossary, text, Context("en")) == list(glossary.find(text))
