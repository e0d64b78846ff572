from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.context import Context
from mtqa.engine import lint_paths
from mtqa.parallel import AUTO_THRESHOLD, LintSpec, ParallelLinter, auto_jobs, batches
from mtqa.readers import InputError
from mtqa.rules import REGISTRY

STORIES = [
    "Ukraine says kyiv is safe.\n",
    "The result : a draw.\n",
    "Some 27 000 people fled.\n",
    "Nothing wrong here.\n",
    "Leave a Reply\n",
]


def _corpus(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "feed"
    folder.mkdir()
    for i in range(count):
        (folder / f"{i:03}.txt").write_text(STORIES[i % len(STORIES)] * (1 + i % 3))
    (folder / "bad.txt").write_bytes(b"caf\xe9\n")  # invalid UTF-8: an error in its place
    return folder


def _records(result: object) -> list[tuple[str, str, int, int]]:
    if isinstance(result, InputError):
        return [(result.path, "error", 0, 0)]
    findings = [(result.path, i.finding.code, i.line, i.column) for i in result.findings]  # type: ignore[attr-defined]
    return [(result.path, "document", 0, 0), *findings]  # type: ignore[attr-defined]


def test_pool_gives_the_serial_results_in_order(tmp_path: Path, ctx: Context) -> None:
    folder = _corpus(tmp_path, 37)
    rules = [rule for rule in REGISTRY if rule.default]
    serial = [r for result in lint_paths([str(folder)], rules, ctx) for r in _records(result)]
    with ParallelLinter(2, rules, ctx) as linter:
        parallel = [r for result in linter.results([str(folder)]) for r in _records(result)]
    assert parallel == serial
    assert ("%s" % (folder / "bad.txt"), "error", 0, 0) in parallel
    assert len({path for path, *_ in serial}) == 38  # 37 stories and the bad file, each once or more


def test_cli_jobs_output_is_identical(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, 20)
    runner = CliRunner()
    one = runner.invoke(app, ["lint", str(folder), "--format", "jsonl", "--jobs", "1"])
    two = runner.invoke(app, ["lint", str(folder), "--format", "jsonl", "--jobs", "2"])
    assert one.exit_code == two.exit_code == 2  # the undecodable file
    assert one.stdout == two.stdout
    assert len([json.loads(line) for line in one.stdout.splitlines()]) > 20


def test_batches_keep_errors_in_place() -> None:
    error = InputError("x", "missing")
    items = iter(["a", "b", error, "c", "-", "d"])
    assert list(batches(items, 2)) == [["a", "b"], error, ["c"], ["-"], ["d"]]


def test_a_batch_of_large_files_closes_at_its_byte_budget(tmp_path: Path) -> None:
    paths = []
    for i, size in enumerate([10, 10, 300, 10, 10, 10]):
        path = tmp_path / f"{i}.txt"
        path.write_text("x" * size)
        paths.append(str(path))
    paths.insert(2, str(tmp_path / "missing.txt"))  # not there: counted as empty, reported when read
    grouped = list(batches(iter(paths), 3, max_bytes=100))
    assert grouped == [paths[0:3], paths[3:4], paths[4:7]]


def test_auto_jobs(tmp_path: Path) -> None:
    small = _corpus(tmp_path, 3)
    assert auto_jobs([str(small)]) == 1
    big = tmp_path / "big"
    big.mkdir()
    for i in range(AUTO_THRESHOLD + 1):
        (big / f"{i}.txt").write_text("x\n")
    assert auto_jobs([str(big)]) >= 1


def test_spec_and_errors_pickle(ctx: Context) -> None:
    spec = LintSpec.of(list(REGISTRY), ctx)
    assert pickle.loads(pickle.dumps(spec)) == spec
    error = pickle.loads(pickle.dumps(InputError("a.txt", "cannot read")))
    assert (error.path, error.problem, str(error)) == ("a.txt", "cannot read", "a.txt: cannot read")
    rules, built = spec.build()
    assert [r.code for r in rules] == [r.code for r in REGISTRY] and built.lang == ctx.lang
    french = LintSpec.of(list(REGISTRY), Context("en", source="fr", detect=True))
    _, rebuilt = french.build()
    assert (rebuilt.source, rebuilt.detect) == ("fr", True)


def test_workers_store_their_verdicts_for_the_next_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("MTQA_CACHE_DIR", str(cache))
    folder = _corpus(tmp_path, 20)
    ctx = Context("en")
    rules = REGISTRY.select()
    with ParallelLinter(2, rules, ctx) as linter:
        parallel = [r for result in linter.results([str(folder)]) for r in _records(result)]
    assert list(cache.glob("verdicts-*.bin"))  # written by the workers as they exited
    again = [r for result in lint_paths([str(folder)], rules, Context("en")) for r in _records(result)]
    assert again == parallel  # a run that starts from the stored verdicts finds the same
