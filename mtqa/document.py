"""The unit of work: one decoded text with a stable id and a target language."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Document:
    """Decoded text of one file (or feed item), its id (the path) and its target language."""

    path: str
    text: str
    lang: str = "en"
    continuation: bool = False  # a later piece of a long file: its first line continues the previous piece
