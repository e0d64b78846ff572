"""House-style overrides of glossary entries, from the configuration (``glossary-overrides``).

A house style rarely wants a glossary of its own; it wants the shipped ones with a few choices of its
own. Each key of the table is a preferred form; its value sets that entry's fields::

    [tool.mtqa.glossary-overrides]
    Zelenskyy = { reject = ["Zelensky", "Zelenskiy"], type = "person", note = "our style" }
    Kyiv = { accept = ["Kiev Ballet", "chicken Kiev"] }
    DPR = { remove = true }

Fields: ``reject``, ``accept``, ``context`` (lists), ``type``, ``lang``, ``case`` ("sensitive" or
"insensitive"), ``note``, and ``remove = true``. An entry whose preferred form is the key (in the
override's language, English by default) takes the fields given and keeps the others; ``remove``
drops it. A key no entry prefers becomes a new entry (type ``term`` unless given). An override's
preferred form is never rejected elsewhere: an entry that rejects it loses that variant, and an entry
whose own preferred form the override rejects is dropped (the house chose the other spelling).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from mtqa.glossary import TYPES, Entry

FIELDS = ("reject", "accept", "context", "type", "lang", "case", "note", "remove")
LISTS = ("reject", "accept", "context")


class OverrideError(ValueError):
    """An override that cannot be used; the message names the key and the problem."""


def validate(overrides: Mapping[str, Any], where: str) -> dict[str, dict[str, Any]]:
    """Check the ``glossary-overrides`` table of a configuration; raise OverrideError naming the key."""
    checked: dict[str, dict[str, Any]] = {}
    for key, value in overrides.items():
        name = f"{where}: glossary-overrides.{key}"
        if not key.strip():
            raise OverrideError(f"{name}: the preferred form is empty")
        if not isinstance(value, dict):
            raise OverrideError(f"{name} must be a table of fields ({', '.join(FIELDS)})")
        unknown = sorted(set(value) - set(FIELDS))
        if unknown:
            raise OverrideError(f"{name}: unknown field {unknown[0]!r} (one of {', '.join(FIELDS)})")
        for field in LISTS:
            items = value.get(field, [])
            if not (isinstance(items, list) and all(isinstance(v, str) for v in items)):
                raise OverrideError(f"{name}.{field} must be a list of strings")
        for field in ("type", "lang", "case", "note"):
            if field in value and not isinstance(value[field], str):
                raise OverrideError(f"{name}.{field} must be a string")
        if "type" in value and value["type"] not in TYPES:
            raise OverrideError(f"{name}.type must be one of {', '.join(sorted(TYPES))}")
        if "case" in value and value["case"] not in ("sensitive", "insensitive"):
            raise OverrideError(f"{name}.case must be 'sensitive' or 'insensitive'")
        if "remove" in value and not isinstance(value["remove"], bool):
            raise OverrideError(f"{name}.remove must be true or false")
        if key in value.get("reject", []):
            raise OverrideError(f"{name}: rejects its own preferred form")
        checked[key] = dict(value)
    return checked


def _fields(entry: Entry, value: Mapping[str, Any], source: str) -> Entry:
    """``entry`` with the fields an override gives."""
    changes: dict[str, Any] = {field: tuple(value[field]) for field in LISTS if field in value}
    for field in ("type", "lang", "note"):
        if field in value:
            changes[field] = value[field]
    if "case" in value:
        changes["case_sensitive"] = value["case"] == "sensitive"
    return replace(entry, source=source, **changes)


def apply_overrides(entries: list[Entry], overrides: Mapping[str, Mapping[str, Any]], where: str) -> list[Entry]:
    """``entries`` with the house style's overrides applied (see the module docstring)."""
    if not overrides:
        return entries
    out: list[Entry] = []
    done: set[str] = set()
    rejected_by_house = {(v.get("lang", "en"), r) for v in overrides.values() for r in v.get("reject", [])}
    for entry in entries:
        value = overrides.get(entry.preferred)
        if value is not None and value.get("lang", "en") == entry.lang:
            done.add(entry.preferred)
            if not value.get("remove"):
                out.append(_fields(entry, value, f"{where}: glossary-overrides.{entry.preferred}"))
            continue
        if (entry.lang, entry.preferred) in rejected_by_house:
            continue  # the house style chose another spelling of this name
        kept = tuple(v for v in entry.reject if v not in overrides)
        out.append(entry if kept == entry.reject else replace(entry, reject=kept))
    for key, value in overrides.items():
        if key in done or value.get("remove"):
            continue
        blank = Entry(key, (), (), "term", "en", True, (), "", "")
        out.append(_fields(blank, value, f"{where}: glossary-overrides.{key}"))
    return out
