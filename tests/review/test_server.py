"""The review server's API and its guards, through Starlette's test client (no socket, no browser)."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from mtqa.context import Context
from mtqa.decisions import FILENAME, DecisionStore
from mtqa.review.server import MAX_BODY, create_app
from mtqa.review.session import ReviewSession, collect_files, decisions_store
from mtqa.rules import REGISTRY

TOKEN = "t0ken"
STORY = "Ukraine says kyiv is safe.\n\nThe result : a draw.\n\nLeave a Reply\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    (folder / "clean.txt").write_text("Nothing to see here.\n", encoding="utf-8")
    return folder


def _client(corpus: Path, ctx: Context) -> tuple[TestClient, ReviewSession]:
    files = collect_files([str(corpus)], lambda message: None)
    session = ReviewSession(files, list(REGISTRY), ctx, decisions_store([str(corpus)], None), "tester")
    client = TestClient(create_app(session, TOKEN), base_url="http://127.0.0.1:8000")
    client.headers["X-MTQA-Token"] = TOKEN
    return client, session


def _finding(doc: dict, code: str) -> dict:
    return next(f for f in doc["findings"] if f["code"] == code)


def test_page_needs_the_token_and_is_self_contained(corpus: Path, ctx: Context) -> None:
    client, _ = _client(corpus, ctx)
    assert client.get("/").status_code == 403
    assert client.get("/?token=wrong").status_code == 403
    page = client.get(f"/?token={TOKEN}")
    assert page.status_code == 200
    assert "script-src 'nonce-" in page.headers["content-security-policy"]
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "<script src" not in page.text and "<link" not in page.text and "http" not in page.text.split("</style>")[1]


def test_documents_and_decisions_and_apply(corpus: Path, ctx: Context) -> None:
    client, _ = _client(corpus, ctx)
    listing = client.get("/api/documents").json()["documents"]
    assert [d["name"] for d in listing] == ["clean.txt", "story.txt"]
    assert listing[0]["counts"] == {"error": 0, "warning": 0, "info": 0}
    doc = client.get("/api/document", params={"name": "story.txt"}).json()
    assert "".join(s["text"] for s in doc["segments"]) == STORY
    kyiv = _finding(doc, "CAS001")
    assert (kyiv["flagged"], kyiv["before"], kyiv["after"]) == ("kyiv", "kyiv", "Kyiv")
    colon = _finding(doc, "PUN001")
    boiler = _finding(doc, "STR002")

    doc = client.post("/api/decision", json={"name": "story.txt", "id": kyiv["id"], "decision": "accept"}).json()
    assert _finding(doc, "CAS001")["decision"] == "accept"
    client.post("/api/decision", json={"name": "story.txt", "id": boiler["id"], "decision": "reject"})
    assert (colon["before"], colon["after"]) == (" :", ":")
    edit = {"name": "story.txt", "id": colon["id"], "decision": "edit", "replacement": ":"}  # the editor's own fix
    assert client.post("/api/decision", json=edit).status_code == 200

    applied = client.post("/api/apply", json={"name": "story.txt", "digest": doc["digest"]}).json()
    text = (corpus / "story.txt").read_text(encoding="utf-8")
    assert text == "Ukraine says Kyiv is safe.\n\nThe result: a draw.\n\nLeave a Reply\n"  # rejected: left alone
    assert applied["applied"] == 2
    assert "CAS001" not in [f["code"] for f in applied["findings"]]
    assert _finding(applied, "STR002")["decision"] == "reject"
    records = [json.loads(line) for line in (corpus / FILENAME).read_text().splitlines()]
    assert [r["decision"] for r in records] == ["accept", "reject", "edit"]
    assert {r["path"] for r in records} == {"story.txt"}


def test_apply_refuses_a_file_changed_on_disk(corpus: Path, ctx: Context) -> None:
    client, _ = _client(corpus, ctx)
    doc = client.get("/api/document", params={"name": "story.txt"}).json()
    kyiv = _finding(doc, "CAS001")
    client.post("/api/decision", json={"name": "story.txt", "id": kyiv["id"], "decision": "accept"})
    (corpus / "story.txt").write_text(STORY + "An editor's new line.\n", encoding="utf-8")
    answer = client.post("/api/apply", json={"name": "story.txt", "digest": doc["digest"]})
    assert answer.status_code == 409
    assert "changed on disk" in answer.json()["error"]
    assert (corpus / "story.txt").read_text(encoding="utf-8") == STORY + "An editor's new line.\n"


@pytest.mark.parametrize(
    "name", ["../outside.txt", "/etc/passwd", "..%2Foutside.txt", "story.txt/../../outside.txt", str(Path("x"))]
)
def test_documents_are_named_never_addressed_by_path(corpus: Path, ctx: Context, name: str) -> None:
    (corpus.parent / "outside.txt").write_text("kyiv\n")
    client, _ = _client(corpus, ctx)
    assert client.get("/api/document", params={"name": name}).status_code == 404
    body = {"name": name, "digest": "0" * 64}
    assert client.post("/api/apply", json=body).status_code == 404


def test_symlink_out_of_the_root_is_left_out(corpus: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("private kyiv\n")
    os.symlink(secret, corpus / "link.txt")
    warnings: list[str] = []
    files = collect_files([str(corpus)], warnings.append)
    assert [f.name for f in files] == ["clean.txt", "story.txt"]
    assert any("leads outside" in w for w in warnings)


def test_guards(corpus: Path, ctx: Context) -> None:
    client, _ = _client(corpus, ctx)
    body = {"name": "story.txt", "id": "x", "decision": "reject"}
    assert client.post("/api/decision", json=body, headers={"X-MTQA-Token": ""}).status_code == 403
    assert client.post("/api/decision", json=body, headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/api/documents", headers={"Host": "attacker.test:8000"}).status_code == 400
    foreign = client.post("/api/decision", json=body, headers={"Origin": "http://evil.example"})
    assert foreign.status_code == 403
    form = client.post("/api/decision", content=b"name=story.txt", headers={"Content-Type": "text/plain"})
    assert form.status_code == 415
    assert client.get("/api/decision").status_code == 405  # state changes are POSTs only
    big = client.post("/api/decision", content=b" " * (MAX_BODY + 1), headers={"Content-Type": "application/json"})
    assert big.status_code == 413
    assert client.post("/api/decision", json=body).status_code == 409  # unknown finding: reload
    bad = client.post("/api/decision", json={"name": "story.txt", "id": 1, "decision": "reject"})
    assert bad.status_code == 400


def test_concurrent_decisions_are_all_recorded(corpus: Path, ctx: Context) -> None:
    client, session = _client(corpus, ctx)
    doc = client.get("/api/document", params={"name": "story.txt"}).json()
    ids = [f["id"] for f in doc["findings"]]
    threads = [threading.Thread(target=session.decide, args=("story.txt", finding, "reject")) for finding in ids * 5]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    lines = (corpus / FILENAME).read_text().splitlines()
    assert len(lines) == len(ids) * 5
    assert all(json.loads(line)["decision"] == "reject" for line in lines)
    assert len(list(DecisionStore(corpus / FILENAME))) == len(ids)


def test_unreadable_document_is_a_message_not_a_crash(corpus: Path, ctx: Context) -> None:
    broken = corpus / "broken.xlf"
    broken.write_text('<xliff version="1.2"><file source-language="fr"><body><trans-unit id="1">', encoding="utf-8")
    files = collect_files([str(corpus), str(broken)], lambda message: None)
    session = ReviewSession(files, list(REGISTRY), ctx, decisions_store([str(corpus)], None), "tester")
    client = TestClient(create_app(session, TOKEN), base_url="http://127.0.0.1:8000")
    client.headers["X-MTQA-Token"] = TOKEN
    answer = client.get("/api/document", params={"name": "broken.xlf"})
    assert answer.status_code == 409
    assert "malformed XML" in answer.json()["error"]
    listing = client.get("/api/documents").json()["documents"]
    assert any(d["name"] == "broken.xlf" and "malformed XML" in d["error"] for d in listing)


FRENCH = (
    "Le gouvernement présente sa réforme\n\nLe Premier ministre a présenté mercredi un projet de loi qui doit "
    "être examiné par les députés dans les prochaines semaines. Il a dit: « Nous verrons».\n"
)


@pytest.mark.parametrize(("detect", "expected"), [(True, ["PUN007", "PUN008"]), (False, ["LNG003", "PUN003"])])
def test_each_document_is_reviewed_in_its_detected_language(
    corpus: Path, ctx: Context, detect: bool, expected: list[str]
) -> None:
    """Without a target (``mtqa review`` with no --target), a French story gets the French profile, as in lint."""
    (corpus / "french.txt").write_text(FRENCH, encoding="utf-8")
    client, _ = _client(corpus, Context("en", ctx.glossary_paths, detect=detect))
    doc = client.get("/api/document", params={"name": "french.txt"}).json()
    assert sorted({f["code"] for f in doc["findings"]}) == expected
    story = client.get("/api/document", params={"name": "story.txt"}).json()
    assert {"CAS001", "PUN001", "STR002"} <= {f["code"] for f in story["findings"]}  # English stays English
