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


def test_a_key_run_inside_a_token_passes() -> None:
    index = RunIndex(["kiev", "dnr"])
    assert index.may_occur(types("Shelling near Kiev's outskirts"))  # the run of Kiev's
    assert index.may_occur(types("the 2DNR unit"))  # digits do not join a run of letters
    assert index.may_occur(types("ДНР and DNR"))


def test_a_text_without_a_key_run_is_passed_over() -> None:
    index = RunIndex(["kiev", "dnr"])
    assert not index.may_occur(types("The talks in Kyiv resumed on Monday."))
    assert not index.may_occur(types("Kievan Rus and the dnrx code"))  # runs must be whole
    assert not index.may_occur(set())


def test_verdicts_are_memoised_and_stay_right() -> None:
    index = RunIndex(["kiev"])
    for _ in range(2):  # the second time from the memo
        assert index.may_occur(types("in Kiev"))
        assert not index.may_occur(types("in Kyiv"))


def test_keys_compare_casefolded() -> None:
    index = RunIndex(["straße"])
    assert index.may_occur(types("STRASSE 5"))  # ß folds to ss: a superset of the lowercase matches
    assert index.may_occur(types("Straße 5"))
    assert RunIndex(["ΟΔΟΣ".lower()]).may_occur(types("ΟΔΟΣ"))  # final sigma


def test_a_key_no_token_can_hold_makes_every_text_pass() -> None:
    assert RunIndex([""]).may_occur(types("anything"))
    assert RunIndex(["de-facto"]).may_occur(set())  # a hyphen is no letter: not one run
    assert RunIndex(["क\u093e"]).may_occur(set())  # a spacing mark outside the token pattern


def test_alpha_runs_leave_out_marks() -> None:
    index = RunIndex(["saint"], ALPHA)
    assert index.may_occur(types("e\u0301saint-étienne"))  # a combining mark before the run
    assert not index.may_occur(types("saintly"))


def test_longest_run() -> None:
    assert longest_run("Institute for War Studies") == "Institute"
    assert longest_run("o'brien") == "brien"
    assert longest_run("2024") == ""


FRAGMENTS = [
    "Kiev", "kiev", "KIEV", "Kievan", "DNR", "dnr", "ДНР", "Institute for War Studies", "Donbass", "Izioum",
    "'s", "’s", "-", " ", "2", "_", "e\u0301", "ΟΔΟΣ", "ß", "İ", "\u093e", ".", ",", "Zaporijia", "\n",
]  # fmt: skip
TEXTS = st.lists(st.one_of(st.text(max_size=4), st.sampled_from(FRAGMENTS)), max_size=30).map("".join)
SHIPPED = Context("en").glossary


@BOUNDED
@given(TEXTS)
def test_the_prefilter_never_loses_a_glossary_match(text: str) -> None:
    assert list(SHIPPED.find(text, types(text))) == list(SHIPPED.find(text))


@BOUNDED
@given(TEXTS, st.lists(st.sampled_from([*FRAGMENTS, "Σ", "x-ray", "’"]), min_size=1, max_size=4))
def test_the_prefilter_never_loses_a_match_of_any_glossary(text: str, variants: list[str]) -> None:
    entry = Entry("Preferred", tuple(variants), (), "term", "en", False, (), "", "test:1")
    glossary = Glossary([entry], "en")
    assert list(glossary.find(text, types(text))) == list(glossary.find(text))
