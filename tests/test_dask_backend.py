"""The Dask backend on a real LocalCluster (worker processes on the loopback)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.context import Context
from mtqa.engine import lint_paths
from mtqa.readers import InputError
from mtqa.rules import REGISTRY

pytest.importorskip("dask.distributed")

from mtqa.dask_backend import DaskLinter, DaskUnavailable, expand


def _records(result: object) -> list[tuple[str, str, int, int, str]]:
    if isinstance(result, InputError):
        return [(result.path, "error", 0, 0, result.problem)]
    findings = [(result.path, i.finding.code, i.line, i.column, i.finding.message) for i in result.findings]  # type: ignore[attr-defined]
    return [(result.path, "document", 0, 0, ""), *findings]  # type: ignore[attr-defined]


def test_local_cluster_matches_the_local_run(tmp_path: Path, ctx: Context) -> None:
    folder = tmp_path / "feed"
    folder.mkdir()
    texts = ["Ukraine says kyiv is safe.\n", "The result : a draw.\n", "Some 27 000 people fled.\n", "Fine.\n"]
    for i in range(30):
        (folder / f"{i:02}.txt").write_text(texts[i % 4] * (1 + i % 2))
    (folder / "bad.txt").write_bytes(b"\xff\xfe\x00")
    rules = [rule for rule in REGISTRY if rule.default]
    local = [r for result in lint_paths([str(folder)], rules, ctx) for r in _records(result)]
    with DaskLinter("local", rules, ctx, workers=2) as linter:
        remote = [r for result in linter.results([str(folder)]) for r in _records(result)]
        url = [r for result in linter.results([f"file://{folder}/0*.txt"]) for r in _records(result)]
    assert remote == local
    assert any(code == "CAS001" for _, code, *_ in remote)
    assert {code for _, code, *_ in url} == {code for path, code, *_ in local if "/feed/0" in path}
    assert all(path.startswith("file://") for path, *_ in url)


def test_unreachable_scheduler_is_one_line(ctx: Context) -> None:
    with pytest.raises(DaskUnavailable, match="cannot reach the Dask scheduler"):
        with DaskLinter("tcp://127.0.0.1:9", list(REGISTRY), ctx):
            pass


def test_expand_reports_an_empty_glob(tmp_path: Path) -> None:
    (error,) = list(expand([f"file://{tmp_path}/*.txt"], None))
    assert isinstance(error, InputError) and error.problem == "no files match"
