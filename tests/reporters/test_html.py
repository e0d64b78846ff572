from __future__ import annotations

import io
import json
import re

from mtqa.context import Context
from mtqa.document import Document
from mtqa.engine import lint_document
from mtqa.reporters.html import HtmlReporter
from mtqa.rules import REGISTRY

STORY = "Ukraine says kyiv is safe </script><script>alert(1)</script>.\n\nLeave a Reply\n"


def _report(ctx: Context) -> str:
    out = io.StringIO()
    reporter = HtmlReporter(out, rules=list(REGISTRY))
    result = lint_document(Document("news/story.txt", STORY), list(REGISTRY), ctx)
    reporter.document(result)
    reporter.finish(1, len(result.findings))
    return out.getvalue()


def test_html_report_is_self_contained_and_read_only(ctx: Context) -> None:
    page = _report(ctx)
    assert page.startswith("<!doctype html>")
    assert '<body class="report">' in page
    assert "<link" not in page and "<script src" not in page and "<img" not in page
    # The document's own text never closes the data element: only the page's two scripts end.
    assert page.count("</script>") == 2
    match = re.search(r'id="mtqa-data" type="application/json">(.*?)</script>', page, re.S)
    assert match is not None
    data = json.loads(match[1])
    assert data["mode"] == "report" and "token" not in data
    (doc,) = data["documents"]
    assert doc["name"] == "news/story.txt"
    assert "".join(s["text"] for s in doc["segments"]) == STORY
    codes = {f["code"] for f in doc["findings"]}
    assert {"CAS001", "STR002"} <= codes
    kyiv = next(f for f in doc["findings"] if f["code"] == "CAS001")
    assert (kyiv["before"], kyiv["after"], kyiv["line"], kyiv["column"]) == ("kyiv", "Kyiv", 1, 14)
    assert "mtqa report: " in page and "findings in 1 file" in page
