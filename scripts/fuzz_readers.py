"""Fuzz the readers: arbitrary bytes → a reader → ``lint_document`` on each Document → check invariants.

Usage::

    python scripts/fuzz_readers.py READER [atheris/libFuzzer options] [CORPUS_DIR ...]
    python scripts/fuzz_readers.py txt -max_total_time=600 /tmp/fuzz/corpus/txt

READER is one of txt, html, markdown, xliff, tmx, po, jsonl, rss. The bytes are written to a file with
the reader's suffix and read exactly as ``mtqa lint`` reads it (``mtqa.filetypes.read_documents``: encoding
sniffing, feeds, source maps); each Document is linted with every rule, and the safe and unsafe fixes of
one pass are applied. The invariants: no exception but ``InputError`` (a bad input's one-line message);
every finding's offsets slice the result's text and its line and column agree with them; every fix's
edits lie inside the text. A seed corpus of small valid files is written to the first corpus directory
when it is empty.

The fuzzer is ``atheris`` (``pip install atheris``); without it, a ``hypothesis``-driven loop of random
and mutated inputs runs instead, for ``-max_total_time`` seconds (default 60).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

SUFFIX = {
    "txt": ".txt",
    "html": ".html",
    "markdown": ".md",
    "xliff": ".xlf",
    "tmx": ".tmx",
    "po": ".po",
    "jsonl": ".jsonl",
    "rss": ".rss",
}

SEEDS: dict[str, list[bytes]] = {
    "txt": [
        b"The minister arrived in kyiv on Tuesday , said the agency.\n\nSome 27 000 people left.\n",
        "« Nous sommes prêts », a-t-il dit.\r\nselon le ministre\r\n".encode(),
        "\ufeffUTF-8 with a BOM and emoji \U0001f600\u200d\U0001f680 and RTL \u05e9\u05dc\u05d5\u05dd\n".encode(),
        "\ufeffUTF-16 text in kyiv\n".encode("utf-16"),
    ],
    "html": [
        b'<!doctype html><html><head><meta charset="utf-8"><title>kyiv news</title></head>'
        b"<body><h1>the headline</h1><p>The minister said , in kyiv , that 27 000 people left.</p>"
        b"<script>var x = 1;</script><p>Second &amp; last <b>bold</b> paragraph.</p></body></html>",
        b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Caf\xe9 in kyiv</p>',
    ],
    "markdown": [
        b"# the headline\n\nThe minister said , in kyiv , that 27 000 people left.\n\n"
        b"- a list item\n- [a link](http://example.com) in kyiv\n\n```\ncode kyiv\n```\n\n> quoted text\n",
        b"Title\n=====\n\n| a | b |\n|---|---|\n| kyiv | 27 000 |\n\n<div>raw html</div>\n",
    ],
    "xliff": [
        b'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        b'<file source-language="fr" target-language="en" datatype="plaintext" original="a.txt"><body>'
        b'<trans-unit id="1"><source>Le ministre est arriv\xc3\xa9 \xc3\xa0 Kiev.</source>'
        b"<target>The minister arrived in kyiv .</target></trans-unit>"
        b'<trans-unit id="2"><source>27 000 personnes</source><target>27 000 people <g id="1">left</g></target>'
        b"</trans-unit></body></file></xliff>\n",
        b'<?xml version="1.0"?><xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="fr" '
        b'trgLang="en"><file id="f1"><unit id="u1"><segment><source>selon le ministre</source>'
        b"<target>according to the minister , in kyiv</target></segment></unit></file></xliff>",
    ],
    "tmx": [
        b'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="fr" adminlang="en" '
        b'segtype="sentence" datatype="plaintext" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>'
        b'<tu tuid="1"><tuv xml:lang="fr"><seg>Le ministre \xc3\xa0 Kiev</seg></tuv>'
        b'<tuv xml:lang="en"><seg>The minister in kyiv &amp; 27 000 people</seg></tuv></tu></body></tmx>\n',
    ],
    "po": [
        b'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        b'#: story.c:1\nmsgid "Le ministre \xc3\xa0 Kiev"\nmsgstr "The minister in kyiv ."\n\n'
        b'msgid "27 000 personnes"\nmsgstr ""\n"27 000 people\\n"\n"left"\n\n'
        b'#, fuzzy\nmsgid "one"\nmsgid_plural "many"\nmsgstr[0] "one kyiv"\nmsgstr[1] "many kyiv"\n',
    ],
    "jsonl": [
        b'{"id": "a1", "title": "the headline", "body": "The minister said , in kyiv , that 27 000 left."}\n'
        b'{"id": 2, "body": "Second story.", "language": "fr-FR"}\n{"broken": \n[1, 2]\n',
    ],
    "rss": [
        b'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        b"<channel><title>t</title><item><guid>g1</guid><title>the headline in kyiv</title>"
        b"<description>&lt;p&gt;The minister said , in kyiv .&lt;/p&gt;</description></item>"
        b"<item><link>http://x/2</link><content:encoded><![CDATA[<p>27 000 people</p>]]></content:encoded>"
        b"</item></channel></rss>",
        b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>e1</id>'
        b'<title type="html">the &lt;b&gt;headline&lt;/b&gt;</title><content type="xhtml">'
        b'<div xmlns="http://www.w3.org/1999/xhtml"><p>kyiv news</p></div></content></entry></feed>',
        b'<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><language>fr-FR</language>'
        b"<item><guid>1</guid><description>Il a dit: oui, 27 000 fois.</description></item><item><guid>2</guid>"
        b"<description>Troops left kyiv .</description><dc:language>frzFR_$</dc:language></item></channel></rss>",
        b'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de-AT"><entry xml:lang="-"><id>1</id>'
        b'<content xml:lang="fr">Il a dit: oui.</content></entry><entry><id>2</id><summary>kyiv</summary></entry>'
        b"</feed>",
    ],
}


class Target:
    """One reader's fuzz target: write the bytes to a file with its suffix, read, lint and check."""

    def __init__(self, reader: str) -> None:
        """Load the rules and the lint context once."""
        from mtqa.context import Context
        from mtqa.rules import REGISTRY

        self.reader = reader
        self.rules = list(REGISTRY)
        self.ctx = Context("en")
        base = "/dev/shm" if os.path.isdir("/dev/shm") else None
        self.folder = tempfile.mkdtemp(prefix=f"mtqa-fuzz-{reader}-", dir=base)
        self.path = os.path.join(self.folder, "story" + SUFFIX[reader])

    def __call__(self, data: bytes) -> None:
        """Run one input; any exception but InputError (and any broken invariant) propagates."""
        from mtqa.engine import lint_document
        from mtqa.filetypes import read_documents
        from mtqa.findings import apply_edits
        from mtqa.fixer import choose_edits
        from mtqa.readers import FeedFields, InputError

        with open(self.path, "wb") as handle:
            handle.write(data)
        try:
            docs = list(read_documents(self.path, "en", FeedFields()))
        except InputError as exc:
            check_message(exc)
            return
        for doc in docs:
            if isinstance(doc, InputError):
                check_message(doc)
                continue
            result = lint_document(doc, self.rules, self.ctx)
            check_result(result)
            edits, _ = choose_edits((item.finding for item in result.findings), unsafe=True)
            for edit in edits:
                assert 0 <= edit.start <= edit.end <= len(result.text), (edit, len(result.text))
            apply_edits(result.text, edits)


def check_message(exc: Exception) -> None:
    """An InputError's message is one line."""
    assert "\n" not in str(exc) and "Traceback" not in str(exc), repr(str(exc))


def check_result(result: object) -> None:
    """Every finding's offsets slice the text; its line and column agree with them."""
    from mtqa.engine import DocumentResult

    assert isinstance(result, DocumentResult)
    text = result.text
    for item in result.findings:
        f = item.finding
        assert 0 <= f.start <= f.end <= len(text), (f.code, f.start, f.end, len(text))
        assert (item.line, item.column) == position(text, f.start), (f.code, f.start, item)
        assert (item.end_line, item.end_column) == position(text, f.end), (f.code, f.end, item)
        if f.fix is not None:
            for edit in f.fix.edits:
                assert 0 <= edit.start <= edit.end <= len(text), (f.code, edit, len(text))


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset`` (lines end at LF, CR LF or a lone CR), computed naively."""
    before = text[:offset].replace("\r\n", "\n").replace("\r", "\n")
    line = before.count("\n") + 1
    start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    return line, offset - start + 1


def write_seeds(reader: str, folder: Path) -> None:
    """Fill an empty corpus folder with the reader's seeds."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        return
    for number, seed in enumerate(SEEDS[reader]):
        (folder / f"seed{number}{SUFFIX[reader]}").write_bytes(seed)


def fallback(target: Target, reader: str, seconds: float) -> None:
    """Without atheris: random and mutated inputs from hypothesis for ``seconds``."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    seeds = SEEDS[reader]
    deadline = time.monotonic() + seconds
    runs = 0

    @st.composite
    def inputs(draw: st.DrawFn) -> bytes:
        seed = bytearray(draw(st.sampled_from(seeds)))
        for _ in range(draw(st.integers(0, 8))):
            at = draw(st.integers(0, len(seed)))
            chunk = draw(st.binary(max_size=16) | st.text(max_size=8).map(str.encode))
            if draw(st.booleans()):
                seed[at:at] = chunk
            else:
                del seed[at : at + draw(st.integers(0, 32))]
        return bytes(seed)

    @settings(max_examples=10**9, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(inputs() | st.binary(max_size=2048))
    def run(data: bytes) -> None:
        nonlocal runs
        if time.monotonic() > deadline:
            return
        runs += 1
        target(data)

    while time.monotonic() < deadline:
        run()
    print(f"fallback fuzz of {reader}: {runs} runs in {seconds:.0f} s, no crash", flush=True)


def main(argv: list[str]) -> None:
    """Pick the reader, write the seeds, and run atheris (or the fallback)."""
    if len(argv) < 2 or argv[1] not in SUFFIX:
        sys.exit(f"usage: {argv[0]} {{{','.join(SUFFIX)}}} [libFuzzer options] [CORPUS_DIR ...]")
    reader = argv[1]
    rest = argv[2:]
    corpora = [arg for arg in rest if not arg.startswith("-")]
    for corpus in corpora[:1]:
        if not Path(corpus).is_file():  # a file: an input to run once (a crash to reproduce)
            write_seeds(reader, Path(corpus))
    try:
        import atheris
    except ImportError:
        seconds = next((float(a.split("=", 1)[1]) for a in rest if a.startswith("-max_total_time=")), 60.0)
        fallback(Target(reader), reader, seconds)
        return
    with atheris.instrument_imports():
        import mtqa.bilingual.po
        import mtqa.bilingual.tmx
        import mtqa.bilingual.xliff
        import mtqa.bilingual.xmlscan
        import mtqa.feeds
        import mtqa.filetypes
        import mtqa.html_text
        import mtqa.markdown_text
        import mtqa.readers
        import mtqa.sourcemap  # noqa: F401
    target = Target(reader)
    atheris.Setup([argv[0], *rest], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
