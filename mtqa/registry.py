"""Rule declarations: one Rule object per check, with its stable code, metadata and examples.

Rules are listed explicitly in ``mtqa/rules/__init__.py``; nothing is discovered by introspection.
A rule's ``check`` is a pure function of the analysed document and the lint context that yields
``Hit`` objects; the engine turns each hit into a Finding carrying the rule's metadata.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mtqa.findings import Applicability, Edit, Finding, Fix, Severity

if TYPE_CHECKING:
    from mtqa.analysis import Analysis
    from mtqa.context import Context


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule reports: a span, a message, and optionally a fix and other candidate replacements."""

    start: int
    end: int
    message: str
    fix: Fix | None = None
    alternatives: tuple[str, ...] = ()


def replacement_hit(
    start: int,
    end: int,
    message: str,
    candidates: Sequence[str],
    applicability: Applicability,
) -> Hit:
    """A hit whose fix replaces ``[start, end)`` with the first candidate; the others are alternatives."""
    if not candidates:
        return Hit(start, end, message)
    fix = Fix((Edit(start, end, candidates[0]),), applicability)
    return Hit(start, end, message, fix, tuple(candidates[1:]))


@dataclass(frozen=True, slots=True)
class Example:
    """Text a rule must flag; ``fixed`` is the text after applying the rule's fixes (if it has one).

    ``lang`` and ``source`` (target and source language) default to the rule's ``example_lang`` and
    ``example_source``.
    """

    text: str
    fixed: str | None = None
    lang: str | None = None
    source: str | None = None
    source_text: str | None = None  # bilingual rules: the source segment that ``text`` translates


Check = Callable[["Analysis", "Context"], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A registered check and everything `mtqa rule CODE` prints about it."""

    code: str
    name: str
    family: str
    severity: Severity
    mqm: str
    fix: Applicability | None  # the applicability of the fixes it proposes (None: no fix)
    summary: str
    explanation: str
    check: Check
    flags: tuple[Example, ...]
    passes: tuple[str, ...]
    languages: frozenset[str] | None = field(default=None)  # None: every target language
    default: bool = True  # run without --select; False: opt-in (selected by code, prefix, name or ALL)
    example_lang: str = "en"  # the target language of the examples (unless an Example says otherwise)
    example_source: str | None = None  # their source language (None: not known)
    pass_examples: tuple[Example, ...] = ()  # bilingual rules: target and source text it must leave alone
    # Codes (or code prefixes) of rules that report the same problem on the target alone: a finding of
    # this rule that lies inside one of theirs is left out (``mtqa.engine.drop_repeats``).
    defers_to: tuple[str, ...] = ()

    def applies_to(self, lang: str) -> bool:
        """Tell whether the rule runs on documents whose target language is ``lang``."""
        return self.languages is None or lang in self.languages

    def finding(self, hit: Hit, severity: Severity | None = None) -> Finding:
        """Turn one of this rule's hits into a Finding with the rule's metadata."""
        return Finding(
            code=self.code,
            rule=self.name,
            severity=severity or self.severity,
            mqm=self.mqm,
            start=hit.start,
            end=hit.end,
            message=hit.message,
            fix=hit.fix,
            alternatives=hit.alternatives,
        )


class Registry:
    """An ordered, validated collection of rules, looked up by code or name."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        """Register ``rules``; codes and names must be unique."""
        self._rules: dict[str, Rule] = {}
        names: set[str] = set()
        for rule in rules:
            if rule.code in self._rules or rule.name in names:
                raise ValueError(f"duplicate rule code or name: {rule.code} {rule.name}")
            self._rules[rule.code] = rule
            names.add(rule.name)

    def __iter__(self) -> Iterator[Rule]:
        """Iterate over rules in code order."""
        return iter(sorted(self._rules.values(), key=lambda r: r.code))

    def get(self, key: str) -> Rule | None:
        """Find a rule by exact code (case-insensitive) or name."""
        rule = self._rules.get(key.upper())
        if rule:
            return rule
        return next((r for r in self._rules.values() if r.name == key.lower()), None)

    def matching(self, selector: str) -> list[Rule]:
        """Rules selected by a code, a code prefix (``FUS``, ``FUS0``), a family or a name; ALL: all."""
        key = selector.strip()
        if key.upper() == "ALL":
            return list(self)
        return [r for r in self if r.code.startswith(key.upper()) or r.name == key.lower() or r.family == key.lower()]

    def select(self, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[Rule]:
        """Rules chosen by ``select`` (default: the default rules) minus ``ignore``; unknown selectors raise."""
        chosen: dict[str, Rule] = {} if select else {r.code: r for r in self if r.default}
        for key in select:
            found = self.matching(key)
            if not found:
                raise KeyError(key)
            chosen.update((r.code, r) for r in found)
        for key in ignore:
            found = self.matching(key)
            if not found:
                raise KeyError(key)
            for r in found:
                chosen.pop(r.code, None)
        return sorted(chosen.values(), key=lambda r: r.code)
