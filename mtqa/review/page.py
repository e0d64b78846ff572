"""Render the review page (and the read-only HTML report) from the packaged template, CSS and script.

Everything is inlined, so the page needs no external asset; data goes in a JSON script element with
``<`` escaped, so that no text from a document can close the element.
"""

from __future__ import annotations

import html
import json
from importlib import resources
from string import Template
from typing import Any


def _asset(name: str) -> str:
    return resources.files("mtqa.review").joinpath("assets", name).read_text(encoding="utf-8")


def script_json(data: Any) -> str:
    """``data`` as JSON safe inside an HTML script element."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def content_policy(nonce: str, report: bool) -> str:
    """The Content-Security-Policy of the page: its own inline script and style only; no other source."""
    connect = "'none'" if report else "'self'"
    return (
        f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; connect-src {connect}; "
        "img-src 'self' data:; base-uri 'none'; form-action 'none'"
    )


def render_page(title: str, data: dict[str, Any], nonce: str, report: bool) -> str:
    """The page, with ``data`` (``mode`` "review" with a token, or "report" with documents) embedded."""
    return Template(_asset("review.html")).substitute(
        title=html.escape(title),
        csp=html.escape(content_policy(nonce, report)),
        nonce=html.escape(nonce),
        mode="report" if report else "review",
        css=_asset("review.css"),
        js=_asset("review.js"),
        data=script_json(data),
    )
