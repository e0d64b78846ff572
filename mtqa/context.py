"""The lint context: target language, its profile, lexicon and glossaries, loaded once per run."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

from mtqa.glossary import Glossary, Overrides, glossary_files, load_glossaries
from mtqa.lexicon import Lexicon
from mtqa.profiles import DATA_DIR, LanguageProfile, load_profile
from mtqa.toponyms import ToponymIndex

MAX_MEMO = 200_000  # words memoised per rule and run


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
        self.profile: LanguageProfile = load_profile(lang)
        self.glossary_paths = glossaries
        self.source = source
        self.detect = detect
        self.overrides = overrides
        self._siblings: dict[str, Context] = {lang: self}
        self._memos: dict[str, dict[Any, Any]] = {}

    @property
    def reader_lang(self) -> str:
        """The language readers give documents that declare none: empty (detect it) or the target."""
        return "" if self.detect else self.lang

    def memo(self, name: str) -> dict[Any, Any]:
        """A dictionary kept for the run under ``name``, in which rules memoise verdicts per word.

        A verdict that depends only on the word and this context (its glossaries and lexicon) is worked out
        once per run, not once per document. The dictionary is emptied when it holds MAX_MEMO items.
        """
        table = self._memos.get(name)
        if table is None:
            table = self._memos[name] = {}
        elif len(table) >= MAX_MEMO:
            table.clear()  # a corpus of gibberish must not grow memory without bound
        return table

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
        from mtqa.cache import cached, module_file

        files = glossary_files(self.glossary_paths)
        sources = [*files, DATA_DIR / "toponyms" / "transliterations.toml"]
        sources += [module_file(name) for name in ("glossary", "toponyms", "names", "romanisation")]
        named = "\n".join(str(path) for path in files)
        house = repr(self.overrides) if self.overrides else ""
        extra = f"{self.lang}\n{named}\n{house}"
        return cached("toponyms", sources, lambda: ToponymIndex(self.glossary).built(), extra=extra)

    @cached_property
    def lexicon(self) -> Lexicon:
        """Word frequencies and case knowledge, glossary names included."""
        return Lexicon(self.lang, self.glossary.cased_names)
