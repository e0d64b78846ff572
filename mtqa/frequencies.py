"""Word frequencies (wordfreq): a table per language, read key by key from the cache or whole (``mtqa.diskmap``)."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from mtqa.diskmap import DiskMap

SIZES = ("large", "small")  # wordfreq's lists


def wordfreq_sources(lang: str) -> list[Path]:
    """The files of wordfreq that hold the frequencies of ``lang`` (for cache keys)."""
    spec = importlib.util.find_spec("wordfreq")
    package = Path(spec.origin).parent if spec is not None and spec.origin else Path("wordfreq")
    return [package / "__init__.py", *(package / "data" / f"{size}_{lang}.msgpack.gz" for size in SIZES)]


def _extra(lang: str, floor: float) -> str:
    return lang if floor <= 0 else f"{lang} from Zipf {floor}"


@cache
def frequency_dict(lang: str, floor: float = 0.0) -> dict[str, float]:
    """The wordfreq frequency dict of ``lang``, read once per process (from the cache when built before).

    With a ``floor`` (a Zipf value), only the words at least that frequent: a third of the words, loaded
    three times faster, for lookups that treat every rarer word alike.
    """
    from mtqa.cache import cached, marshal_dumps, marshal_loads

    if floor <= 0:
        build = lambda: _load_wordfreq(lang)  # noqa: E731
    else:
        least = 10 ** (floor - 9)  # Zipf = log10(frequency) + 9
        build = lambda: {word: value for word, value in frequency_dict(lang, 0.0).items() if value >= least}  # noqa: E731
    return cached("wordfreq", wordfreq_sources(lang), build, _extra(lang, floor), marshal_dumps, marshal_loads)


def _load_wordfreq(lang: str) -> dict[str, float]:
    import wordfreq  # heavy: loaded when the cache has no copy only

    try:
        return wordfreq.get_frequency_dict(lang, "large")
    except LookupError:
        return wordfreq.get_frequency_dict(lang, "best")


@cache
def frequency_table(lang: str, floor: float = 0.0) -> DiskMap[float]:
    """The frequency table of ``lang`` (one per process and floor): word as wordfreq writes it → frequency."""
    from mtqa.cache import cache_entry, module_file

    sources = [*wordfreq_sources(lang), module_file("frequencies"), module_file("diskmap")]
    path = cache_entry("wordfreq-index", sources, _extra(lang, floor), ".sqlite")
    return DiskMap(path, lambda: frequency_dict(lang, floor))
