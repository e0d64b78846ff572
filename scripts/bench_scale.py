"""Scaling benchmark: `mtqa lint` with --jobs 1/2 and on a Dask LocalCluster, against `hunspell -l`.

Usage: ``python scripts/bench_scale.py [--corpus DIR] [--sizes 10,100] [--repeat N] [--out DIR] [--no-dask]``.

Corpora: the clean news folder as it is, and synthetic corpora of 10 and 100 MB made by repeating its
stories into files of about 200 KB (cached under ``--out``). Every tool reads the same bytes: mtqa the
folder, hunspell the folder's files concatenated (``hunspell -d en_US -l``, Debian's hunspell and
hunspell-en-us), in the same run. Each cell is the median wall time of ``--repeat`` runs, from the
command's start to its exit (start-up included); peak memory is the largest resident set of the
measured process tree's biggest process. Writes ``scale.json`` and ``scale.png`` (throughput against
corpus size, one line per tool) to ``--out`` and prints a table with the ratios.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "data" / "clean-news-en"
FILE_BYTES = 200_000
MEASURE = """
import resource, subprocess, sys, json
stdin = open(sys.argv[1], "rb") if sys.argv[1] != "-" else None
code = subprocess.run(sys.argv[2:], stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
print(json.dumps({"code": code, "peak_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Parse the command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of *.txt stories")
    parser.add_argument("--sizes", default="10,100", help="synthetic corpus sizes in MB (default 10,100)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per cell; the median is reported (default 5)")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "bench-results", help="where results go")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster runs")
    parser.add_argument(
        "--peer-max-mb", type=float, default=12, help="run hunspell only on corpora up to this size (default 12)"
    )
    parser.add_argument("--large-repeat", type=int, default=1, help="runs per cell on corpora over 20 MB (default 1)")
    return parser.parse_args(argv)


def stories(corpus: Path) -> list[bytes]:
    """The stories of ``corpus`` (its *.txt files, sorted), as bytes."""
    return [p.read_bytes() for p in sorted(corpus.rglob("*.txt"))]


def synthetic(texts: list[bytes], megabytes: int, out: Path) -> Path:
    """A folder of about ``megabytes`` MB of stories repeated into ~200 KB files (made once, then reused)."""
    folder = out / f"synthetic-{megabytes}MB"
    marker = folder / ".complete"
    if marker.is_file():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    target = megabytes * 1_000_000
    written = index = number = 0
    while written < target:
        chunk: list[bytes] = []
        size = 0
        while size < FILE_BYTES and written + size < target:
            text = texts[index % len(texts)]
            chunk.append(text.rstrip(b"\n") + b"\n\n")
            size += len(chunk[-1])
            index += 1
        (folder / f"{number:05}.txt").write_bytes(b"".join(chunk))
        written += size
        number += 1
    marker.write_text("")
    return folder


def concatenated(folder: Path, out: Path) -> Path:
    """The files of ``folder`` in one file, for hunspell (made once per folder)."""
    target = out / f"{folder.name}.all.txt"
    if not target.is_file():
        with open(target, "wb") as stream:
            for path in sorted(folder.rglob("*.txt")):
                stream.write(path.read_bytes())
                stream.write(b"\n")
    return target


def measure(argv: list[str], repeat: int, stdin: Path | None = None) -> dict[str, Any]:
    """Median wall time and peak memory of ``argv`` over ``repeat`` runs."""
    times: list[float] = []
    peaks: list[float] = []
    code = 0
    for _ in range(repeat):
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", MEASURE, str(stdin) if stdin else "-", *argv],
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(time.perf_counter() - start)
        report = json.loads(out.stdout)
        code = report["code"]
        peaks.append(report["peak_kib"] / 1024)
    return {"median_s": statistics.median(times), "times_s": times, "peak_mb": max(peaks), "exit_code": code}


def mtqa() -> list[str]:
    """The mtqa command of this interpreter's environment."""
    script = Path(sys.executable).parent / "mtqa"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "mtqa"]


def tools(folder: Path, dask: bool) -> dict[str, list[str]]:
    """The commands compared on ``folder``."""
    lint = [*mtqa(), "lint", str(folder), "--format", "jsonl", "--exit-zero", "--quiet"]
    runs = {"mtqa --jobs 1": [*lint, "--jobs", "1"], "mtqa --jobs 2": [*lint, "--jobs", "2"]}
    if dask:
        runs["mtqa --dask local (2 workers)"] = [*lint, "--dask", "local", "--jobs", "2"]
    return runs


def plot(rows: list[dict[str, Any]], path: Path) -> bool:
    """Throughput against corpus size, one line per tool (needs matplotlib; False without it)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    figure, axes = plt.subplots(figsize=(7, 4.5))
    for tool in dict.fromkeys(row["tool"] for row in rows):
        points = sorted((row["megabytes"], row["mb_per_s"]) for row in rows if row["tool"] == tool)
        axes.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=tool)
    axes.set_xscale("log")
    axes.set_xlabel("corpus size (MB, log scale)")
    axes.set_ylabel("throughput (MB/s)")
    axes.set_title("mtqa lint vs hunspell -l: throughput by corpus size")
    axes.grid(True, alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    return True


def main(argv: list[str]) -> int:
    """Run every cell, print the table, write the JSON and the plot."""
    args = parse_args(argv[1:])
    args.out.mkdir(parents=True, exist_ok=True)
    texts = stories(args.corpus)
    corpora = [args.corpus] + [synthetic(texts, int(size), args.out) for size in args.sizes.split(",") if size]
    hunspell = shutil.which("hunspell")
    rows: list[dict[str, Any]] = []
    print(f"command:  {' '.join(argv)}")
    print(f"python:   {sys.version.split()[0]}   platform: {platform.platform()}")
    for folder in corpora:
        megabytes = sum(p.stat().st_size for p in folder.rglob("*.txt")) / 1e6
        repeat = args.repeat if megabytes <= 20 else args.large_repeat
        cells = {name: measure(command, repeat) for name, command in tools(folder, not args.no_dask).items()}
        if hunspell and megabytes <= args.peer_max_mb:
            words = concatenated(folder, args.out)
            cells["hunspell -l"] = measure([hunspell, "-d", "en_US", "-l"], repeat, stdin=words)
        for name, cell in cells.items():
            rows.append({"corpus": folder.name, "megabytes": round(megabytes, 2), "tool": name, **cell})
            rows[-1]["mb_per_s"] = megabytes / cell["median_s"]
        print(f"\n{folder.name}: {megabytes:.1f} MB, median of {repeat} runs")
        base = cells.get("mtqa --jobs 1")
        for name, cell in cells.items():
            ratio = f"{base['median_s'] / cell['median_s']:.2f}x" if base else "-"
            print(
                f"  {name:<32} {cell['median_s']:8.2f} s  {megabytes / cell['median_s']:7.2f} MB/s  "
                f"peak {cell['peak_mb']:6.1f} MB  speed vs --jobs 1: {ratio}  (exit {cell['exit_code']})"
            )
        if "hunspell -l" in cells and base:
            ratio = cells["hunspell -l"]["median_s"] / base["median_s"]
            print(f"  throughput of mtqa --jobs 1 / hunspell -l: {ratio:.2f}")
    report = {"argv": argv, "python": sys.version.split()[0], "platform": platform.platform(), "rows": rows}
    (args.out / "scale.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    drew = plot(rows, args.out / "scale.png")
    plotted = f" and {args.out / 'scale.png'}" if drew else " (no matplotlib: no plot)"
    print(f"\nwrote {args.out / 'scale.json'}{plotted}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
