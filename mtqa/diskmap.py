"""Large read-only tables that a short run reads key by key from the cache, and a long run from memory.

The word frequencies of a language (300,000 words) and the index of the glossaries' place names take
longer to decode than a cold ``mtqa lint one.txt`` spends on everything else, while one story asks for
a few hundred of their keys. So each is also kept in the cache (``mtqa.cache``) as an SQLite table, and
a run looks keys up there until it has asked for ``DISK_LOOKUPS``; then it reads the whole table into
memory, as a corpus run soon pays for anyway. A process that forks its workers reads every table first
(``load_all``), so that the workers share them and never touch a database file their parent opened.
Without the cache (``MTQA_NO_CACHE``, a read-only home, no sqlite3 module) tables are read at once.
"""

from __future__ import annotations

import marshal
import os
import threading
import weakref
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Generic, TypeVar

V = TypeVar("V")
DISK_LOOKUPS = 5_000  # keys looked up on disk before the whole table is read (about its load time)


class DiskMap(Generic[V]):
    """A read-only ``str`` → value table: ``get`` and ``in`` read the disk index, then memory.

    Values are plain data (what ``marshal`` writes: numbers, strings, and lists, tuples and dicts of them).
    """

    def __init__(self, path: Path | None, load: Callable[[], Mapping[str, V]], lookups: int | None = None) -> None:
        """A table whose index lives at ``path`` in the cache (None: none) and whose whole is ``load()``.

        ``lookups``: keys looked up on disk before the whole table is read (default ``DISK_LOOKUPS``).
        """
        self.path = path
        self._load = load
        self._lookups = lookups
        self._memory: Mapping[str, V] | None = None
        self._index: Any = None  # an open SQLite connection
        self._index_pid = 0  # the process that opened it: a forked child must not use it
        self._opened = False
        self._asked = 0
        self._lock = threading.Lock()
        _TABLES.add(self)

    @property
    def memory(self) -> Mapping[str, V] | None:
        """The whole table, once read into memory (None before)."""
        return self._memory

    def get(self, key: str, default: V | None = None) -> V | None:
        """The value of ``key``, or ``default``."""
        memory = self._memory
        if memory is not None:
            return memory.get(key, default)
        with self._lock:
            index = self._open()
            if index is not None and self._asked < (DISK_LOOKUPS if self._lookups is None else self._lookups):
                self._asked += 1
                try:
                    row = index.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
                    return marshal.loads(row[0]) if row is not None else default
                except Exception:  # not a database after all, or a broken value: removed, the next run writes it
                    self._drop_index(remove=True)
        return self.load().get(key, default)

    def __contains__(self, key: object) -> bool:
        """Whether the table has ``key``."""
        return isinstance(key, str) and self.get(key) is not None

    def __getitem__(self, key: str) -> V:
        """The value of ``key`` (KeyError when there is none)."""
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def load(self) -> Mapping[str, V]:
        """Read the whole table into memory (and write its index for the next run when there is none)."""
        if self._memory is None:
            self.set_memory(self._load())
        assert self._memory is not None
        return self._memory

    def set_memory(self, memory: Mapping[str, V]) -> None:
        """Hold ``memory``, the whole table read by its owner, from now on (and write its index if none)."""
        with self._lock:
            if self._memory is not None:
                return
            if self._index is None and not (self.path is not None and self.path.is_file()):
                self._write_index(memory)
            self._drop_index()
            self._opened = True  # memory from now on
            self._memory = memory

    def _open(self) -> Any:
        """The disk index, opened on first use; None when there is none (then memory is used)."""
        if self._index is not None and self._index_pid != os.getpid():
            self._index = None  # inherited through fork: left alone, never used or closed here
        if not self._opened:
            self._opened = True
            if self.path is not None and self.path.is_file():
                try:
                    import sqlite3

                    uri = f"{self.path.as_uri()}?mode=ro"
                    self._index = sqlite3.connect(uri, uri=True, check_same_thread=False)
                    self._index_pid = os.getpid()
                except Exception:  # no sqlite3 module, an unreadable file: memory it is
                    self._index = None
        return self._index

    def _drop_index(self, remove: bool = False) -> None:
        index, self._index = self._index, None
        if index is not None and self._index_pid == os.getpid():
            index.close()
        if remove and self.path is not None:
            try:
                self.path.unlink(missing_ok=True)
            except OSError:  # a read-only cache: the table is read whole every time, which is slower only
                pass

    def _write_index(self, memory: Mapping[str, V]) -> None:
        from mtqa.cache import write_entry

        if self.path is None:
            return

        def build(target: Path) -> None:
            import sqlite3

            connection = sqlite3.connect(target)
            try:
                connection.execute("CREATE TABLE entries (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID")
                rows = ((key, marshal.dumps(value)) for key, value in memory.items())  # type: ignore[arg-type]
                connection.executemany("INSERT INTO entries VALUES (?, ?)", rows)
                connection.commit()
            finally:
                connection.close()

        write_entry(self.path, build)


_TABLES: weakref.WeakSet[DiskMap[Any]] = weakref.WeakSet()  # every table of this process still in use


def load_all() -> None:
    """Read every table this process has made into memory (before forking workers that share them)."""
    for table in list(_TABLES):
        table.load()
