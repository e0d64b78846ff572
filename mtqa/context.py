"""The lint context: target language, its profile, lexicon and glossaries, loaded once per run."""

from __future__ import annotations

import threading
from collections.abc import Callable, Set
from functools import cache, cached_property
from pathlib import Path
from typing import Any, TypeVar, cast

from mtqa.glossary import Glossary, Overrides, glossary_files, load_glossaries
from mtqa.lexicon import Lexicon
from mtqa.profiles import DATA_DIR, LanguageProfile, load_profile
from mtqa.toponyms import TABLES, ToponymIndex, build_index, index_tables

MAX_MEMO = 200_000  # words memoised per rule and run
STORE_SOURCES = frozenset({".py", ".toml", ".tsv", ".txt"})  # the files of mtqa that verdicts depend on
TOPONYM_LOOKUPS = 1_000  # keys of each place-name table looked up on disk before all five are read
V = TypeVar("V")


class Context:
    """Shared, read-only knowledge for every document of a run in one target language."""

    def __init__(
        self,
        lang: str = "en",
        glossaries: list[Path] | None = None,
        source: str | None = None,
        detect: bool = False,
        overrides: Overrides | None = None,
    ) -> None:
        """Prepare a context for ``lang``; ``glossaries`` None means the shipped glossaries.

        ``source`` is the source language of the translations (None: unknown); ``detect`` true means
        that the target language was not given, so each document's is detected (``lang`` is the fallback).
        ``overrides`` are the configuration's house-style changes to glossary entries, with the file
        they come from (``mtqa.glossary_overrides``).
        """
        self.lang = lang
        self.glossary_paths = glossaries
        self.source = source
        self.detect = detect
        self.overrides = overrides
        # Where this run's verdicts on words are stored: keyed by the files as they are before any is read,
        # so that an edit during the run stores them under the old key, never the new one.
        self._store_at = self._store_path()
        self.profile: LanguageProfile = load_profile(lang)
        self._siblings: dict[str, Context] = {lang: self}
        self._verdicts: dict[str, tuple[set[str], dict[str, Any]]] = {}
        self._silent: dict[str, int] = {}  # word → how many judges have no verdict on it
        self._unjudged: set[str] = set()  # the words no judge has a verdict on
        self._rest_of: Set[str] | None = None  # the last words given, and those of them not in _unjudged
        self._rest_words: Set[str] = frozenset()
        self._store_read = False  # whether the verdicts stored by earlier runs were read
        self._stored = True  # whether every verdict is stored (nothing new since the store was read)
        self._once: dict[str, object] = {}
        self._lock = threading.RLock()  # threads of one process (a Dask worker's) share the memos

    @property
    def reader_lang(self) -> str:
        """The language readers give documents that declare none: empty (detect it) or the target."""
        return "" if self.detect else self.lang

    def verdicts(self, name: str, words: Set[str], judge: Callable[[str], V | None]) -> dict[str, V]:
        """The words of ``words`` that ``judge`` has a verdict on (not None), with their verdicts.

        Verdicts are memoised per run under ``name`` (they may depend only on the word and this context).
        A word that no judge of the run has a verdict on is set aside for all of them, so that a
        document's common words cost one set difference for every judge together (``words`` must not
        change between calls). Every memo is emptied when one holds MAX_MEMO words. The first call reads
        the verdicts that earlier runs stored (``save_verdicts``, ``mtqa.verdict_store``).
        """
        with self._lock:
            if not self._store_read:
                self._read_store()
            memo = self._verdicts.get(name)
            if memo is None or len(memo[0]) + len(memo[1]) >= MAX_MEMO:
                if memo is not None:
                    self._verdicts.clear()  # one memo is full: start again, the shared set included
                    self._silent.clear()
                # Set aside for the judges so far only: this one must see them, the others never again.
                for other in self._verdicts.values():
                    other[0].update(self._unjudged)
                self._silent.update(dict.fromkeys(self._unjudged, len(self._verdicts)))
                self._unjudged.clear()
                self._rest_of = None
                memo = self._verdicts[name] = (set(), {})
            nothing, found = memo
            result: dict[str, V] = {}
            for word in self._rest(words):
                if word in nothing:
                    continue
                if word in found:
                    result[word] = found[word]
                    continue
                verdict = judge(word)
                self._stored = False
                if verdict is None:
                    nothing.add(word)
                    silent = self._silent[word] = self._silent.get(word, 0) + 1
                    if silent == len(self._verdicts):  # counted now: a judge may have joined meanwhile
                        self._unjudged.add(word)
                else:
                    result[word] = found[word] = verdict
            return result

    def _store_path(self) -> Path | None:
        """Where the cache keeps this context's verdicts: keyed by its language, glossaries, data and code."""
        from mtqa.cache import cache_entry
        from mtqa.frequencies import wordfreq_sources

        package = Path(__file__).resolve().parent
        code = sorted(p for p in package.rglob("*") if p.suffix in STORE_SOURCES and "__pycache__" not in p.parts)
        files = glossary_files(self.glossary_paths)
        sources = [*code, *files, *wordfreq_sources(self.lang)]
        extra = "\n".join([self.lang, *map(str, files), repr(self.overrides) if self.overrides else ""])
        return cache_entry("verdicts", sources, extra)

    def _read_store(self) -> None:
        """Start from the verdicts that earlier runs in this context stored (``mtqa.verdict_store``)."""
        from mtqa.verdict_store import load

        self._store_read = True
        memo = load(self._store_at)
        if memo is not None:
            self._verdicts = {name: (memo.nothing[name], memo.found.get(name, {})) for name in memo.nothing}
            self._unjudged = memo.unjudged
            self._rest_of = None

    def save_verdicts(self) -> None:
        """Store the verdicts of this run (and of its other languages') for the next run, if any is new."""
        from mtqa.verdict_store import Memo, save

        for ctx in self._siblings.values():
            with ctx._lock:
                if ctx._stored or not ctx._verdicts:
                    continue
                nothing = {name: memo[0] for name, memo in ctx._verdicts.items()}
                found = {name: memo[1] for name, memo in ctx._verdicts.items()}
                save(ctx._store_at, Memo(ctx._unjudged, nothing, found))
                ctx._stored = True

    def _rest(self, words: Set[str]) -> Set[str]:
        """``words`` less those that no judge has a verdict on (computed once per set of words)."""
        if self._rest_of is not words:
            self._rest_of, self._rest_words = words, words - self._unjudged
        return self._rest_words

    def once(self, key: str, compute: Callable[[], V]) -> V:
        """A value computed once per run by ``compute`` (it may depend only on this context), kept under ``key``."""
        if key not in self._once:
            self._once[key] = compute()
        return cast(V, self._once[key])

    def for_language(self, lang: str) -> Context:
        """The context of another target language, sharing this run's glossaries and source (cached)."""
        sibling = self._siblings.get(lang)
        if sibling is None:
            sibling = Context(lang, self.glossary_paths, self.source, self.detect, self.overrides)
            sibling._siblings = self._siblings
            self._siblings[lang] = sibling
        return sibling

    @cached_property
    def glossary(self) -> Glossary:
        """The glossaries in force, merged."""
        return load_glossaries(self.glossary_paths, self.lang, self.overrides)

    @cached_property
    def toponyms(self) -> ToponymIndex:
        """The glossaries' place names, indexed for matching unseen transliterations (from the cache if built)."""
        from mtqa.cache import cache_entry, cached, marshal_dumps, marshal_loads, module_file
        from mtqa.diskmap import DiskMap

        files = glossary_files(self.glossary_paths)
        sources = [*files, DATA_DIR / "toponyms" / "transliterations.toml"]
        sources += [module_file(name) for name in ("glossary", "toponyms", "names", "romanisation", "diskmap")]
        named = "\n".join(str(path) for path in files)
        house = repr(self.overrides) if self.overrides else ""
        extra = f"{self.lang}\n{named}\n{house}"
        glossary = self.glossary

        @cache
        def tables() -> dict[str, dict[str, Any]]:
            # The whole index, read (or built) when a table needs it: every table is then in memory, and
            # writes its disk index for the next run.
            whole = index_tables(
                cached("toponyms", sources, lambda: build_index(glossary), extra, marshal_dumps, marshal_loads)
            )
            for name, table in maps.items():
                table.set_memory(whole[name])
            return whole

        def table(name: str) -> DiskMap[Any]:
            path = cache_entry(f"toponyms-{name}", sources, extra, ".sqlite")
            return DiskMap(path, lambda: tables()[name], TOPONYM_LOOKUPS)  # five tables read whole at once

        maps = {name: table(name) for name in TABLES}
        return ToponymIndex(glossary, maps)

    @cached_property
    def lexicon(self) -> Lexicon:
        """Word frequencies and case knowledge, glossary names included."""
        return Lexicon(self.lang, self.glossary.cased_names)
