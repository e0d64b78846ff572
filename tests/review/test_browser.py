"""End to end: the review page in Debian's Chromium, driven by Playwright (no browser download)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

CORPUS = ROOT / "corpus"

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SEED = "000_2261ae89b4a4abee.txt"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _needs_browser() -> None:
    if not os.path.exists(CHROMIUM) and not os.environ.get("CI"):
        pytest.skip("Debian's chromium is not installed (CI installs it: apt-get install chromium)")
    pytest.importorskip("playwright.sync_api")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`mtqa review` on a copy of the seeds, in a subprocess; yields its URL and the corpus folder."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in sorted(CORPUS.glob("*.txt")):
        if seed.name.endswith(".ref.txt"):
            continue  # post-edited references, not stories
        shutil.copyfile(seed, corpus / seed.name)
    process = subprocess.Popen(
        [sys.executable, "-m", "mtqa", "review", str(corpus), "--who", "tester"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = ""
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("Open "):
                url = line.split()[1]
                break
        assert url.startswith("http://127.0.0.1:"), process.stderr.read() if process.stderr else ""
        yield url, corpus
    finally:
        process.terminate()
        process.wait(timeout=10)


def _request(url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> int:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def test_review_accept_reject_apply(server: tuple[str, Path], tmp_path: Path) -> None:
    _needs_browser()
    from playwright.sync_api import expect, sync_playwright

    url, corpus = server
    story = corpus / SEED
    original = story.read_bytes()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(url)
        page.get_by_role("button", name=SEED).first.click()
        expect(page.locator("#text mark").first).to_be_visible()

        # Accept the first lowercased "kyiv".
        page.locator("#text mark", has_text="kyiv").first.click()
        expect(page.locator("#panel h2")).to_contain_text("CAS001")
        expect(page.locator("#panel .diff")).to_contain_text("Kyiv")
        page.locator("#accept").click()
        expect(page.locator("#status")).to_contain_text("CAS001 accepted")

        # Reject the boilerplate finding, with the keyboard.
        page.locator("#text mark", has_text="Leave a Reply").click()
        expect(page.locator("#panel h2")).to_contain_text("STR002")
        page.locator("#text").focus()
        page.keyboard.press("r")
        expect(page.locator("#status")).to_contain_text("STR002 rejected")

        page.locator("#apply").click()
        expect(page.locator("#status")).to_contain_text("Applied 1 fix")
        page.screenshot(path=str(tmp_path / "review.png"), full_page=True)
        if os.environ.get("MTQA_SCREENSHOT"):
            shutil.copyfile(tmp_path / "review.png", os.environ["MTQA_SCREENSHOT"])
        browser.close()
    assert not errors
    assert (tmp_path / "review.png").stat().st_size > 10_000

    first = original.index(b"kyiv")
    assert story.read_bytes() == original[:first] + b"Kyiv" + original[first + 4 :]

    records = [json.loads(line) for line in (corpus / "mtqa-decisions.jsonl").read_text().splitlines()]
    assert [(r["decision"], r["code"], r["text"], r["who"]) for r in records] == [
        ("accept", "CAS001", "kyiv", "tester"),
        ("reject", "STR002", "Leave a Reply", "tester"),
    ]
    assert all(len(r["fingerprint"]) == 32 and r["when"].endswith("+00:00") for r in records)

    # The rejected finding is not reported by `mtqa lint` any more; the other boilerplate line still is.
    lint = subprocess.run(
        [sys.executable, "-m", "mtqa", "lint", str(story), "--select", "STR002", "--format", "concise"],
        capture_output=True,
        text=True,
    )
    assert "Leave a Reply" not in lint.stdout
    assert "Your email address" in lint.stdout

    # Requests without the token, or with a wrong one, are refused.
    base = url.split("?")[0].rstrip("/")
    assert _request(f"{base}/") == 403
    assert _request(f"{base}/api/documents") == 403
    body = json.dumps({"name": "x", "id": "y", "decision": "reject"}).encode()
    assert _request(f"{base}/api/decision", body, {"Content-Type": "application/json"}) == 403
    wrong = {"Content-Type": "application/json", "X-MTQA-Token": "wrong"}
    assert _request(f"{base}/api/decision", body, wrong) == 403
