"""Benchmark the bilingual path: lint a generated XLIFF 1.2 file of about ``--mb`` MB on one core.

Usage: ``python scripts/bench_bilingual.py [--mb 10] [--keep PATH]``. The file repeats eight French→English
units (four with planted errors) under distinct ids; the time covers reading, the streaming XML scan and
every default rule, as ``mtqa lint FILE`` runs them.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from mtqa.context import Context
from mtqa.engine import lint_paths
from mtqa.readers import InputError
from mtqa.rules import REGISTRY

UNITS = (
    ("Les forces russes ont poursuivi leur offensive près de Koupiansk lundi.",
     "Russian forces pressed on near Kupyansk on Monday."),
    ("Il y a 27 000 habitants et 12 écoles dans la ville.",
     "There are 27,000 inhabitants and 12 schools in the town."),
    ("Cliquez <g id=\"1\">ici</g> pour lire l&apos;article.", "Click <g id=\"1\">here</g> to read the article."),
    ("Le maire de la ville a démissionné mardi soir.",
     "The mayor of the city resigned dans la ville on Tuesday evening."),
    ("Le gouvernement a annoncé de nouvelles mesures pour soutenir les agriculteurs.",
     "The government announced new measures to support farmers."),
    ("Les négociations reprendront la semaine prochaine à Genève.", "Talks will resume in Geneva next week."),
    ("Selon le ministère, les exportations de céréales ont augmenté en 2023.",
     "According to the ministry, grain exports rose in 2023."),
    ("La banque centrale a maintenu ses taux inchangés.", "The central bank kept its rates unchanged."),
)  # fmt: skip


def write_xliff(path: Path, megabytes: float) -> int:
    """Write an XLIFF 1.2 file of about ``megabytes`` MB; return its number of units."""
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2"><file source-language="fr" target-language="en"><body>\n'
    )
    count = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        size = len(head)
        while size < megabytes * 1e6:
            source, target = UNITS[count % len(UNITS)]
            unit = (
                f'<trans-unit id="u{count}">\n  <source>{source}</source>\n  <target>{target}</target>\n</trans-unit>\n'
            )
            out.write(unit)
            size += len(unit.encode("utf-8"))
            count += 1
        out.write("</body></file></xliff>\n")
    return count


def main() -> None:
    """Generate the file, lint it once with the default rules, print the timing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--keep", type=Path, default=None, help="write the XLIFF here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "bench.xlf"
        units = write_xliff(path, args.mb)
        ctx = Context("en")
        rules = REGISTRY.select()
        _ = ctx.lexicon, ctx.glossary  # loaded once per run, not per file: kept out of the timing
        start = time.perf_counter()
        findings = 0
        for result in lint_paths([str(path)], rules, ctx):
            assert not isinstance(result, InputError), str(result)
            findings += len(result.findings)
        elapsed = time.perf_counter() - start
        size = path.stat().st_size / 1e6
    print(f"{size:.1f} MB XLIFF, {units} units, {findings} findings: {elapsed:.2f} s ({size / elapsed:.1f} MB/s)")


if __name__ == "__main__":
    main()
