"""Bad input: every unreadable file is one line naming it and the problem, exit 2, and the rest still linted.

Each test makes its own inputs. The command line runs in a subprocess where memory and exit codes matter
(``run_mtqa`` reports the child's peak RSS), in process (``CliRunner``) elsewhere. Times are measured by
hand and by the benchmark scripts, never asserted.
"""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa import engine
from mtqa.cli import app
from mtqa.context import Context
from mtqa.engine import DEBUG_ENV, DocumentResult, lint_paths
from mtqa.readers import InputError
from mtqa.rules import REGISTRY

runner = CliRunner()
GOOD = "The minister arrived in kyiv on Tuesday.\n"  # one CAS001 finding

# Runs the command line and prints the process's peak RSS (KiB) as the last line of stderr.
RSS_WRAPPER = """
import resource, sys
from mtqa.cli import app
try:
    app(sys.argv[1:])
finally:
    print("maxrss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def run_mtqa(*args: str, cwd: Path | None = None, timeout: float = 600) -> tuple[int, str, str, int]:
    """Run ``mtqa ARGS`` in a subprocess: exit code, stdout, stderr (without the RSS line), peak RSS in MiB.

    The timeout only stops a hung run; times are measured by the benchmark scripts, never asserted here.
    """
    env = {k: v for k, v in os.environ.items() if k != DEBUG_ENV}
    proc = subprocess.run(
        [sys.executable, "-c", RSS_WRAPPER, *args], capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env
    )
    lines = proc.stderr.splitlines()
    assert lines and lines[-1].startswith("maxrss "), proc.stderr
    rss = int(lines[-1].split()[1]) // 1024
    return proc.returncode, proc.stdout, "\n".join(lines[:-1]), rss


def error_lines(stderr: str) -> dict[str, str]:
    """``mtqa: error: PATH: PROBLEM`` lines by path."""
    found = {}
    for line in stderr.splitlines():
        if line.startswith("mtqa: error: "):
            path, _, problem = line.removeprefix("mtqa: error: ").partition(": ")
            found[path] = problem
    return found


XLIFF_BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + ']>\n<xliff version="1.2"><file source-language="fr" target-language="en"><body>'
    '<trans-unit id="1"><source>a</source><target>&lol9;</target></trans-unit></body></file></xliff>\n'
)
XXE_RSS = (
    '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    "<rss><channel><item><title>&xxe;</title><description>x</description></item></channel></rss>"
)
XXE_TMX = (
    '<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "http://example.invalid/tmx.dtd"><tmx version="1.4">'
    '<header srclang="fr"/><body><tu><tuv xml:lang="en"><seg>They met in kyiv &ext;</seg></tuv></tu></body></tmx>'
)


@pytest.fixture(scope="module")
def bad_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of good and bad inputs of every kind."""
    root = tmp_path_factory.mktemp("bad")
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (root / "invalid.txt").write_bytes(b"The minister \xc3\x28 left.\nline two \xff\n")
    (root / "latin1.txt").write_bytes("Le café de kyiv.\n".encode("latin-1"))
    (root / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"))
    (root / "utf16be.txt").write_bytes(codecs.BOM_UTF16_BE + GOOD.encode("utf-16-be"))
    (root / "utf16-odd.txt").write_bytes(codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le") + b"\x00")
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_text("  \n\t\r\n \n", encoding="utf-8")
    (root / "loop-a.txt").symlink_to(root / "loop-b.txt")
    (root / "loop-b.txt").symlink_to(root / "loop-a.txt")
    (root / "dangling.txt").symlink_to(root / "nowhere.txt")
    os.mkfifo(root / "fifo.txt")
    (root / "nested.html").write_text(
        "<html><body>" + "<div>" * 50_000 + "<p>Deep in kyiv.</p>" + "</div>" * 50_000 + "</body></html>",
        encoding="utf-8",
    )
    (root / "unclosed.html").write_text("<p>" * 50_000 + "Unclosed in kyiv " * 10, encoding="utf-8")
    (root / "huge.html").write_text(
        "<html><body>" + "<p>The minister said that people left on <b>Tuesday</b>.</p>\n" * 100_000 + "</body></html>",
        encoding="utf-8",
    )
    (root / "bomb.xlf").write_text(XLIFF_BOMB, encoding="utf-8")
    (root / "xxe.rss").write_text(XXE_RSS, encoding="utf-8")
    (root / "external.tmx").write_text(XXE_TMX, encoding="utf-8")
    (root / "truncated.xlf").write_text(
        '<?xml version="1.0"?><xliff version="1.2"><file><body><trans-unit id="1"><source>a</source><target>b',
        encoding="utf-8",
    )
    (root / "mismatched.tmx").write_text(
        '<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>a</tuv></seg></tu></body></tmx>', encoding="utf-8"
    )
    (root / "broken.po").write_text('msgid "a"\nmsgstr "unterminated\n', encoding="utf-8")
    (root / "garbage.po").write_text("this is not a PO file at all\n", encoding="utf-8")
    (root / "unknown-charset.xlf").write_text('<?xml version="1.0" encoding="x-nonsense-9"?><xliff/>', encoding="utf-8")
    (root / "feed.jsonl").write_text('{"id": "a", "body": "ok in kyiv."}\n{broken\n[1]\n', encoding="utf-8")
    return root


EXPECTED = {  # file → the problem reported (a prefix of it)
    "binary.txt": "binary file (contains NUL bytes), not text",
    "invalid.txt": "invalid UTF-8 at byte 13 (line 1); convert the file to UTF-8",
    "latin1.txt": "invalid UTF-8 at byte 6 (line 1); convert the file to UTF-8",
    "utf16-odd.txt": "invalid UTF-16 at byte",
    "loop-a.txt": "cannot read: Too many levels of symbolic links",
    "loop-b.txt": "cannot read: Too many levels of symbolic links",
    "dangling.txt": "no such file or directory",
    "fifo.txt": "not a regular file (a FIFO)",
    "bomb.xlf": "unsafe XML: it declares the entity 'lol'",
    "xxe.rss": "unsafe XML: it declares the entity 'xxe'",
    "truncated.xlf": "malformed XML: no element found",
    "mismatched.tmx": "malformed XML: mismatched tag",
    "broken.po": "malformed PO: unterminated string",
    "unknown-charset.xlf": "declares an unknown encoding 'x-nonsense-9'",
}


def test_every_bad_file_is_one_line_and_the_rest_is_linted(bad_tree: Path) -> None:
    files = sorted(p.name for p in bad_tree.iterdir() if p.suffix != ".txt")
    code, out, err, rss = run_mtqa("lint", str(bad_tree), *(str(bad_tree / f) for f in files), "-q", "--jobs", "1")
    assert code == 2
    assert "Traceback" not in err and "Traceback" not in out
    errors = error_lines(err)
    for name, problem in EXPECTED.items():
        assert errors.get(str(bad_tree / name), "").startswith(problem), (name, errors.get(str(bad_tree / name)))
    for line in err.splitlines():
        assert line.startswith("mtqa: "), line  # one line each, nothing else
    # feed items: the broken lines are errors, the good item is linted
    assert errors[f"{bad_tree / 'feed.jsonl'}:2"].startswith("invalid JSON")
    assert errors[f"{bad_tree / 'feed.jsonl'}#3"] == "an item must be a JSON object"
    # every readable file is still linted: good, UTF-16 with a BOM (both orders), HTML nested or unclosed or huge
    # an external DTD is never fetched; its undeclared entity is skipped, the rest of the file is linted
    for name in (
        "good.txt",
        "utf16.txt",
        "utf16be.txt",
        "nested.html",
        "unclosed.html",
        "feed.jsonl#a",
        "external.tmx",
    ):
        assert f"{bad_tree / name}:" in out, name
    assert f"mtqa: warning: {bad_tree / 'empty.txt'}: empty file, nothing to check" in err
    assert f"mtqa: warning: {bad_tree / 'blank.txt'}: empty file, nothing to check" in err
    assert "garbage.po" not in errors or errors[str(bad_tree / "garbage.po")].startswith("malformed PO")
    assert rss < 1500, rss


def test_utf16_file_findings_and_fix_keep_the_encoding(tmp_path: Path) -> None:
    story = tmp_path / "utf16.txt"
    story.write_bytes(codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"))
    result = runner.invoke(app, ["fix", str(story)])
    assert result.exit_code == 0, result.output
    data = story.read_bytes()
    assert data.startswith(codecs.BOM_UTF16_LE) and "Kyiv" in data[2:].decode("utf-16-le")


def test_thirty_megabyte_single_line_in_bounded_memory(tmp_path: Path) -> None:
    big = tmp_path / "one-line.txt"
    sentence = "The minister said that the people of the city left on Tuesday. "
    text = (sentence * (30_000_000 // len(sentence) + 1))[:30_000_000]
    big.write_text(text[:15_000_000] + " they met in kyiv " + text[15_000_018:], encoding="utf-8")
    code, out, err, rss = run_mtqa("lint", str(big), "--format", "concise", "-q")
    assert code == 1, err
    assert out.count("CAS001") == 1 and f"{big}:1:15000014: CAS001" in out
    assert rss < 2000, rss


def test_file_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mtqa import readers

    big = tmp_path / "big.txt"
    big.write_text("x" * 2000, encoding="utf-8")
    with pytest.raises(InputError, match=r"big.txt: file too large \(0.0 MB > 0 MB limit\)"):
        readers.read_document(str(big), "en", max_bytes=1000)


def test_many_tiny_files(tmp_path: Path) -> None:
    """2,000 tiny files here (100,000 were run by hand: 160 s, 190 MB with --jobs 1 on 2026-12-05)."""
    for folder in range(20):
        sub = tmp_path / f"d{folder:02d}"
        sub.mkdir()
        for number in range(100):
            (sub / f"s{number:03d}.txt").write_text(GOOD, encoding="utf-8")
    code, out, err, rss = run_mtqa("lint", str(tmp_path), "--statistics", "--jobs", "1")
    assert code == 1, err
    assert out.split() == ["2000", "CAS001", "lowercase-proper-noun"]
    assert rss < 800, rss


def _results(paths: list[str], ctx: Context) -> list[DocumentResult | InputError]:
    return list(lint_paths(paths, REGISTRY.select(["CAS001"]), ctx))


def test_file_deleted_between_discovery_and_read(tmp_path: Path, ctx: Context) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    results = []
    for result in lint_paths([str(tmp_path)], REGISTRY.select(["CAS001"]), ctx):
        results.append(result)
        if len(results) == 1:  # discovery listed the folder already; b.txt goes before it is read
            (tmp_path / "b.txt").unlink()
    assert [type(r).__name__ for r in results] == ["DocumentResult", "InputError", "DocumentResult"]
    assert str(results[1]) == f"{tmp_path / 'b.txt'}: no such file or directory"


def test_file_that_becomes_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads a chmod 000 file: the refusal is simulated by ``open``, as a non-root user would meet it."""
    for name in ("a.txt", "locked.txt", "z.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    real_open = open

    def guarded(file: object, *args: object, **kwargs: object) -> object:
        if str(file).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", guarded)
    result = runner.invoke(app, ["lint", str(tmp_path), "--format", "concise", "--jobs", "1", "-q"])
    assert result.exit_code == 2
    assert f"mtqa: error: {tmp_path / 'locked.txt'}: cannot read: Permission denied" in result.output
    assert f"{tmp_path / 'a.txt'}:1:" in result.output and f"{tmp_path / 'z.txt'}:1:" in result.output


def test_glossary_with_broken_rows(tmp_path: Path) -> None:
    glossary = tmp_path / "broken.tsv"
    header = "preferred\treject\taccept\ttype\tlang\tcase\tcontext\tnote\n"
    glossary.write_text(header + "Kyiv\tKiev\t\tplace\ten\tsensitive\t\t\nBroken\n", encoding="utf-8")
    story = tmp_path / "s.txt"
    story.write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["lint", str(story), "--glossary", str(glossary)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1].startswith(f"mtqa: error: {glossary}:3: ")
    glossary.write_text("no\theader\there\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", str(story), "--glossary", str(glossary)])
    assert result.exit_code == 2 and f"mtqa: error: {glossary}:1: missing columns" in result.output


@pytest.mark.parametrize(
    ("name", "text"),
    [("mtqa.toml", 'fail-on = "warning"\nfrobnicate = true\n'), ("pyproject.toml", "[tool.mtqa]\nunknown_key = 1\n")],
)
def test_config_with_unknown_keys(tmp_path: Path, name: str, text: str) -> None:
    config = tmp_path / name
    config.write_text(text, encoding="utf-8")
    story = tmp_path / "s.txt"
    story.write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["lint", str(story), "--config", str(config)])
    assert result.exit_code == 2
    assert result.output.startswith(f"mtqa: error: {config}: unknown key ") and result.output.count("\n") == 1


def test_config_that_is_not_toml(tmp_path: Path) -> None:
    config = tmp_path / "mtqa.toml"
    config.write_text("this = is = not toml\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", str(tmp_path), "--config", str(config)])
    assert result.exit_code == 2 and result.output.startswith(f"mtqa: error: {config}: cannot read configuration")


def test_decisions_file_with_a_broken_line(tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text(GOOD, encoding="utf-8")
    decisions = tmp_path / "mtqa-decisions.jsonl"
    record = {
        "who": "a", "when": "2024-01-01T00:00:00+00:00", "fingerprint": "x", "decision": "reject", "path": "s.txt",
        "code": "CAS001", "text": "kyiv", "before": "", "after": "",
    }  # fmt: skip
    decisions.write_text(json.dumps(record) + "\n{broken\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", str(story), "--decisions", str(decisions)])
    assert result.exit_code == 2
    assert result.output.startswith(f"mtqa: error: {decisions}:2: bad decision record (Expecting property name")
    assert result.output.count("\n") == 1
    result = runner.invoke(app, ["lint", str(story)])  # found beside the story
    assert result.exit_code == 2 and f"{decisions}:2: bad decision record" in result.output


def test_internal_error_is_one_line_and_debug_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DEBUG_ENV, raising=False)
    for name in ("a.txt", "boom.txt", "z.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    real = engine.lint_document

    def broken(doc, *args, **kwargs):  # type: ignore[no-untyped-def]
        if doc.path.endswith("boom.txt"):
            raise RuntimeError("a rule broke\nsecond line")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(engine, "lint_document", broken)
    result = runner.invoke(app, ["lint", str(tmp_path), "--format", "concise", "--jobs", "1", "-q"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert (
        f"mtqa: error: {tmp_path / 'boom.txt'}: internal error while linting (RuntimeError: a rule broke); "
        "please report it" in result.output
    )
    assert f"{tmp_path / 'a.txt'}:1:" in result.output and f"{tmp_path / 'z.txt'}:1:" in result.output
    result = runner.invoke(app, ["--debug", "lint", str(tmp_path), "--jobs", "1", "-q"])
    assert isinstance(result.exception, RuntimeError)
    monkeypatch.delenv(DEBUG_ENV)


def test_reader_internal_error_is_reported_per_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DEBUG_ENV, raising=False)
    for name in ("a.txt", "boom.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    real = engine.read_documents

    def broken(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if path.endswith("boom.txt"):
            raise IndexError("reader bug")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(engine, "read_documents", broken)
    results = list(lint_paths([str(tmp_path)], REGISTRY.select(["CAS001"]), Context("en")))
    assert isinstance(results[0], DocumentResult)
    assert (
        str(results[1])
        == f"{tmp_path / 'boom.txt'}: internal error while reading (IndexError: reader bug); please report it"
    )


def test_uncaught_internal_error_at_the_top_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(DEBUG_ENV, raising=False)

    class Broken:
        def __iter__(self):  # type: ignore[no-untyped-def]
            raise KeyError("catalogue")

    monkeypatch.setattr("mtqa.rules.REGISTRY", Broken())
    with pytest.raises(SystemExit) as exit_info:
        app(["rules"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err == "mtqa: internal error: KeyError: 'catalogue' (run with --debug for the traceback; please report it)\n"
    with pytest.raises(KeyError):
        app(["--debug", "rules"])
    monkeypatch.delenv(DEBUG_ENV)
