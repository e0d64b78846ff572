"""Benchmark mtqa: in-process lint throughput, findings density, CLI cold start and peak memory.

Usage: ``python scripts/bench.py [--corpus DIR] [--repeat N] [--json PATH] [--no-peer]``.
MB are 10**6 UTF-8 bytes of the decoded texts; the in-process timings run on one core, one document at a time.
In the same run, ``hunspell -d en_US -l`` (Debian's hunspell and hunspell-en-us, when installed) reads the
same texts, joined into one file, ``--repeat`` times; the ratio of the two throughputs is printed.
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
import tempfile
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
    parser.add_argument("--no-peer", action="store_true", help="do not run hunspell -l on the same text")
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


def compile_bytecode() -> None:
    """Byte-compile the mtqa package, as installing a wheel does.

    Python writes the bytecode of an editable install on first import, unless PYTHONDONTWRITEBYTECODE is
    set: then every start would compile the sources again, which no installed copy does.
    """
    import compileall

    import mtqa

    compileall.compile_dir(str(Path(mtqa.__file__).parent), quiet=1)


def bench_cold_start(corpus: Path, one_file: str) -> dict[str, dict[str, Any]]:
    """Time the CLI end to end: ``--help``, one story (of median size), and the whole corpus as JSON Lines.

    The package is byte-compiled first, and each command runs once untimed, so that the cache holds what
    a first run writes there (bytecode, the parsed glossaries, the disk indexes of the large tables).
    """
    compile_bytecode()
    cmd = mtqa_command()
    subprocess.run([*cmd, "lint", one_file, "--exit-zero"], capture_output=True, check=False)
    return {
        "help": time_command([*cmd, "--help"], COLD_RUNS),
        "lint_one_file": time_command([*cmd, "lint", one_file, "--exit-zero"], COLD_RUNS),
        "lint_corpus_jsonl": time_command([*cmd, "lint", str(corpus), "--format", "jsonl", "--exit-zero"], 1),
    }


def bench_hunspell(docs: list[Document], repeat: int) -> dict[str, Any] | None:
    """Time ``hunspell -d en_US -l`` over the texts of ``docs`` joined into one file (None: not installed)."""
    hunspell = shutil.which("hunspell")
    if hunspell is None:
        return None
    argv = [hunspell, "-d", "en_US", "-l"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.txt"
        path.write_text("\n\n".join(doc.text for doc in docs) + "\n", encoding="utf-8")
        times: list[float] = []
        for _ in range(repeat):
            with open(path, "rb") as stdin:
                start = time.perf_counter()
                done = subprocess.run(argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
                times.append(time.perf_counter() - start)
            if done.returncode != 0:  # no en_US dictionary, as a rule
                print(f"bench: hunspell failed: {done.stderr.decode(errors='replace').strip()}", file=sys.stderr)
                return None
    mb = sum(len(doc.text.encode("utf-8")) for doc in docs) / 1e6
    median = statistics.median(times)
    return {"argv": argv, "runs_s": [round(t, 4) for t in times], "median_s": round(median, 4), "mb_per_s": mb / median}


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
ctx.toponyms.find("Koupiansk")  # a place-name lookup: from the cache's index, key by key
seconds = time.perf_counter() - start
after = peak_kib()
print(json.dumps({"entries": len(ctx.glossary.entries), "seconds": seconds, "rss_mb": (after - before) / 1024}))
"""


def bench_glossary_load(runs: int = COLD_RUNS) -> dict[str, Any]:
    """Import mtqa and make every shipped glossary ready (entries, automaton, a place-name lookup), in fresh processes.

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
    header: dict[str, Any],
    lint: dict[str, Any],
    cold: dict[str, dict[str, Any]],
    glossary: dict[str, Any],
    peer: dict[str, Any] | None,
) -> None:
    """Print the results as a small table."""
    print(f"command:  {' '.join(header['argv'])}")
    print(f"python:   {header['python']}")
    print(f"platform: {header['platform']}")
    print(f"corpus:   {header['corpus']} ({lint['documents']} docs, {lint['megabytes']:.3f} MB, {lint['words']} words)")
    print(f"one file: {header['one_file']} (median size; cold starts run byte-compiled, cache filled)")
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
    if peer is not None:
        rows += [
            (
                f"hunspell -l, same text (s, median of {len(peer['runs_s'])})",
                f"{peer['median_s']:.3f} ({peer['mb_per_s']:.3f} MB/s)",
            ),
            ("mtqa in-process / hunspell -l throughput", f"{lint['mb_per_s'] / peer['mb_per_s']:.1f}x"),
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
    stories = sorted((doc for doc in docs if doc.text.strip()), key=lambda d: (len(d.text), d.path)) or docs
    one_file = stories[len(stories) // 2].path  # a story of median size
    header["one_file"] = one_file
    cold = bench_cold_start(args.corpus, one_file)
    glossary = bench_glossary_load()
    peer = None if args.no_peer else bench_hunspell(docs, args.repeat)
    print_report(header, lint, cold, glossary, peer)
    if args.json:
        report = {
            **header,
            "in_process": lint,
            "cold_start": cold,
            "glossary": glossary,
            "hunspell": peer,
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
