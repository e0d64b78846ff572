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

    def __init__(self, lang: str = "en", glossaries: list[Path] | None = None) -> None:
        """Prepare a context for ``lang``; ``glossaries`` None means the shipped glossaries."""
        self.lang = lang
        self.profile: LanguageProfile = load_profile(lang)
        self._glossary_paths = glossaries

    @cached_property
    def glossary(self) -> Glossary:
        """The glossaries in force, merged."""
        return load_glossaries(self._glossary_paths, self.lang)

    @cached_property
    def toponyms(self) -> ToponymIndex:
        """The glossaries' place names, indexed for matching unseen transliterations."""
        return ToponymIndex(self.glossary)

    @cached_property
    def lexicon(self) -> Lexicon:
        """Word frequencies and case knowledge, glossary names included."""
        return Lexicon(self.lang, self.glossary.cased_names)
