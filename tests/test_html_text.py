from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.context import Context
from mtqa.engine import lint_document
from mtqa.html_text import extract_html, html_document, html_to_text
from mtqa.rules import REGISTRY

runner = CliRunner()

PAGE = """<!DOCTYPE html>
<html><head><title>Site | Troops left kyiv</title>
<style>p { color: red }</style><script>var kyiv = "kyiv";</script></head>
<body>
<header><a href="/">Home</a> | kyiv news</header>
<nav><ul><li>World</li><li>kyiv</li></ul></nav>
<article>
  <h1>Troops left <em>kyiv</em></h1>
  <p>The result : a draw,
     said the mayor of caf&#233; &amp; bar owners.</p>
  <figure><img src="x.jpg" alt="kyiv"><figcaption>Some 27 000 people</figcaption></figure>
  <ul><li>First point<br>second line</li></ul>
  <form><input value="kyiv"><button>Send kyiv</button></form>
  <footer>Leave a Reply</footer>
</article>
<aside>Read also: kyiv</aside>
<footer>© kyiv media</footer>
</body></html>
"""


def test_article_text_without_chrome_entities_decoded_whitespace_collapsed() -> None:
    text, _ = extract_html(PAGE)
    assert text == (
        "Troops left kyiv\n\nThe result : a draw, said the mayor of café & bar owners.\n\n"
        "Some 27 000 people\n\nFirst point\nsecond line"
    )


def test_without_article_the_title_heads_the_body_text() -> None:
    page = "<html><head><title>A  title</title></head><body><div>Loose text<p>Para</p>tail</div></body></html>"
    assert extract_html(page)[0] == "A title\n\nLoose text\n\nPara\n\ntail"
    assert html_to_text("<p>One</p>\n<p>Two &lt;b&gt;</p>") == "One\n\nTwo <b>"


def test_findings_point_into_the_page(ctx: Context) -> None:
    result = lint_document(html_document("page.html", PAGE, "en"), list(REGISTRY), ctx)
    where = {(item.finding.code, result.text[item.finding.start : item.finding.end]): item for item in result.findings}
    kyiv = where["CAS001", "kyiv"]
    assert (kyiv.line, kyiv.column) == (8, 23)  # inside <em> on line 8
    assert PAGE.splitlines()[7][22:26] == "kyiv"
    colon = where["PUN001", " :"]
    assert (colon.line, colon.column) == (9, 16)
    assert result.text == PAGE  # reporters show the page's own lines


def test_fix_an_html_page_in_place(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    result = runner.invoke(app, ["fix", str(page), "--select", "CAS001,PUN001"])
    assert result.exit_code == 0, result.output
    fixed = page.read_text(encoding="utf-8")
    assert fixed == PAGE.replace("<em>kyiv</em>", "<em>Kyiv</em>").replace("result : a", "result: a")
    result = runner.invoke(app, ["lint", str(page), "--select", "CAS001,PUN001"])
    assert result.exit_code == 0 and "No findings in 1 file." in result.output


def test_unparsable_html_is_one_input_error(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text("<p>Text</p>\n<![<!-- x", encoding="utf-8")
    result = runner.invoke(app, ["lint", str(page)])
    assert result.exit_code == 2
    assert result.output.splitlines()[0].startswith(f"mtqa: error: {page}: malformed HTML at line 2")
