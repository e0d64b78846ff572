"""The lint context: target language, its profile, lexicon and glossaries, loaded once per run."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from mtqa.glossary import Glossary, load_glossaries
from mtqa.lexicon import Lexicon
from mtqa.profiles import LanguageProfile, load_profile
from mtqa.toponyms import ToponymIndex


class Context:
    """Shared, read-only knowledge for every document of a run in one target language."""

    def __init__(
        self,
        lang: str = "en",
        glossaries: list[Path] | None = None,
        source: str | None = None,
        detect: bool = False,
    ) -> None:
        """Prepare a context for ``lang``; ``glossaries`` None means the shipped glossaries.

        ``source`` is the source language of the translations (None: unknown); ``detect`` true means
        that the target language was not given, so each document's is detected (``lang`` is the fallback).
        """
        self.lang = lang
        self.profile: LanguageProfile = load_profile(lang)
        self.glossary_paths = glossaries
        self.source = source
        self.detect = detect
        self._siblings: dict[str, Context] = {lang: self}

    @property
    def reader_lang(self) -> str:
        """The language readers give documents that declare none: empty (detect it) or the target."""
        return "" if self.detect else self.lang

    def for_language(self, lang: str) -> Context:
        """The context of another target language, sharing this run's glossaries and source (cached)."""
        sibling = self._siblings.get(lang)
        if sibling is None:
            sibling = Context(lang, self.glossary_paths, self.source, self.detect)
            sibling._siblings = self._siblings
            self._siblings[lang] = sibling
        return sibling

    @cached_property
    def glossary(self) -> Glossary:
        """The glossaries in force, merged."""
        return load_glossaries(self.glossary_paths, self.lang)

    @cached_property
    def toponyms(self) -> ToponymIndex:
        """The glossaries' place names, indexed for matching unseen transliterations."""
        return ToponymIndex(self.glossary)

    @cached_property
    def lexicon(self) -> Lexicon:
        """Word frequencies and case knowledge, glossary names included."""
        return Lexicon(self.lang, self.glossary.cased_names)
