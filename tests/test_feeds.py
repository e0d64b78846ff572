from __future__ import annotations

import html
import json
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.document import Document
from mtqa.filetypes import read_documents
from mtqa.readers import FeedFields, InputError, read_feed

runner = CliRunner()


def test_jsonl_items_become_documents(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "a1", "title": "is it over?", "body": "Troops left kyiv."}) + "\n"
        "{not json}\n\n"
        + json.dumps({"id": "a3", "headline": "x"})
        + "\n"
        + json.dumps({"title": "", "body": "Clean text."})
        + "\n",
        encoding="utf-8",
    )
    items = list(read_feed(str(feed), "en", FeedFields()))
    assert [str(i) if isinstance(i, InputError) else i.path for i in items] == [
        f"{feed}:2: invalid JSON (Expecting property name enclosed in double quotes at column 2)",
        f"{feed}#a1",
        f"{feed}#a3: no text field 'body' (see --body-field)",
        f"{feed}#5",
    ]
    assert items[1].text == "is it over?\n\nTroops left kyiv."  # type: ignore[union-attr]


def test_lint_a_json_array_feed(tmp_path: Path) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps([{"guid": "g1", "headline": "Kyiv", "text": "The result : a draw."}]), encoding="utf-8")
    args = ["lint", str(feed), "--format", "jsonl", "--id-field", "guid", "--title-field", "headline"]
    result = runner.invoke(app, [*args, "--body-field", "text"])
    record = json.loads(result.output)
    assert (record["path"], record["code"], record["line"], record["column"]) == (f"{feed}#g1", "PUN001", 3, 11)
    result = runner.invoke(app, ["lint", str(feed)])
    assert result.exit_code == 2 and "no text field 'body'" in result.output
    result = runner.invoke(app, ["fix", str(feed)])
    assert result.exit_code == 2 and "not fixed in place" in result.output


# RSS 2.0 and Atom ---------------------------------------------------------------------------------

BODIES = [
    "Troops left kyiv on Monday.\n\nSome 27 000 people fled the city.",
    "The result : a draw.\n\nFans of AT&T said “we are tired”.",
    "Shelling hit Kharkiv.\n\nOfficials in kyiv said the result : unclear.\n\nAbout 2,5 km of road was damaged.",
    "A café in Lviv reopened.\n\nThe mayor said 27 000 people were without power.",
]
TITLES = ["Troops leave kyiv", "A draw in Lviv", "Kharkiv <shelled> again", ""]


def feed_items(count: int) -> list[dict[str, str]]:
    """``count`` stories built from a few templates, each with an id, a title and a body with artifacts."""
    return [
        {"id": f"story-{n}", "title": TITLES[n % len(TITLES)], "body": BODIES[n % len(BODIES)] + f"\n\nStory {n}."}
        for n in range(count)
    ]


def body_html(body: str) -> str:
    return "".join(f"<p>{html.escape(part, quote=False)}</p>\n" for part in body.split("\n\n"))


def rss(items: list[dict[str, str]], cdata: bool = False) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<rss version="2.0"><channel><title>Wire</title>']
    for item in items:
        markup = body_html(item["body"])
        description = f"<![CDATA[{markup}]]>" if cdata else xml_escape(markup)
        title = f"<title>{xml_escape(item['title'])}</title>" if item["title"] else ""
        out.append(f"<item><guid>{item['id']}</guid>{title}<description>{description}</description></item>")
    out.append("</channel></rss>")
    return "\n".join(out)


def located(result_output: str) -> list[tuple[str, str, int, int, str]]:
    records = [json.loads(line) for line in result_output.splitlines()]
    return [(r["path"].split("#", 1)[1], r["code"], r["line"], r["column"], r["message"]) for r in records]


def test_a_thousand_items_in_jsonl_and_rss_give_the_same_findings(tmp_path: Path) -> None:
    items = feed_items(1000)
    jsonl = tmp_path / "feed.jsonl"
    jsonl.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    (tmp_path / "feed.rss").write_text(rss(items), encoding="utf-8")
    (tmp_path / "cdata.xml").write_text(rss(items, cdata=True), encoding="utf-8")
    found = {}
    for name in ("feed.jsonl", "feed.rss", "cdata.xml"):
        result = runner.invoke(app, ["lint", str(tmp_path / name), "--format", "jsonl"])
        assert result.exit_code == 1, result.output[-500:]
        found[name] = located(result.output)
    assert found["feed.jsonl"] == found["feed.rss"] == found["cdata.xml"]
    names = {name for name, *_ in found["feed.rss"]}
    assert names == {item["id"] for item in items}  # every item has findings, each named by its guid
    assert ("story-0", "CAS001", 1, 14, "“kyiv” is a name written in lowercase; the glossary writes it “Kyiv”") in (
        found["feed.rss"]
    )
    assert {code for _, code, *_ in found["feed.rss"]} >= {"CAS001", "NUM001", "PUN001", "NUM002"}


def test_rss_items_are_named_by_guid_then_link_then_position(tmp_path: Path) -> None:
    feed = tmp_path / "wire.xml"
    feed.write_text(
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<item><guid isPermaLink='false'> g-1 </guid><title>One</title><description>short</description>"
        "<content:encoded><![CDATA[<p>Full  text of <em>kyiv</em>&#160;news.</p>]]></content:encoded></item>"
        "<item><link>https://example.org/2</link>"
        "<description>&lt;p&gt;Two &amp;amp; more&lt;/p&gt;</description></item>"
        "<item><title>Three</title></item>"
        "<item><pubDate>today</pubDate></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    items = list(read_documents(str(feed), "en"))
    assert [str(i) if isinstance(i, InputError) else (i.path, i.text) for i in items] == [
        (f"{feed}#g-1", "One\n\nFull text of kyiv\u00a0news."),
        (f"{feed}#https://example.org/2", "Two & more"),
        (f"{feed}#3", "Three\n\n"),
        f"{feed}#4: no title, description or content:encoded",
    ]


def test_atom_entries(tmp_path: Path) -> None:
    feed = tmp_path / "wire.atom"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
        "<entry><id>urn:uuid:1</id><title>Troops left kyiv</title>"
        '<content type="html">&lt;p&gt;The result : a draw.&lt;/p&gt;&lt;p&gt;Caf&amp;#233; open.&lt;/p&gt;</content>'
        "</entry>"
        '<entry><id>urn:uuid:2</id><title type="text">Two</title><summary>Plain   summary</summary>'
        '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Some <b>27 000</b> people.</p>'
        "<p>Second.</p></div></content></entry>"
        "<entry><id>urn:uuid:3</id><summary>Only a summary.</summary></entry>"
        "</feed>",
        encoding="utf-8",
    )
    items = list(read_documents(str(feed), "en"))
    assert [(i.path, i.text) for i in items if isinstance(i, Document)] == [
        (f"{feed}#urn:uuid:1", "Troops left kyiv\n\nThe result : a draw.\n\nCafé open."),
        (f"{feed}#urn:uuid:2", "Two\n\nSome 27 000 people.\n\nSecond."),
        (f"{feed}#urn:uuid:3", "Only a summary."),
    ]
    result = runner.invoke(app, ["lint", str(feed), "--format", "jsonl", "--select", "PUN001"])
    assert located(result.output) == [
        ("urn:uuid:1", "PUN001", 3, 11, "space before “:”: English writes no space there")
    ]


FRENCH_ITEM = "Le maire a dit: «Nous avons 27 000 habitants.»"  # French spacing missing; English rules would object


def feed_codes(feed: Path, *args: str) -> list[tuple[str, str]]:
    """(item, code) of every finding of ``mtqa lint FEED ARGS``, in order."""
    result = runner.invoke(app, ["lint", str(feed), "--format", "jsonl", *args])
    assert result.exit_code in (0, 1), result.output
    assert "assuming" not in result.stderr  # declared, not detected
    return [(name, code) for name, code, *_ in located(result.stdout)]


def test_rss_channel_language_is_each_items_target(tmp_path: Path) -> None:
    feed = tmp_path / "fil.rss"
    feed.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<channel><title>Fil</title><language>fr-FR</language>"
        f"<item><guid>a</guid><title>Réforme</title><description>{xml_escape(FRENCH_ITEM)}</description></item>"
        "<item><guid>b</guid><title>Reform</title><description>He said : yes.</description>"
        "<dc:language>en-GB</dc:language></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    assert [(i.path.split("#")[1], i.lang) for i in read_documents(str(feed), "") if isinstance(i, Document)] == [
        ("a", "fr"),
        ("b", "en"),  # the item's own declaration wins over the channel's
    ]
    french = [("a", "PUN007"), ("a", "PUN008"), ("a", "PUN008"), ("b", "PUN001")]  # no PUN003, NUM001, LNG001
    for args in ((), ("--target", "en"), ("--target", "de")):  # the feed's declaration wins, as a JSON item's
        assert feed_codes(feed, *args) == french


def test_atom_xml_lang_is_each_entrys_target(tmp_path: Path) -> None:
    feed = tmp_path / "fil.atom"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">'
        f"<title>Fil</title><entry><id>a</id><content>{xml_escape(FRENCH_ITEM)}</content></entry>"
        '<entry xml:lang="en-US"><id>b</id><content>He said : yes.</content></entry>'
        '<entry xml:lang="en"><id>c</id><summary xml:lang="fr">Il a dit: oui.</summary></entry>'
        "</feed>",
        encoding="utf-8",
    )
    langs = [(i.path.split("#")[1], i.lang) for i in read_documents(str(feed), "en") if isinstance(i, Document)]
    assert langs == [("a", "fr"), ("b", "en"), ("c", "fr")]  # content over entry over feed
    assert feed_codes(feed) == [("a", "PUN007"), ("a", "PUN008"), ("a", "PUN008"), ("b", "PUN001"), ("c", "PUN007")]


def test_a_feed_without_a_declaration_keeps_the_run_language(tmp_path: Path) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_text(rss(feed_items(1)), encoding="utf-8")
    assert [i.lang for i in read_documents(str(feed), "en") if isinstance(i, Document)] == ["en"]
    assert [i.lang for i in read_documents(str(feed), "") if isinstance(i, Document)] == [""]  # detected later


def test_unknown_feed_languages_are_checked_with_the_run_profile(tmp_path: Path) -> None:
    feed = tmp_path / "odd.rss"
    feed.write_text(
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><language> zz_ZZ$ </language>'
        "<item><guid>a</guid><description>Troops left kyiv.</description></item>"
        "<item><guid>b</guid><description>Troops left kyiv.</description><dc:language>pl-PL</dc:language></item>"
        "<item><guid>c</guid><description>Troops left kyiv.</description><dc:language></dc:language></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    langs = [i.lang for i in read_documents(str(feed), "en") if isinstance(i, Document)]
    assert langs == ["zz", "pl", "zz"]
    assert feed_codes(feed, "--target", "en") == [("a", "CAS001"), ("b", "CAS001"), ("c", "CAS001")]


def test_malformed_and_unsafe_xml_are_refused_with_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.rss"
    broken.write_text('<rss version="2.0"><channel>\n<item><title>x</channel></rss>', encoding="utf-8")
    xxe = tmp_path / "xxe.xml"
    xxe.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
        "<rss><channel><item><title>&secret;</title><description>x</description></item></channel></rss>",
        encoding="utf-8",
    )
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss>&b;</rss>',
        encoding="utf-8",
    )
    other = tmp_path / "page.xml"
    other.write_text('<xliff version="1.2"><file/></xliff>', encoding="utf-8")
    result = runner.invoke(app, ["lint", str(broken), str(xxe), str(bomb), str(other)])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"mtqa: error: {broken}: malformed XML: mismatched tag at line 2, column 17",
        f"mtqa: error: {xxe}: unsafe XML: it declares the entity 'secret'; entity declarations and external "
        "references are refused",
        f"mtqa: error: {bomb}: unsafe XML: it declares the entity 'a'; entity declarations and external references "
        "are refused",
        f"mtqa: error: {other}: not an RSS or Atom feed",
        "No findings in 0 files.",
    ]


def test_rss_feeds_are_not_fixed_in_place(tmp_path: Path) -> None:
    feed = tmp_path / "feed.rss"
    feed.write_text(rss(feed_items(2)), encoding="utf-8")
    before = feed.read_bytes()
    result = runner.invoke(app, ["fix", str(feed)])
    assert result.exit_code == 2 and "items of an RSS or Atom feed are not fixed in place" in result.output
    assert feed.read_bytes() == before


def test_fail_on_error_gate_on_a_two_story_feed(tmp_path: Path) -> None:
    """Only warnings under --fail-on error: exit 0; an error in either story: exit 1."""
    feed = tmp_path / "feed.jsonl"
    warning_only = {"id": "w", "title": "Front line", "body": "Troops held Lyman, Novopetrivka …"}
    clean = {"id": "c", "title": "Weather", "body": "Rain is expected in Kyiv on Monday."}
    feed.write_text("\n".join(json.dumps(item) for item in (warning_only, clean)) + "\n", encoding="utf-8")
    runner = CliRunner()
    report = runner.invoke(app, ["lint", str(feed), "--format", "jsonl", "--fail-on", "error"])
    assert [json.loads(line)["severity"] for line in report.stdout.splitlines()] == ["warning"]
    assert report.exit_code == 0
    clean["body"] = "Rain is expected in kyiv on Monday."
    feed.write_text("\n".join(json.dumps(item) for item in (warning_only, clean)) + "\n", encoding="utf-8")
    report = runner.invoke(app, ["lint", str(feed), "--format", "jsonl", "--fail-on", "error"])
    assert {json.loads(line)["severity"] for line in report.stdout.splitlines()} == {"warning", "error"}
    assert report.exit_code == 1
