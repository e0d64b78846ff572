"""Inputs found by fuzzing (``scripts/fuzz_readers.py``) and by the property tests, kept as regressions.

Each goes through the fuzz target itself (bytes → reader → lint → invariants), so a regression fails here
exactly as it failed under the fuzzer.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from mtqa.context import Context
from mtqa.document import Document
from mtqa.fixer import MAX_PASSES, fix_text
from mtqa.rules import REGISTRY
from tests.conftest import ROOT


def _fuzz_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_readers", ROOT / "scripts" / "fuzz_readers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_readers"] = module
    spec.loader.exec_module(module)
    return module


FUZZ = _fuzz_module()


@pytest.fixture(scope="module")
def targets() -> dict[str, object]:
    return {reader: FUZZ.Target(reader) for reader in FUZZ.SUFFIX}


@pytest.mark.parametrize("reader", sorted(FUZZ.SUFFIX))
def test_fuzz_target_runs_the_seeds(targets: dict[str, object], reader: str, tmp_path: Path) -> None:
    for seed in FUZZ.SEEDS[reader]:
        targets[reader](seed)  # type: ignore[operator]
    FUZZ.write_seeds(reader, tmp_path / reader)
    assert len(list((tmp_path / reader).iterdir())) == len(FUZZ.SEEDS[reader])


# (reader, input) pairs the fuzzers found; each once raised something other than InputError
CRASHES: list[tuple[str, bytes]] = [
    ("po", b'msgid "a"\nmsgstr "b\\8c"\n'),  # ValueError: invalid literal for int() with base 8: '8'
    ("po", b'msgid "a"\nmsgstr "b\\9"\n'),  # the same, base 8: '9'
    ("po", b'msgid "a"\nmsgstr "b\\x"\n'),  # ValueError: invalid literal for int() with base 16: ''
    ("po", b'msgid "/\\8Th" e mi.c:'),  # as the fuzzer found it (it is malformed as well)
    ("po", b'msgid ""\nmsgstr "xt/plain; charset=UTF-6\\x"\n\n#: st:1\nmsgid "Le"\nmsgstr "Th. min"\n'),
    ("rss", b'<?xml version="1.0" encoding="utf-9"?><rss><channel/></rss>'),  # LookupError from expat
    ("jsonl", b'{"id": 1, "body": " story.", "language": "frzFR"}\n'),  # UnknownLanguageError in langspans
    ("jsonl", b'{"id": 1, "body": "Le gouvernement dans la ville selon les sources.", "lang": "pl"}\n'),
    ("rss", b'<?xml version="1.0" encoding="shift_jis"?><rss><channel/></rss>'),  # ValueError: multi-byte
    ("rss", b'<?xml version="1.0" encoding="utxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxf-8"?><rss/>'),
    # OSError: File name too long (a language tag became a data-directory name)
    (
        "tmx",
        b'<tmx><header srclang="fr' + b" s * nistereatc" * 40 + b'"/><body><tu><tuv xml:lang="fr"><seg>Le'
        b' ministre</seg></tuv><tuv xml:lang="en"><seg>The minister</seg></tuv></tu></body></tmx>',
    ),
    (
        "tmx",
        b'<tmx><header srclang="../../x"/><body><tu><tuv xml:lang="../en"><seg>a</seg></tuv>'
        b'<tuv xml:lang="en/../../fr"><seg>b</seg></tuv></tu></body></tmx>',
    ),
    (
        "xliff",
        b'<xliff version="1.2"><file source-language="' + b"f" * 300 + b'" target-language="e/n">'
        b'<body><trans-unit id="1"><source>Le ministre</source><target>The minister</target></trans-unit>'
        b"</body></file></xliff>",
    ),
    ("po", b'msgid ""\nmsgstr "Language: ' + b"x" * 300 + b'\\n"\n\nmsgid "a"\nmsgstr "b"\n'),
    ("jsonl", b'{"id": 1, "body": "Troops left kyiv.", "language": "' + b"q" * 300 + b'"}\n'),
]


@pytest.mark.parametrize(("reader", "data"), CRASHES or [pytest.param("txt", b"", id="none-yet")])
def test_fuzz_crash_regressions(targets: dict[str, object], reader: str, data: bytes) -> None:
    targets[reader](data)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        ("fr-FR", "fr"),
        ("fr_FR", "fr"),
        (" EN ", "en"),
        ("*all*", ""),
        ("", ""),
        (None, ""),
        ("../en", ""),
        ("fr s * x", ""),
        ("x" * 300, ""),
        ("français", ""),
        ("f", ""),
    ],
)
def test_language_code_accepts_only_language_subtags(tag: str | None, code: str) -> None:
    """A declared language becomes a data-directory name: anything but 2–8 ASCII letters is no language."""
    from mtqa.profiles import language_code

    assert language_code(tag) == code


def test_po_escapes_read_as_gettext_reads_them(ctx: Context, tmp_path: Path) -> None:
    from mtqa.filetypes import read_documents

    story = tmp_path / "story.po"
    story.write_bytes(b'msgid "a"\nmsgstr "x\\8 \\x \\xd800 \\101\\x42"\n')
    (doc,) = read_documents(str(story), "en")
    assert not isinstance(doc, Exception)
    assert doc.text == "x8 x \ufffd AB"  # unknown escapes are the letter; no lone surrogate gets into the text


def test_feed_in_a_multibyte_encoding_is_read(tmp_path: Path) -> None:
    """expat reads no multi-byte encoding: the feed is decoded first, as its declaration says."""
    from mtqa.feeds import parse_xml
    from mtqa.filetypes import read_documents
    from mtqa.readers import InputError

    feed = tmp_path / "feed.rss"
    xml = '<?xml version="1.0" encoding="shift_jis"?><rss><channel><item><guid>1</guid><title>東京のニュース</title>'
    feed.write_bytes((xml + "<description>kyiv</description></item></channel></rss>").encode("shift_jis"))
    (doc,) = read_documents(str(feed), "en")
    assert not isinstance(doc, Exception) and doc.text == "東京のニュース\n\nkyiv"
    with pytest.raises(InputError, match="declares an encoding the XML parser cannot read"):
        parse_xml(feed.read_bytes(), str(feed))  # bytes straight to expat: a one-line error, not a ValueError
    feed.write_bytes(b'<?xml version="1.0" encoding="utf-9"?><rss/>')
    with pytest.raises(InputError, match="declares an unknown encoding 'utf-9'"):
        list(read_documents(str(feed), "en"))


@pytest.mark.parametrize("suffix", [".xlf", ".tmx", ".rss", ".html"])
@pytest.mark.parametrize("label", ["Uu", "base64", "rot13", "zip", "undefined"])
def test_a_declared_codec_that_is_no_text_encoding_is_refused_in_one_line(
    tmp_path: Path, suffix: str, label: str
) -> None:
    """Found by fuzzing (xliff, tmx): ``<?xml encoding="Uu"?>`` named a bytes-to-bytes codec; decoding raised."""
    from mtqa.filetypes import read_documents
    from mtqa.readers import InputError

    path = tmp_path / f"story{suffix}"
    path.write_bytes(f'<?xml encoding="{label}"?>\x8bd'.encode("latin-1"))
    with pytest.raises(InputError, match=f"declares '{label}', which is not a text encoding"):
        list(read_documents(str(path), "en"))


@pytest.mark.parametrize("label", ["unicode_escape", "raw-unicode-escape", "idna", "punycode", "utf-7"])
def test_a_declared_codec_that_rewrites_the_text_is_refused_in_one_line(tmp_path: Path, label: str) -> None:
    """These decode escapes or labels into other characters: offsets and write-back would not hold."""
    from mtqa.filetypes import read_documents
    from mtqa.readers import InputError

    path = tmp_path / "story.html"
    path.write_bytes(f'<meta charset="{label}"><p>kyiv \\n said</p>'.encode("ascii"))
    with pytest.raises(InputError, match="which rewrites the text it decodes"):
        list(read_documents(str(path), "en"))


def test_feed_item_in_a_language_without_a_profile_is_checked_as_the_run_language(tmp_path: Path) -> None:
    from mtqa.engine import DocumentResult, lint_paths

    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a", "body": "Troops left kyiv.", "language": "pl-PL"}\n', encoding="utf-8")
    (result,) = lint_paths([str(feed)], REGISTRY.select(), Context("en"))
    assert isinstance(result, DocumentResult), str(result)
    assert [item.finding.code for item in result.findings] == ["CAS001"]


def test_a_fix_that_changes_nothing_does_not_loop(ctx: Context) -> None:
    """``ª`` is lowercase with no capital: CAS002's “fix” rewrote it as itself, and the fixer ran 10 passes."""
    result = fix_text(Document("<fuzz>", "ª is the headline", "en"), REGISTRY.select(), ctx)
    assert (result.text, result.fixed, result.passes) == ("ª is the headline", 0, 0)
    assert result.passes < MAX_PASSES


def test_lowercase_start_without_a_capital_has_no_fix(ctx: Context) -> None:
    from tests.conftest import lint_text

    findings = [item.finding for item in lint_text("ª is the headline", ctx).findings]
    assert all(f.fix is None or f.fix.edits[0].replacement != "ª" for f in findings), findings
