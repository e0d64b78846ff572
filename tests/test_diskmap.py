"""Tables read key by key from the cache while few keys are asked for, then whole from memory."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from mtqa import diskmap
from mtqa.diskmap import DiskMap, load_all

TABLE = {"the": 0.05, "Kyiv": [1, "city", ""], "über": (2.5, "x"), "": 0}
KEYS = [*TABLE, "missing", "kyiv"]


class Loader:
    """Gives TABLE and counts how many times it was asked for the whole table."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict[str, object]:
        self.calls += 1
        return dict(TABLE)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "table-0123.sqlite"


def test_the_first_run_writes_an_index_the_next_reads_without_loading(path: Path) -> None:
    first = DiskMap(path, Loader())
    assert [first.get(key) for key in KEYS] == [TABLE.get(key) for key in KEYS]
    assert first.memory is not None and path.is_file()

    loader = Loader()
    second = DiskMap(path, loader)
    assert [second.get(key) for key in KEYS] == [TABLE.get(key) for key in KEYS]
    assert ("the" in second, "missing" in second, 3 in second) == (True, False, False)
    assert second["Kyiv"] == [1, "city", ""]
    with pytest.raises(KeyError):
        second["missing"]
    assert second.get("missing", 7) == 7
    assert loader.calls == 0 and second.memory is None  # every answer came from the index


def test_many_lookups_read_the_table_into_memory(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    DiskMap(path, Loader()).load()
    monkeypatch.setattr(diskmap, "DISK_LOOKUPS", 2)
    loader = Loader()
    table = DiskMap(path, loader)
    assert [table.get(key) for key in KEYS] == [TABLE.get(key) for key in KEYS]
    assert loader.calls == 1 and table.memory == TABLE


def test_a_forked_process_does_not_use_its_parents_index(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    DiskMap(path, Loader()).load()
    loader = Loader()
    table = DiskMap(path, loader)
    assert table.get("the") == 0.05 and loader.calls == 0
    monkeypatch.setattr(os, "getpid", lambda: -1)  # as in a child after fork
    assert table.get("über") == (2.5, "x")
    assert loader.calls == 1


def test_without_a_cache_the_table_is_read_at_once() -> None:
    loader = Loader()
    table = DiskMap(None, loader)
    assert table.get("the") == 0.05 and loader.calls == 1


def test_load_all_reads_every_table_in_use(path: Path) -> None:
    DiskMap(path, Loader()).load()
    table = DiskMap(path, Loader())
    assert table.get("the") == 0.05 and table.memory is None
    load_all()
    assert table.memory == TABLE


def test_a_broken_index_is_removed_and_the_table_read(path: Path) -> None:
    DiskMap(path, Loader()).load()
    path.write_bytes(b"not a database at all, but long enough to be read as a header" * 4)
    table = DiskMap(path, Loader())
    assert table.get("Kyiv") == [1, "city", ""]
    assert table.memory is not None
    assert DiskMap(path, Loader()).get("the") == 0.05  # written again


def test_an_unwritable_cache_still_answers(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    table = DiskMap(blocker / "sub" / "table.sqlite", Loader())  # its folder cannot be made
    assert table.get("the") == 0.05


def test_threads_share_a_table(path: Path) -> None:
    DiskMap(path, Loader()).load()
    table = DiskMap(path, Loader())
    answers: list[object] = []

    def ask() -> None:
        answers.extend(table.get(key) for key in KEYS * 50)

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [TABLE.get(key) for key in KEYS * 50] * 4 or sorted(map(repr, answers)) == sorted(
        map(repr, [TABLE.get(key) for key in KEYS * 50] * 4)
    )


def test_a_broken_value_is_read_from_memory(path: Path) -> None:
    import sqlite3

    DiskMap(path, Loader()).load()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE entries SET value = x'00ff' WHERE key = 'the'")
    connection.commit()
    connection.close()
    assert DiskMap(path, Loader()).get("the") == 0.05


def test_a_broken_index_that_cannot_be_removed_still_answers(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    DiskMap(path, Loader()).load()
    path.write_bytes(b"not a database at all, but long enough to be read as a header" * 4)

    def refuse(self: Path, missing_ok: bool = False) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "unlink", refuse)  # a read-only cache folder
    assert DiskMap(path, Loader()).get("Kyiv") == [1, "city", ""]
