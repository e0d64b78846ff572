"""A persistent cache of data that is slow to build and changes rarely: glossaries, indexes, word lists.

A cold ``mtqa lint one.txt`` would otherwise spend most of its time parsing the shipped glossaries,
indexing their place names and decoding the word-frequency list. Each built value is stored in the
user's cache folder (``$MTQA_CACHE_DIR``, else ``$XDG_CACHE_HOME/mtqa``, else ``~/.cache/mtqa``) under a
key made of the mtqa version, the Python version, the value's kind and the path, size and modification
time of every file it was built from (the code that builds it included), so that editing a glossary
builds it again. Files are written atomically (a temporary file, then a rename); a cache that cannot be
read, written or decoded is ignored and the value is built as if there were none. ``MTQA_NO_CACHE=1``
turns the cache off. Nothing is ever written inside the package.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from mtqa import __version__

T = TypeVar("T")
FORMAT = 1  # bump when the layout of cached values changes


def cache_dir() -> Path | None:
    """The folder of the cache, or None when ``MTQA_NO_CACHE`` turns it off."""
    if os.environ.get("MTQA_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("MTQA_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "mtqa"


def cache_key(kind: str, sources: Iterable[Path], extra: str = "") -> str:
    """A key that changes whenever mtqa, Python, ``extra`` or any of ``sources`` (path, size, mtime) changes."""
    parts = [f"{FORMAT}", __version__, sys.version, kind, extra]
    for source in sources:
        try:
            stat = source.stat()
            parts.append(f"{source.resolve()}\t{stat.st_size}\t{stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{source}\tmissing")
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def cached(
    kind: str,
    sources: Iterable[Path],
    build: Callable[[], T],
    extra: str = "",
    dumps: Callable[[Any], bytes] | None = None,
    loads: Callable[[bytes], Any] | None = None,
) -> T:
    """The value that ``build`` returns, from the cache when a copy built from the same sources is there.

    ``dumps``/``loads`` serialise the value (pickle by default; ``marshal`` suits plain data). Errors of
    the cache are never raised: the value is built (and errors of ``build`` propagate as usual).
    """
    path = cache_entry(kind, sources, extra)
    if path is None:
        return build()
    dump = dumps or (lambda value: pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    load = loads or pickle.loads
    try:
        return load(path.read_bytes())  # type: ignore[no-any-return]
    except Exception:  # none yet, or a corrupt or foreign file: build the value again
        pass
    value = build()
    try:
        data = dump(value)
    except Exception:  # a value that cannot be serialised
        return value
    write_data(path, data)
    return value


def cache_entry(kind: str, sources: Iterable[Path], extra: str = "", suffix: str = ".bin") -> Path | None:
    """Where the cache keeps a file of ``kind`` built from ``sources`` (None when the cache is off)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return folder / f"{kind}-{cache_key(kind, sources, extra)}{suffix}"
    except ValueError:  # a path the file system refuses
        return None


def write_entry(path: Path, build: Callable[[Path], None]) -> bool:
    """Have ``build`` write a cache file at a temporary path, then move it to ``path`` (False: it failed).

    Older files of the same kind that no run has used for a month are removed (one per source set is kept).
    """
    kind = path.name.rsplit("-", 1)[0]
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f"{kind}-*{path.suffix}"):
            if old != path and _stale(old):
                old.unlink(missing_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{kind}-", suffix=".tmp")
        os.close(fd)
        tmp = Path(name)
        build(tmp)  # into the empty file (an empty file is an empty SQLite database too)
        os.replace(tmp, path)
        return True
    except Exception:  # a read-only home, a full disk: the next run builds it again
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        return False


def write_data(path: Path, data: bytes) -> bool:
    """Write ``data`` to the cache file ``path`` atomically (False: it failed)."""

    def write(target: Path) -> None:
        target.write_bytes(data)

    return write_entry(path, write)


STALE_SECONDS = 30 * 24 * 3600


def _stale(path: Path) -> bool:
    """True for a cache file not used for a month (files of other source sets are kept meanwhile)."""
    import time

    try:
        return time.time() - path.stat().st_atime > STALE_SECONDS
    except OSError:
        return False


def marshal_dumps(value: Any) -> bytes:
    """Serialise plain data (str, numbers, containers of them) with ``marshal``: the fastest to load."""
    return marshal.dumps(value)


def marshal_loads(data: bytes) -> Any:
    """The value of ``marshal_dumps``."""
    return marshal.loads(data)


def module_file(name: str) -> Path:
    """The source file of the mtqa module ``name`` (part of a cache key: edited code rebuilds its data)."""
    return Path(__file__).resolve().parent / f"{name}.py"
