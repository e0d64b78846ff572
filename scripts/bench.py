"""Benchmark mtqa: in-process lint throughput, findings density, CLI cold start and peak memory.

Usage: ``python scripts/bench.py [--corpus DIR] [--repeat N] [--json PATH]``.
MB are 10**6 UTF-8 bytes of the decoded texts; the in-process timings run on one core, one document at a time.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from mtqa.context import Context
from mtqa.document import Document
from mtqa.engine import lint_document
from mtqa.readers import InputError, discover, read_document
from mtqa.rules import REGISTRY

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "data" / "clean-news-en"
COLD_RUNS = 5


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Parse the command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="directory of *.txt documents")
    parser.add_argument("--repeat", type=int, default=5, help="timed in-process passes over the corpus (default 5)")
    parser.add_argument("--json", type=Path, default=None, metavar="PATH", help="also write the results as JSON here")
    parser.add_argument(
        "--ignore", default="", metavar="CODES", help="rules to leave out, comma-separated (as mtqa lint --ignore)"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if not args.corpus.is_dir():
        parser.error(f"corpus directory not found: {args.corpus}")
    return args


def load_corpus(corpus: Path) -> list[Document]:
    """Read every document of ``corpus`` as English, skipping inputs that cannot be read."""
    docs: list[Document] = []
    for item in discover([str(corpus)]):
        if isinstance(item, InputError):
            continue
        try:
            docs.append(read_document(item, "en"))
        except InputError:
            continue
    return docs


def bench_in_process(docs: list[Document], repeat: int, ignore: tuple[str, ...] = ()) -> dict[str, Any]:
    """Time the default rules (less ``ignore``) over ``docs`` after one warm-up pass; count findings and words."""
    ctx = Context("en")
    rules = REGISTRY.select((), ignore)
    start = time.perf_counter()
    codes: Counter[str] = Counter()
    words = 0
    for doc in docs:  # warm-up: loads the lexicon and wordfreq, and gives the (deterministic) findings
        result = lint_document(doc, rules, ctx)
        codes.update(located.finding.code for located in result.findings)
        words += len(doc.text.split())
    warmup_s = time.perf_counter() - start
    runs: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        for doc in docs:
            lint_document(doc, rules, ctx)
        runs.append(time.perf_counter() - start)
    median = statistics.median(runs)
    mb = sum(len(doc.text.encode("utf-8")) for doc in docs) / 1e6
    total = sum(codes.values())
    return {
        "documents": len(docs),
        "rules": len(rules),
        "megabytes": round(mb, 4),
        "words": words,
        "warmup_s": round(warmup_s, 4),
        "runs_s": [round(r, 4) for r in runs],
        "median_s": round(median, 4),
        "min_s": round(min(runs), 4),
        "max_s": round(max(runs), 4),
        "mb_per_s": round(mb / median, 4),
        "docs_per_s": round(len(docs) / median, 2),
        "findings": total,
        "findings_per_10k_words": round(total * 10_000 / words, 3) if words else 0.0,
        "top_codes": dict(codes.most_common(5)),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),  # Linux: KiB
    }


def mtqa_command() -> list[str]:
    """Return the argv prefix that runs the mtqa CLI of this interpreter's environment."""
    script = Path(sys.executable).parent / "mtqa"
    if script.is_file():
        return [str(script)]
    found = shutil.which("mtqa")
    return [found] if found else [sys.executable, "-m", "mtqa"]


def time_command(argv: list[str], runs: int) -> dict[str, Any]:
    """Run ``argv`` ``runs`` times with output discarded; return the wall times and the last exit code."""
    times: list[float] = []
    code = 0
    for _ in range(runs):
        start = time.perf_counter()
        code = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False).returncode
        times.append(time.perf_counter() - start)
    return {
        "runs": runs,
        "median_s": round(statistics.median(times), 4),
        "times_s": [round(t, 4) for t in times],
        "exit_code": code,
    }


def bench_cold_start(corpus: Path, small_file: str) -> dict[str, dict[str, Any]]:
    """Time the CLI end to end: ``--help``, one small file, and the whole corpus as JSON Lines."""
    cmd = mtqa_command()
    return {
        "help": time_command([*cmd, "--help"], COLD_RUNS),
        "lint_small_file": time_command([*cmd, "lint", small_file, "--exit-zero"], COLD_RUNS),
        "lint_corpus_jsonl": time_command([*cmd, "lint", str(corpus), "--format", "jsonl", "--exit-zero"], 1),
    }


GLOSSARY_PROBE = """
import json, re, time
def peak_kib():  # VmHWM: this process's own peak (ru_maxrss would carry the parent's over exec)
    with open("/proc/self/status") as status:
        return int(re.search(r"VmHWM:\\s+(\\d+)", status.read()).group(1))
before = peak_kib()
start = time.perf_counter()
from mtqa.context import Context
ctx = Context("en")
list(ctx.glossary.find("Kiev"))
ctx.toponyms
seconds = time.perf_counter() - start
after = peak_kib()
print(json.dumps({"entries": len(ctx.glossary.entries), "seconds": seconds, "rss_mb": (after - before) / 1024}))
"""


def bench_glossary_load(runs: int = COLD_RUNS) -> dict[str, Any]:
    """Import mtqa and load every shipped glossary (entries, automaton, toponym index) in fresh processes.

    Memory is the growth of the process's peak resident set over a bare interpreter's.
    """
    results = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", GLOSSARY_PROBE], capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout))
    return {
        "entries": results[0]["entries"],
        "median_s": statistics.median(r["seconds"] for r in results),
        "rss_growth_mb": max(r["rss_mb"] for r in results),
        "runs": runs,
    }


def print_report(
    header: dict[str, Any], lint: dict[str, Any], cold: dict[str, dict[str, Any]], glossary: dict[str, Any]
) -> None:
    """Print the results as a small table."""
    print(f"command:  {' '.join(header['argv'])}")
    print(f"python:   {header['python']}")
    print(f"platform: {header['platform']}")
    print(f"corpus:   {header['corpus']} ({lint['documents']} docs, {lint['megabytes']:.3f} MB, {lint['words']} words)")
    print(f"\nIn-process lint, {lint['rules']} default rules, one core ({len(lint['runs_s'])} timed runs)")
    rows = [
        ("warm-up pass (s)", f"{lint['warmup_s']:.3f}"),
        ("median / min / max (s)", f"{lint['median_s']:.3f} / {lint['min_s']:.3f} / {lint['max_s']:.3f}"),
        ("throughput (MB/s)", f"{lint['mb_per_s']:.3f}"),
        ("throughput (docs/s)", f"{lint['docs_per_s']:.1f}"),
        ("findings (total)", str(lint["findings"])),
        ("findings per 10k words", f"{lint['findings_per_10k_words']:.2f}"),
        ("top rule codes", ", ".join(f"{c}={n}" for c, n in lint["top_codes"].items()) or "-"),
        ("peak RSS (MB)", f"{lint['peak_rss_mb']:.1f}"),
    ]
    rows += [
        (f"cold {name} (s, median of {r['runs']})", f"{r['median_s']:.3f} (exit {r['exit_code']})")
        for name, r in cold.items()
    ]
    rows += [
        (
            f"glossary load, {glossary['entries']} entries (s)",
            f"{glossary['median_s']:.3f} (median of {glossary['runs']})",
        ),
        ("glossary load memory (MB)", f"{glossary['rss_growth_mb']:.1f} (peak RSS growth)"),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"  {label:<{width}}  {value}")


def main(argv: list[str]) -> int:
    """Run every measurement, print the table and optionally write the JSON; always return 0."""
    args = parse_args(argv[1:])
    docs = load_corpus(args.corpus)
    if not docs:
        print(f"bench: no readable documents in {args.corpus}", file=sys.stderr)
        return 0
    header = {
        "argv": argv,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "corpus": str(args.corpus),
    }
    lint = bench_in_process(docs, args.repeat, tuple(c.strip() for c in args.ignore.split(",") if c.strip()))
    small_file = min((doc for doc in docs if doc.text.strip()), key=lambda d: len(d.text), default=docs[0]).path
    cold = bench_cold_start(args.corpus, small_file)
    glossary = bench_glossary_load()
    print_report(header, lint, cold, glossary)
    if args.json:
        report = {**header, "small_file": small_file, "in_process": lint, "cold_start": cold, "glossary": glossary}
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
