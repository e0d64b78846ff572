"""mtqa: a multilingual translation-QA toolkit that finds machine-translation artifacts in news text."""

__version__ = "0.1.0"
