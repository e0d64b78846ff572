"""Glossaries: house style as data (TSV files a copy editor edits in a spreadsheet).

One entry a row, with a header line naming the columns:

    preferred  reject  accept  type  lang  case  context  note

``reject`` and ``accept`` hold ``|``-separated variants; ``case`` is ``sensitive`` or ``insensitive``;
``context`` is an optional ``|``-separated list of words of which one must occur in the document for the
entry to apply (``DNR`` means the Donetsk People's Republic only in a story about Ukraine or Russia).
Lines starting with ``#`` are comments.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Final, overload

from mtqa.prefilter import RunIndex, longest_run

COLUMNS = ("preferred", "reject", "accept", "type", "lang", "case", "context", "note")
REQUIRED = ("preferred", "reject", "type", "lang")
TYPES = frozenset({"place", "organisation", "person", "acronym", "term"})
SHIPPED_DIR_NAME = "glossaries"
Overrides = tuple[Mapping[str, Mapping[str, Any]], str]  # a configuration's glossary-overrides, and its file


class GlossaryError(ValueError):
    """A malformed glossary file; the message names the file, the line and the problem."""


@dataclass(frozen=True)
class Entry:
    """One glossary row."""

    preferred: str
    reject: tuple[str, ...]
    accept: tuple[str, ...]
    type: str
    lang: str
    case_sensitive: bool
    context: tuple[str, ...]
    note: str
    source: str  # "file:line", for messages


def _split(cell: str | None) -> tuple[str, ...]:
    if not cell:
        return ()
    return tuple(v.strip() for v in cell.split("|") if v.strip())


def load_glossary(path: Path) -> list[Entry]:
    """Read one glossary file; raise GlossaryError naming the file and line of the first bad row."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(f"{path}: cannot read glossary: {exc}") from None
    # Comment lines become empty lines, so that the reader's line numbers stay those of the file.
    kept = "\n".join("" if line.lstrip().startswith("#") else line for line in text.splitlines())
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.reader(io.StringIO(kept), delimiter=delimiter)
    numbered: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                numbered.append((reader.line_num, row))
    except csv.Error as exc:
        raise GlossaryError(f"{path}:{reader.line_num}: {exc}") from None
    if not numbered:
        return []
    header_line, header_row = numbered[0]
    header = [h.strip().lower() for h in header_row]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        problem = f"missing columns {missing}" if missing else f"unknown columns {unknown}"
        raise GlossaryError(f"{path}:{header_line}: {problem} (expected {', '.join(COLUMNS)})")
    column = {name: header.index(name) for name in COLUMNS if name in header}
    width = len(header)

    def cell(row: list[str], name: str) -> str:
        i = column.get(name)
        return row[i].strip() if i is not None and i < len(row) else ""

    entries = []
    for lineno, row in numbered[1:]:
        where = f"{path}:{lineno}"
        if len(row) > width:
            raise GlossaryError(f"{where}: {len(row)} cells but the header has {width}")
        preferred = cell(row, "preferred")
        if not preferred:
            raise GlossaryError(f"{where}: empty 'preferred' cell")
        kind = cell(row, "type")
        if kind not in TYPES:
            raise GlossaryError(f"{where}: type {kind!r} is not one of {', '.join(sorted(TYPES))}")
        case = cell(row, "case") or "sensitive"
        if case not in ("sensitive", "insensitive"):
            raise GlossaryError(f"{where}: case {case!r} must be 'sensitive' or 'insensitive'")
        rejected = _split(cell(row, "reject"))
        folded = preferred if case == "sensitive" else preferred.lower()
        clash = [v for v in rejected if (v if case == "sensitive" else v.lower()) == folded]
        if clash:
            raise GlossaryError(f"{where}: variant {clash[0]!r} rejects the preferred form itself")
        entries.append(
            Entry(
                preferred=preferred,
                reject=rejected,
                accept=_split(cell(row, "accept")),
                type=kind,
                lang=cell(row, "lang") or "en",
                case_sensitive=case == "sensitive",
                context=_split(cell(row, "context")),
                note=cell(row, "note"),
                source=where,
            )
        )
    return entries


def shipped_glossary_dir() -> Path:
    """The folder of glossaries that ship with mtqa (inside the wheel, or the source checkout)."""
    here = Path(__file__).resolve().parent
    packaged = here / "_glossaries"
    return packaged if packaged.is_dir() else here.parent / SHIPPED_DIR_NAME


def glossary_files(paths: list[Path] | None = None) -> list[Path]:
    """The glossary files named by ``paths`` (files or folders), or the shipped ones."""
    found: list[Path] = []
    for path in paths if paths is not None else [shipped_glossary_dir()]:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in (".tsv", ".csv")))
        else:
            found.append(path)
    return found


def _lowered(text: str) -> str:
    """Lowercase ``text`` without changing its length (so offsets stay valid)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


Row = tuple[str, tuple[str, ...], tuple[str, ...], str, str, bool, tuple[str, ...], str, str]  # an Entry's fields
# Where a row keeps an entry's preferred form, variants, type and language.
PREFERRED: Final = 0
REJECT: Final = 1
TYPE: Final = 3
LANG: Final = 4


class Entries(Sequence[Entry]):
    """Entries kept as rows of plain values, each made an ``Entry`` when first asked for.

    A run reads the 17,000 rows of the shipped glossaries from the cache on every start, and uses few of
    them as entries: those with variants, and the places a word matches.
    """

    def __init__(self, rows: list[Row]) -> None:
        """Wrap ``rows`` (tuples of an Entry's fields, in order)."""
        self.rows = rows
        self._made: dict[int, Entry] = {}

    def __len__(self) -> int:
        """The number of entries."""
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> Entry: ...

    @overload
    def __getitem__(self, index: slice) -> list[Entry]: ...

    def __getitem__(self, index: int | slice) -> Entry | list[Entry]:
        """The entry (or entries) at ``index``."""
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.rows)))]
        if index < 0:
            index += len(self.rows)
        entry = self._made.get(index)
        if entry is None:
            entry = self._made[index] = Entry(*self.rows[index])
        return entry


def entry_row(entry: Entry) -> Row:
    """The plain values of ``entry``, as ``Entries`` keeps them."""
    return (
        entry.preferred,
        entry.reject,
        entry.accept,
        entry.type,
        entry.lang,
        entry.case_sensitive,
        entry.context,
        entry.note,
        entry.source,
    )


class Glossary:
    """The entries in force for one target language, with one automaton for all rejected variants."""

    def __init__(self, entries: Sequence[Entry], lang: str) -> None:
        """Keep the entries of ``lang`` and index their rejected variants."""
        rows = entries.rows if isinstance(entries, Entries) else [entry_row(e) for e in entries]
        self.entries = Entries([row for row in rows if row[LANG] == lang])
        self._variants: dict[str, list[tuple[str, Entry]]] = {}
        for number, row in enumerate(self.entries.rows):
            for variant in row[REJECT]:
                self._variants.setdefault(_lowered(variant), []).append((variant, self.entries[number]))
        self._automaton: Any = None

    def _build(self) -> Any:
        import ahocorasick  # type: ignore[import-not-found,unused-ignore]

        automaton = ahocorasick.Automaton()
        for key in self._variants:
            automaton.add_word(key, key)
        if len(automaton):
            automaton.make_automaton()
        return automaton

    @cached_property
    def prefilter(self) -> RunIndex:
        """The longest run of letters of each variant: a text none of whose tokens holds one has no variant.

        A match stands between non-letters, so each of its runs of letters is one of the text's.
        """
        return RunIndex("glossary.variant-runs", (longest_run(key) for key in self._variants))

    def find(self, text: str) -> Iterator[tuple[int, int, Entry]]:
        """Yield (start, end, entry) for each rejected variant in ``text``, longest match first.

        One pass of an Aho-Corasick automaton over the text, whatever the number of entries; a match
        must stand between non-letters and respect its entry's case sensitivity.
        """
        if not self._variants:
            return
        if self._automaton is None:
            self._automaton = self._build()
        lowered = _lowered(text)
        matches: list[tuple[int, int, Entry]] = []
        for last, key in self._automaton.iter(lowered):
            start, end = last - len(key) + 1, last + 1
            if (start and _is_letter(text[start - 1])) or (end < len(text) and _is_letter(text[end])):
                continue
            surface = text[start:end]
            for variant, entry in self._variants[key]:
                if not entry.case_sensitive or surface == variant:
                    matches.append((start, end, entry))
                    break
        matches.sort(key=lambda m: (m[0], -m[1]))
        taken = 0
        for start, end, entry in matches:
            if start >= taken:
                taken = end
                yield start, end, entry

    @cached_property
    def person_names(self) -> frozenset[str]:
        """Lowercase forms of the single-word person names (checked only after a first name or title)."""
        rows = self.entries.rows
        return frozenset(r[PREFERRED].lower() for r in rows if r[TYPE] == "person" and " " not in r[PREFERRED])

    @cached_property
    def cased_names(self) -> dict[str, str]:
        """Lowercase → preferred form of every single-word name (for the casing rule)."""
        return {
            r[PREFERRED].lower(): r[PREFERRED]
            for r in self.entries.rows
            if r[TYPE] not in ("term", "acronym") and " " not in r[PREFERRED] and r[PREFERRED][:1].isupper()
        }


def _is_letter(char: str) -> bool:
    return char.isalpha() or unicodedata.category(char).startswith("M")


def glossary_rows(entries: list[Entry]) -> str:
    """The TSV text (header included) of ``entries``, as ``load_glossary`` reads it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    for e in entries:
        case = "sensitive" if e.case_sensitive else "insensitive"
        writer.writerow(
            [e.preferred, "|".join(e.reject), "|".join(e.accept), e.type, e.lang, case, "|".join(e.context), e.note]
        )
    return buffer.getvalue()


def check_entries(entries: list[Entry]) -> list[str]:
    """Conflicts between entries, which would make them flag each other.

    A variant rejected for two different preferred forms, or a rejected variant that is another
    entry's preferred form.
    """
    problems = []
    preferred = {(e.lang, e.preferred): e for e in entries}
    rejected: dict[tuple[str, str], Entry] = {}
    for e in entries:
        for variant in e.reject:
            other = rejected.setdefault((e.lang, variant), e)
            if other.preferred != e.preferred:
                both = f"{e.preferred!r} and for {other.preferred!r} ({other.source})"
                problems.append(f"{e.source}: {variant!r} is rejected for {both}")
            clash = preferred.get((e.lang, variant))
            if clash is not None and clash.preferred != e.preferred:
                problems.append(f"{e.source}: {variant!r} is rejected here but preferred at {clash.source}")
    return problems


def load_glossaries(paths: list[Path] | None, lang: str, overrides: Overrides | None = None) -> Glossary:
    """Load and merge glossary files (or the shipped ones) for target language ``lang``.

    The parsed entries come from the user's cache (``mtqa.cache``) while no file has changed; the
    configuration's ``overrides`` (a table and the file it comes from) are applied to them.
    """
    from mtqa.cache import cached, marshal_dumps, marshal_loads, module_file

    files = glossary_files(paths)

    def build() -> list[Row]:
        return [entry_row(entry) for path in files for entry in load_glossary(path)]

    named = "\n".join(str(path) for path in files)  # entries cite their file as it was named
    rows = cached("glossary", [*files, module_file("glossary")], build, named, marshal_dumps, marshal_loads)
    entries: Sequence[Entry] = Entries(rows)
    if overrides is not None:
        from mtqa.glossary_overrides import apply_overrides

        table, where = overrides
        entries = apply_overrides(list(entries), table, where)
    return Glossary(entries, lang)
