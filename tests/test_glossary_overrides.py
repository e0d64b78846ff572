from __future__ import annotations

import pytest

from mtqa.glossary import Entry
from mtqa.glossary_overrides import OverrideError, apply_overrides, validate


def _entry(preferred: str, reject: tuple[str, ...] = (), accept: tuple[str, ...] = (), kind: str = "place") -> Entry:
    return Entry(preferred, reject, accept, kind, "en", True, (), "", "shipped.tsv:1")


SHIPPED = [
    _entry("Zelensky", ("Zelenski", "Zelenskiy"), ("Zelenskyy",), "person"),
    _entry("Kyiv", ("Kiev",), ("chicken Kiev",)),
    _entry("DPR", ("DNR",), (), "acronym"),
    _entry("Vorskla"),
]


def test_update_flip_remove_and_add() -> None:
    overrides = validate(
        {
            "Zelenskyy": {"reject": ["Zelensky", "Zelenskiy"], "type": "person"},
            "Kyiv": {"accept": ["chicken Kiev", "Kiev Ballet"]},
            "DPR": {"remove": True},
            "Vovchansk": {"reject": ["Volchansk"], "type": "place", "note": "house list"},
        },
        "mtqa.toml",
    )
    entries = {e.preferred: e for e in apply_overrides(SHIPPED, overrides, "mtqa.toml")}
    assert "Zelensky" not in entries  # the house rejects the shipped preferred form
    assert entries["Zelenskyy"].reject == ("Zelensky", "Zelenskiy")
    assert entries["Zelenskyy"].source == "mtqa.toml: glossary-overrides.Zelenskyy"
    assert entries["Kyiv"].accept == ("chicken Kiev", "Kiev Ballet") and entries["Kyiv"].reject == ("Kiev",)
    assert "DPR" not in entries
    assert entries["Vovchansk"].type == "place" and entries["Vovchansk"].note == "house list"
    assert "Vorskla" in entries  # untouched entries stay


def test_an_override_preferred_form_is_never_rejected_elsewhere() -> None:
    overrides = validate({"Kiev": {"type": "place"}}, "mtqa.toml")
    entries = {e.preferred: e for e in apply_overrides(SHIPPED, overrides, "mtqa.toml")}
    assert entries["Kyiv"].reject == ()


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("x", "must be a table"),
        ({"colour": "red"}, "unknown field 'colour'"),
        ({"reject": "Kiev"}, "reject must be a list of strings"),
        ({"type": "city"}, "type must be one of"),
        ({"case": "upper"}, "case must be"),
        ({"remove": "yes"}, "remove must be true or false"),
        ({"reject": ["Kyiv"]}, "rejects its own preferred form"),
    ],
)
def test_bad_overrides_name_the_key(value: object, problem: str) -> None:
    with pytest.raises(OverrideError, match=rf"mtqa.toml: glossary-overrides.Kyiv.*{problem}"):
        validate({"Kyiv": value}, "mtqa.toml")
