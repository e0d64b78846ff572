"""The ``mtqa`` command line: ``lint``, ``rules`` and ``rule``.

Exit codes follow ruff: 0 no findings, 1 findings, 2 usage or input error.
Heavy modules (the rules' lexicon, wordfreq) load only when a command needs them.
"""

from __future__ import annotations

import sys
import textwrap
from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from mtqa import __version__


class _App(typer.Typer):
    """The command line app: an internal error is one line and exit 2, with its traceback only under --debug."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line (``click``'s own errors and exits pass through)."""
        try:
            return super().__call__(*args, **kwargs)
        except Exception as exc:
            from mtqa.engine import debugging

            if debugging():
                raise
            first = (str(exc).strip().splitlines() or [""])[0]
            hint = "run with --debug for the traceback; please report it"
            typer.echo(f"mtqa: internal error: {type(exc).__name__}: {first} ({hint})", err=True)
            sys.exit(EXIT_ERROR)


app = _App(
    name="mtqa",
    help="Find machine-translation artifacts in news text, explain them and propose fixes.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class OutputFormat(StrEnum):
    """Formats of ``mtqa lint``."""

    text = "text"
    concise = "concise"
    json = "json"
    jsonl = "jsonl"
    sarif = "sarif"
    github = "github"
    junit = "junit"
    gitlab = "gitlab"
    html = "html"


class FailLevel(StrEnum):
    """The lowest severity that makes ``mtqa lint`` exit 1."""

    error = "error"
    warning = "warning"
    info = "info"


SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def _fail(message: str) -> typer.Exit:
    typer.echo(f"mtqa: error: {message}", err=True)
    return typer.Exit(EXIT_ERROR)


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mtqa {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Raise internal errors with their traceback instead of one line.")
    ] = False,
) -> None:
    """Find machine-translation artifacts in news text, explain them and propose fixes."""
    if debug:
        import os

        from mtqa.engine import DEBUG_ENV

        os.environ[DEBUG_ENV] = "1"  # worker processes inherit it


PathsArgument = Annotated[
    list[str], typer.Argument(help="Files or directories (directories: *.txt, recursively); - for standard input.")
]
SelectOption = Annotated[
    list[str] | None,
    typer.Option("--select", help="Rules to run (default: the default rules): codes, prefixes, names, families, ALL."),
]
IgnoreOption = Annotated[list[str] | None, typer.Option("--ignore", help="Rules to skip (same forms as --select).")]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--target",
        "--lang",
        help="Target language of the texts (en, fr, de, es, it; default: detected per document, else en).",
    ),
]
SourceOption = Annotated[
    str | None,
    typer.Option("--source", help="Source language of the translations (enables calque and false-friend checks)."),
]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="Configuration file (default: the nearest mtqa.toml or [tool.mtqa]).")
]
GlossaryOption = Annotated[
    list[Path] | None, typer.Option("--glossary", help="Glossary files or folders to use instead of the shipped ones.")
]
ExitZeroOption = Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")]
UnsafeOption = Annotated[bool, typer.Option("--unsafe-fixes", help="Also apply unsafe fixes (review the result).")]
LMOption = Annotated[
    str | None,
    typer.Option(
        "--lm",
        help="Rerank candidate fixes with a language model: a local folder or an already cached model name "
        "(never downloaded), or 'wordfreq' for word frequencies (default: config lm.model; none).",
    ),
]
LMDeviceOption = Annotated[str, typer.Option("--lm-device", help="Device for the --lm model (cpu, cuda, mps).")]
DecisionsOption = Annotated[
    Path | None,
    typer.Option(
        "--decisions",
        help="Reviewers' decisions file (default: the nearest mtqa-decisions.jsonl above each file); "
        "rejected findings are not reported or fixed.",
    ),
]


def _baseline(decisions: Path | None) -> Any:
    """The reviewers' decisions in force; an unreadable decisions file is a usage error."""
    from mtqa.decisions import Baseline, DecisionsError

    if decisions is not None and not decisions.is_file():
        raise _fail(f"{decisions}: no such decisions file")
    try:
        return Baseline(decisions)
    except DecisionsError as exc:
        raise _fail(str(exc)) from None


def _setup(
    config: Path | None,
    select: list[str] | None,
    ignore: list[str] | None,
    lang: str | None,
    glossary: list[Path] | None,
    source: str | None = None,
) -> tuple[Any, Any, Any]:
    """Rules, lint context and settings, from the configuration file overridden by the options.

    Without a target language (option or configuration) each document's is detected. A bad
    configuration, selector, language or glossary is a usage error.
    """
    from mtqa.config import ConfigError, settings_for
    from mtqa.context import Context
    from mtqa.glossary import GlossaryError
    from mtqa.profiles import UnknownLanguageError
    from mtqa.rules import REGISTRY

    try:
        settings = settings_for(config, Path.cwd())
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    chosen = _split(select) or settings.select
    try:
        rules = REGISTRY.select(chosen, [*settings.ignore, *_split(ignore)])
        extra = REGISTRY.select(settings.extend_select) if settings.extend_select else []
        for code in settings.severity:
            if REGISTRY.get(code) is None:
                raise KeyError(code)
        for selector in (s for codes in settings.per_file_ignores.values() for s in codes):
            if not REGISTRY.matching(selector):
                raise KeyError(selector)
    except KeyError as exc:
        where = f" (in {settings.source})" if settings.source else ""
        raise _fail(f"unknown rule selector {exc.args[0]!r}{where} (see `mtqa rules`)") from None
    rules = sorted({r.code: r for r in [*rules, *extra]}.values(), key=lambda r: r.code)
    try:
        ctx = Context(
            (lang or settings.lang).lower(),
            glossary if glossary is not None else settings.glossaries,
            (source or settings.source_lang or "").lower() or None,
            detect=not (lang or settings.lang_given),
            overrides=(settings.glossary_overrides, str(settings.source)) if settings.glossary_overrides else None,
        )
        ctx.glossary  # load now: a broken glossary is a usage error, reported once  # noqa: B018
    except (UnknownLanguageError, GlossaryError) as exc:
        raise _fail(str(exc)) from None
    return rules, ctx, settings


def _fix_files(
    paths: list[str],
    rules: Any,
    ctx: Any,
    unsafe: bool,
    diff: bool,
    settings: Any = None,
    skip_feeds: bool = False,
    baseline: Any = None,
) -> tuple[int, int, int, list[Any]]:
    """Fix every file named by ``paths`` (or print diffs).

    Returns (files changed, findings fixed, errors, results of standard input's fixed text).
    """
    from mtqa.decisions import DecisionsError
    from mtqa.document import Document
    from mtqa.engine import lint_document, rules_for
    from mtqa.filetypes import not_fixable, source_document
    from mtqa.fixer import fix_text, write_atomically
    from mtqa.readers import STDIN, InputError, discover, read_raw

    changed = fixed = errors = 0
    stdin_results = []
    for item in discover(paths):
        try:
            if isinstance(item, InputError):
                raise item
            if settings is not None and settings.excluded(item):
                continue
            if (reason := not_fixable(item)) is not None:  # feeds: their items are stories of their own
                if skip_feeds:
                    continue
                raise InputError(item, reason)
            raw = read_raw(item, ctx.lang)
            file_rules = rules_for(item, rules, settings)
            keep = baseline.without_rejected if baseline is not None else None
            doc = source_document(item, raw.text, ctx.reader_lang)  # HTML, Markdown: fixed in their source
            result = fix_text(doc, file_rules, ctx, unsafe, keep)
            if item == STDIN and not diff:
                sys.stdout.write(result.text)  # standard input: the fixed text goes to standard output
                stdin_results.append(lint_document(Document(STDIN, result.text, ctx.reader_lang), file_rules, ctx))
            if result.text == raw.text:
                continue
            changed += 1
            fixed += result.fixed
            if diff:
                sys.stdout.writelines(_unified_diff(raw.text, result.text, item))
            elif item != STDIN:
                write_atomically(raw, result.text)
        except (InputError, DecisionsError) as exc:
            errors += 1
            typer.echo(f"mtqa: error: {exc}", err=True)
    return changed, fixed, errors, stdin_results


def _lf_lines(text: str) -> list[str]:
    """Lines split on LF only (CR, U+2028 and the like stay inside a line), each keeping its LF."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _unified_diff(before: str, after: str, path: str) -> list[str]:
    """A unified diff that ``patch`` applies, with the no-newline-at-end marker where needed."""
    import difflib

    diff = difflib.unified_diff(_lf_lines(before), _lf_lines(after), fromfile=f"a/{path}", tofile=f"b/{path}")
    return [line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in diff]


@app.command()
def lint(
    paths: PathsArgument,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.text,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    lang: LangOption = None,
    source: SourceOption = None,
    glossary: GlossaryOption = None,
    config: ConfigOption = None,
    exit_zero: ExitZeroOption = False,
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes first, then report what remains.")] = False,
    unsafe_fixes: UnsafeOption = False,
    fail_on: Annotated[
        FailLevel | None,
        typer.Option("--fail-on", help="Exit 1 only for findings of this severity or above (default: info)."),
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to this file.")] = None,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Print the number of findings per rule instead of the findings.")
    ] = False,
    fail_under: Annotated[
        float | None,
        typer.Option("--fail-under", help="Exit 1 when a document's MQM-style quality score is below this (0-100)."),
    ] = None,
    id_field: Annotated[str, typer.Option("--id-field", help="JSON feeds: the item field naming the item.")] = "id",
    title_field: Annotated[str, typer.Option("--title-field", help="JSON feeds: the headline field.")] = "title",
    body_field: Annotated[str, typer.Option("--body-field", help="JSON feeds: the text field.")] = "body",
    lm: LMOption = None,
    lm_device: LMDeviceOption = "cpu",
    decisions: DecisionsOption = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only findings and errors: no progress bar, no summary lines.")
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=0, help="Worker processes (0: every core when there are more than 8 files, else 1)."
        ),
    ] = 0,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            help="Run on a Dask cluster: a scheduler address (tcp://host:8786) or 'local' (needs mtqa[dask]).",
        ),
    ] = None,
) -> None:
    """Lint files and report machine-translation artifacts."""
    from mtqa.decisions import DecisionsError
    from mtqa.readers import FeedFields, InputError
    from mtqa.reporters import FORMATS

    rules, ctx, settings = _setup(config, select, ignore, lang, glossary, source)
    baseline = _baseline(decisions)
    scorer = _scorer(lm or settings.lm_model, lm_device, ctx.lang)
    if fail_under is not None and not 0 <= fail_under <= 100:
        raise _fail("--fail-under takes a score between 0 and 100")
    if statistics and output_format.value not in ("text", "concise"):
        raise _fail("--statistics prints a table: use it with --format text or concise")
    fix_errors = 0
    if fix or unsafe_fixes:
        if "-" in paths:
            raise _fail("to fix standard input use `mtqa fix -` (the fixed text goes to standard output)")
        changed, fixed, fix_errors, _ = _fix_files(
            paths, rules, ctx, unsafe_fixes, False, settings, skip_feeds=True, baseline=baseline
        )
        if not quiet:
            typer.echo(f"Fixed {fixed} findings in {changed} files.", err=True)
    import contextlib
    import io

    if output is not None and _is_input(output, paths):
        raise _fail(f"{output}: is one of the files to lint; choose another --output")
    stream: Any = sys.stdout if output is None else io.StringIO()
    reporter = FORMATS[output_format.value](stream, color=stream.isatty(), rules=rules, quiet=quiet)
    from mtqa import progress
    from mtqa.quality import corpus_score, penalty, score
    from mtqa.readers import discover

    stack = contextlib.ExitStack()
    show_progress = progress.wanted(quiet) and (output is not None or not sys.stdout.isatty())
    total = sum(not isinstance(item, InputError) for item in discover(paths)) if show_progress else None

    counts: Counter[str] = Counter()
    detected: Counter[str] = Counter()  # documents per detected target language
    scores: list[tuple[float, int]] = []
    files = findings = failing = errors = below = 0
    threshold = SEVERITY_RANK[fail_on.value if fail_on else settings.fail_on]
    try:
        fields = FeedFields(id_field, title_field, body_field)
        results = _backend(stack, paths, rules, ctx, settings, fields, jobs, dask)
        bar = stack.enter_context(progress.progress(show_progress, total))
        previous = ""
        for result in results:
            if (file_part := result.path.partition("#")[0]) != previous:
                bar.advance(file_part)  # a feed's items count as one file
                previous = file_part
            if not isinstance(result, InputError):
                try:
                    result = baseline.without_rejected(result)
                except DecisionsError as exc:
                    result = InputError(result.path, str(exc))
            if isinstance(result, InputError):
                errors += 1
                typer.echo(f"mtqa: error: {result}", err=True)
                continue
            if scorer is not None:
                result = _rerank(result, scorer)
            files += 1
            if result.detected:
                detected[result.lang] += 1
            if not result.text.strip():
                typer.echo(f"mtqa: warning: {result.path}: empty file, nothing to check", err=True)
            findings += len(result.findings)
            failing += sum(SEVERITY_RANK[item.finding.severity.value] >= threshold for item in result.findings)
            counts.update(item.finding.code for item in result.findings)
            points = penalty(result, settings.mqm_weights)
            scores.append((points, result.words))
            if fail_under is not None and (quality := score(points, result.words)) < fail_under:
                below += 1
                typer.echo(f"mtqa: {result.path}: quality {quality:.1f} < {fail_under:g}", err=True)
            if not statistics:
                reporter.document(result)
        stack.close()  # the progress bar goes before the summary (and parallel workers store their verdicts)
        ctx.save_verdicts()  # the next run starts from this one's verdicts on words
        if not quiet and (note := _assumed_languages(detected, ctx.lang)):
            typer.echo(note, err=True)
        if (statistics or fail_under is not None) and not quiet:
            words = sum(w for _, w in scores)
            typer.echo(
                f"Quality (MQM-style, 100 = no penalty): {corpus_score(scores):.1f} over {words} words", err=True
            )
        if statistics:
            for code, count in counts.most_common():
                name = next((r.name for r in rules if r.code == code), "")
                stream.write(f"{count:>6}  {code}  {name}\n")
        else:
            reporter.finish(files, findings)
    finally:
        stack.close()
        if output is not None:
            _write_output(stream.getvalue(), output, replace=True)
    if errors or fix_errors:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FINDINGS if (failing or below) and not exit_zero else EXIT_CLEAN)


def _assumed_languages(detected: Counter[str], fallback: str) -> str | None:
    """The line saying which target languages were detected, when any differs from ``fallback`` (else None)."""
    if not detected or set(detected) == {fallback}:
        return None
    parts = [f"{lang} for {count} document{'s' if count != 1 else ''}" for lang, count in detected.most_common()]
    return f"mtqa: assuming target language {', '.join(parts)} (detected); use --target to set it"


def _backend(
    stack: Any, paths: list[str], rules: Any, ctx: Any, settings: Any, fields: Any, jobs: int, dask: str | None
) -> Any:
    """The results of a run: on a Dask cluster, on a process pool, or in this process."""
    if dask is not None:
        from mtqa.dask_backend import DaskLinter, DaskUnavailable

        try:
            linter = stack.enter_context(DaskLinter(dask, rules, ctx, settings, fields, workers=jobs or None))
        except DaskUnavailable as exc:
            raise _fail(str(exc)) from None
        return linter.results(paths)
    from mtqa.parallel import ParallelLinter, auto_jobs

    workers = jobs or auto_jobs(paths, settings)
    if workers <= 1 or ("-" in paths and len(paths) == 1):
        from mtqa.engine import lint_paths

        return lint_paths(paths, rules, ctx, settings=settings, fields=fields)
    return stack.enter_context(ParallelLinter(workers, rules, ctx, settings, fields)).results(paths)


@app.command("fix")
def fix_command(
    paths: PathsArgument,
    unsafe_fixes: UnsafeOption = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print a unified diff of the fixes; write nothing.")] = False,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    lang: LangOption = None,
    source: SourceOption = None,
    glossary: GlossaryOption = None,
    config: ConfigOption = None,
    exit_zero: ExitZeroOption = False,
    decisions: DecisionsOption = None,
) -> None:
    """Apply safe fixes (and unsafe ones with --unsafe-fixes) to files, atomically; or show them with --diff.

    Exit 0 when nothing is left to fix, 1 when findings remain (with --diff: when there is a diff),
    2 when a file could not be read or written.
    """
    from mtqa.engine import lint_paths
    from mtqa.readers import InputError

    rules, ctx, settings = _setup(config, select, ignore, lang, glossary, source)
    baseline = _baseline(decisions)
    changed, fixed, errors, stdin_results = _fix_files(
        paths, rules, ctx, unsafe_fixes, diff, settings, baseline=baseline
    )
    if diff:
        typer.echo(f"{fixed} findings would be fixed in {changed} files.", err=True)
        raise typer.Exit(EXIT_ERROR if errors else EXIT_FINDINGS if changed and not exit_zero else EXIT_CLEAN)
    files = [p for p in paths if p != "-"]
    results = [*stdin_results, *(lint_paths(files, rules, ctx, settings=settings) if files else [])]
    threshold = SEVERITY_RANK[settings.fail_on]
    kept = [baseline.without_rejected(r) for r in results if not isinstance(r, InputError)]
    left = [i.finding for r in kept for i in r.findings]
    failing = [f for f in left if SEVERITY_RANK[f.severity.value] >= threshold]
    typer.echo(f"Fixed {fixed} findings in {changed} files; {len(left)} remain (see `mtqa lint`).", err=True)
    raise typer.Exit(EXIT_ERROR if errors else EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN)


@app.command("review")
def review_command(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to review (folders: *.txt, recursively).")],
    host: Annotated[str, typer.Option("--host", help="Address to listen on (keep the loopback).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on (0: a free one).")] = 0,
    open_browser: Annotated[bool, typer.Option("--open", help="Open the page in a browser.")] = False,
    who: Annotated[str | None, typer.Option("--who", help="Reviewer name in the decisions file.")] = None,
    decisions: Annotated[
        Path | None,
        typer.Option("--decisions", help="Decisions file (default: mtqa-decisions.jsonl beside the corpus)."),
    ] = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    lang: LangOption = None,
    glossary: GlossaryOption = None,
    config: ConfigOption = None,
) -> None:
    """Serve a local review page: accept, reject or edit each suggestion, then apply them to the files.

    Prints the page's URL (with its session token) and serves until interrupted (Ctrl+C).
    """
    import getpass
    import secrets

    from mtqa.decisions import DecisionsError
    from mtqa.review.server import bind, create_app, serve, url_of
    from mtqa.review.session import ReviewSession, collect_files, decisions_store

    rules, ctx, settings = _setup(config, select, ignore, lang, glossary)
    files = collect_files(paths, lambda message: typer.echo(f"mtqa: warning: {message}", err=True))
    if not files:
        raise _fail("nothing to review")
    try:
        store = decisions_store(paths, decisions)
    except DecisionsError as exc:
        raise _fail(str(exc)) from None
    try:
        sock = bind(host, port)
    except OSError as exc:
        raise _fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    token = secrets.token_urlsafe(24)
    session = ReviewSession(files, rules, ctx, store, who or getpass.getuser(), settings)
    url = url_of(sock, token)
    typer.echo(f"Reviewing {len(files)} files; decisions go to {store.path}")
    typer.echo(f"Open {url}   (Ctrl+C to stop)", err=False)
    sys.stdout.flush()
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    serve(create_app(session, token, host), sock)


@app.command("config")
def show_config(config: ConfigOption = None) -> None:
    """Print the effective settings (from the nearest mtqa.toml or [tool.mtqa], or the defaults)."""
    from mtqa.config import ConfigError, settings_for

    try:
        typer.echo(settings_for(config, Path.cwd()).describe(), nl=False)
    except ConfigError as exc:
        raise _fail(str(exc)) from None


@app.command("rules")
def list_rules() -> None:
    """List every rule: code, name, default severity, fix safety and summary."""
    from mtqa.rules import REGISTRY

    rules = list(REGISTRY)
    width = max(len(r.name) for r in rules)
    typer.echo(f"{'CODE':<7} {'NAME':<{width}} {'SEVERITY':<8} {'FIX':<7} {'DEFAULT':<7} SUMMARY")
    for r in rules:
        fix = r.fix.value if r.fix else "-"
        default = "yes" if r.default else "opt-in"
        typer.echo(f"{r.code:<7} {r.name:<{width}} {r.severity.value:<8} {fix:<7} {default:<7} {r.summary}")


@app.command("rule")
def show_rule(key: Annotated[str, typer.Argument(help="A rule code (CAS001) or name (lowercase-start).")]) -> None:
    """Explain one rule, with the examples it must flag and must leave alone."""
    from mtqa.rules import REGISTRY

    rule = REGISTRY.get(key)
    if rule is None:
        raise _fail(f"no rule {key!r} (see `mtqa rules`)")
    langs = ", ".join(sorted(rule.languages)) if rule.languages else "all"
    fix = rule.fix.value if rule.fix else "none"
    default = "default" if rule.default else "opt-in (--select it)"
    lines = [
        f"{rule.code} {rule.name}",
        f"family: {rule.family} | severity: {rule.severity.value} | MQM: {rule.mqm} | fix: {fix} | "
        f"languages: {langs} | {default}",
        "",
        rule.summary,
        "",
        *textwrap.wrap(rule.explanation, 96),
        "",
        "Flags:",
    ]
    for example in rule.flags:
        lines.append(f"  ✗ {example.text.strip()!s}".replace("\n", "⏎"))
        if example.fixed is not None:
            lines.append(f"  → {example.fixed.strip()!s}".replace("\n", "⏎"))
    lines.append("Leaves alone:")
    lines.extend(f"  ✓ {text.strip()}".replace("\n", "⏎") for text in rule.passes)
    typer.echo("\n".join(lines))


glossary_app = typer.Typer(
    help="Check, look up, export and import glossaries.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(glossary_app, name="glossary")


@glossary_app.command("check")
def glossary_check(
    files: Annotated[list[Path], typer.Argument(help="Glossary files (TSV/CSV) or folders.")],
) -> None:
    """Validate glossary files: format, types, and conflicts between entries."""
    from mtqa.glossary import GlossaryError, check_entries, glossary_files, load_glossary

    entries = []
    failed = False
    for path in glossary_files(files):
        try:
            found = load_glossary(path)
        except GlossaryError as exc:
            typer.echo(f"mtqa: error: {exc}", err=True)
            failed = True
            continue
        entries.extend(found)
        typer.echo(f"{path}: {len(found)} entries")
    problems = check_entries(entries)
    for problem in problems:
        typer.echo(f"mtqa: warning: {problem}", err=True)
    if failed:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FINDINGS if problems else EXIT_CLEAN)


@glossary_app.command("lookup")
def glossary_lookup(
    name: Annotated[str, typer.Argument(help="A name or term, in any spelling (Cyrillic is romanised).")],
    lang: Annotated[str, typer.Option("--lang", help="Target language.")] = "en",
    glossary: Annotated[list[Path] | None, typer.Option("--glossary", help="Glossaries to search.")] = None,
) -> None:
    """Tell what mtqa knows about a name: glossary entries, variants, romanisation, unseen spellings."""
    from mtqa.context import Context
    from mtqa.glossary import GlossaryError
    from mtqa.profiles import UnknownLanguageError
    from mtqa.romanisation import romanise_uk

    try:
        ctx = Context(lang, glossary)
        ctx.glossary  # noqa: B018
    except (UnknownLanguageError, GlossaryError) as exc:
        raise _fail(str(exc)) from None
    query = romanise_uk(name) if any("\u0400" <= c <= "\u04ff" for c in name) else name
    if query != name:
        typer.echo(f"{name}: national romanisation (2010) {query}")
    key = query.lower()
    found = [
        e
        for e in ctx.glossary.entries
        if key in {e.preferred.lower(), *(v.lower() for v in e.reject), *(v.lower() for v in e.accept)}
    ]
    for e in found:
        role = (
            "preferred" if e.preferred.lower() == key else "rejected" if key in map(str.lower, e.reject) else "accepted"
        )
        typer.echo(f"{query}: {role} — {e.preferred} ({e.type}, {e.lang}) {e.source}")
        if e.reject:
            typer.echo(f"  rejected: {', '.join(e.reject[:20])}{' …' if len(e.reject) > 20 else ''}")
        if e.accept:
            typer.echo(f"  accepted: {', '.join(e.accept)}")
        if e.context:
            typer.echo(f"  only near: {', '.join(e.context)}")
        if e.note:
            typer.echo(f"  note: {e.note}")
    if not found:
        match = ctx.toponyms.match(query)
        if match is None:
            typer.echo(f"{query}: not in the glossaries, and no known transliteration of a glossary place")
            raise typer.Exit(EXIT_FINDINGS)
        entry, system = match
        typer.echo(f"{query}: not in the glossaries; reads as a {system} spelling of {entry.preferred} ({entry.note})")


@glossary_app.command("export")
def glossary_export(
    tbx: Annotated[bool, typer.Option("--tbx", help="Write TBX (TermBase eXchange), the only export format.")] = False,
    glossary: Annotated[list[Path] | None, typer.Option("--glossary", help="Glossaries to export.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
) -> None:
    """Export glossaries as TBX for translation tools (``--tbx``)."""
    if not tbx:
        raise _fail("choose an export format: --tbx")
    from mtqa.glossary import GlossaryError, glossary_files, load_glossary
    from mtqa.tbx import export_tbx

    try:
        entries = [e for path in glossary_files(glossary) for e in load_glossary(path)]
    except GlossaryError as exc:
        raise _fail(str(exc)) from None
    _write_output(export_tbx(entries), output)


@glossary_app.command("import")
def glossary_import(
    source: Annotated[Path, typer.Argument(help="A TBX file.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="The TSV glossary to write.")] = None,
) -> None:
    """Convert a TBX file into an mtqa glossary (TSV)."""
    from mtqa.glossary import GlossaryError, glossary_rows
    from mtqa.tbx import import_tbx

    try:
        entries = import_tbx(source.read_bytes(), str(source))
    except OSError as exc:
        raise _fail(f"{source}: cannot read: {exc.strerror or exc}") from None
    except GlossaryError as exc:
        raise _fail(str(exc)) from None
    _write_output(glossary_rows(entries), output)


def _is_input(output: Path, paths: list[str]) -> bool:
    """True when the report file would be one of the files linted."""
    from mtqa.readers import TEXT_SUFFIXES

    target = output.resolve()
    for raw in paths:
        path = Path(raw).resolve()
        if path == target:
            return True
        if path.is_dir() and path in target.parents and target.suffix.lower() in TEXT_SUFFIXES:
            return True
    return False


def _write_output(text: str, output: Path | None, replace: bool = False) -> None:
    """Print ``text`` or write it to a file atomically (an existing one only when ``replace``)."""
    if output is None:
        sys.stdout.write(text)
        return
    if output.exists() and not replace:
        raise _fail(f"{output}: already exists; choose another name or remove it first")
    import os
    import tempfile

    try:
        handle, temp = tempfile.mkstemp(dir=output.parent or Path("."), prefix=f".{output.name}.", suffix=".tmp")
    except OSError as exc:
        raise _fail(f"{output}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temp, output)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise _fail(f"{output}: cannot write: {exc.strerror or exc}") from None
    typer.echo(f"wrote {output}", err=True)


def _scorer(spec: str | None, device: str, lang: str) -> Any:
    """The candidate-fix scorer named by --lm (or the config), or None; a model that fails to load is a usage error."""
    if not spec:
        return None
    from mtqa.scoring import load_scorer

    try:
        return load_scorer(spec, device, lang)
    except Exception as exc:  # LMError, or the backend's own error for a bad device
        raise _fail(f"--lm {spec}: {exc}") from None


def _rerank(result: Any, scorer: Any) -> Any:
    from mtqa.scoring import rerank_result

    return rerank_result(result, scorer)


class EvalFormat(StrEnum):
    """Formats of ``mtqa eval``."""

    text = "text"
    json = "json"


@app.command("eval")
def eval_command(
    paths: Annotated[list[str], typer.Argument(help="Annotated stories: files or folders (folders: *.txt).")],
    annotations: Annotated[
        list[Path] | None,
        typer.Option("--annotations", help="Annotation files or folders (default: those in the folders given)."),
    ] = None,
    refs: Annotated[
        Path | None,
        typer.Option("--refs", help="Folder of post-edited references <story>.ref.txt (default: beside each story)."),
    ] = None,
    output_format: Annotated[EvalFormat, typer.Option("--format", "-f", help="Output format.")] = EvalFormat.text,
    show: Annotated[bool, typer.Option("--show", help="List the misses, false alarms and wrong fixes.")] = False,
    html: Annotated[Path | None, typer.Option("--html", help="Also write a one-page HTML report here.")] = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    lang: LangOption = None,
    glossary: GlossaryOption = None,
    config: ConfigOption = None,
    lm: LMOption = None,
    lm_device: LMDeviceOption = "cpu",
) -> None:
    """Score mtqa against gold annotations: precision, recall, F1, fix accuracy, quality, BLEU/chrF++/TER.

    Exit 0 when the evaluation ran, 2 for a bad annotation file or an unreadable story.
    """
    from mtqa.annotations import AnnotationError
    from mtqa.evaluation import run_eval
    from mtqa.reporters.eval_html import render_html
    from mtqa.reporters.eval_text import render_json, render_text

    rules, ctx, settings = _setup(config, select, ignore, lang, glossary)
    scorer = _scorer(lm or settings.lm_model, lm_device, ctx.lang)
    try:
        report, errors = run_eval(paths, rules, ctx, settings, annotations, refs, scorer)
    except AnnotationError as exc:
        raise _fail(str(exc)) from None
    for error in errors:
        typer.echo(f"mtqa: error: {error}", err=True)
    sys.stdout.write(render_json(report) if output_format is EvalFormat.json else render_text(report, show))
    if html is not None:
        _write_output(render_html(report), html, replace=True)
    raise typer.Exit(EXIT_ERROR if errors else EXIT_CLEAN)
