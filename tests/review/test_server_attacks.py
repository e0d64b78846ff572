"""The review server under attack: tokens, Host and Origin, paths, bodies, races and files changed under review.

``test_server.py`` covers the main guards; these are the variants an attacker (or an unlucky editor) tries.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from mtqa.context import Context
from mtqa.review.server import MAX_BODY, create_app
from mtqa.review.session import ReviewError, ReviewSession, collect_files, decisions_store
from mtqa.rules import REGISTRY

TOKEN = "s3cret-token"
STORY = "Ukraine says kyiv is safe.\n\nThe result : a draw.\n"
FIXED = "Ukraine says Kyiv is safe.\n\nThe result: a draw.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "other.txt").write_text("Nothing in kyiv.\n", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("secret kyiv\n", encoding="utf-8")
    return folder


def _session(corpus: Path, ctx: Context) -> ReviewSession:
    files = collect_files([str(corpus)], lambda message: None)
    return ReviewSession(files, list(REGISTRY), ctx, decisions_store([str(corpus)], None), "tester")


def _client(session: ReviewSession, token: str | None = TOKEN) -> TestClient:
    client = TestClient(create_app(session, TOKEN), base_url="http://127.0.0.1:8000")
    if token is not None:
        client.headers["X-MTQA-Token"] = token
    return client


def _ids(doc: dict) -> dict[str, str]:  # type: ignore[type-arg]
    return {f["code"]: f["id"] for f in doc["findings"]}


# --- tokens ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("token", [None, "", "wrong", TOKEN + "x", TOKEN[:-1], TOKEN.upper(), f" {TOKEN}"])
def test_api_refuses_a_missing_or_wrong_token(corpus: Path, ctx: Context, token: str | None) -> None:
    client = _client(_session(corpus, ctx), token)
    for answer in (
        client.get("/api/documents"),
        client.get("/api/document", params={"name": "story.txt"}),
        client.post("/api/decision", json={"name": "story.txt", "id": "x", "decision": "reject"}),
        client.post("/api/apply", json={"name": "story.txt", "digest": "0" * 64}),
    ):
        assert answer.status_code == 403
        assert "session token" in answer.json()["error"]
    assert (corpus / "story.txt").read_text(encoding="utf-8") == STORY


def test_token_goes_in_the_header_for_the_api_and_the_query_for_the_page(corpus: Path, ctx: Context) -> None:
    client = _client(_session(corpus, ctx), None)
    assert client.get("/api/documents", params={"token": TOKEN}).status_code == 403  # a link cannot carry it
    assert client.get("/", headers={"X-MTQA-Token": TOKEN}).status_code == 403
    assert client.get("/api/documents", headers={"X-MTQA-Token": TOKEN}).status_code == 200
    assert client.get("/", params={"token": TOKEN}).status_code == 200


def test_non_ascii_token_is_refused_not_a_crash(corpus: Path, ctx: Context) -> None:
    client = _client(_session(corpus, ctx), None)
    assert client.get("/", params={"token": "tøken"}).status_code == 403


# --- Host and Origin ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host", ["evil.example", "127.0.0.1.evil.example", "localhost.evil.example", "127.0.0.2", "[::2]", "0.0.0.0"]
)
def test_foreign_host_is_refused(corpus: Path, ctx: Context, host: str) -> None:
    client = _client(_session(corpus, ctx))
    assert client.get("/api/documents", headers={"Host": host}).status_code == 400
    body = {"name": "story.txt", "digest": "0" * 64}
    assert client.post("/api/apply", json=body, headers={"Host": host}).status_code == 400


@pytest.mark.parametrize(
    "origin",
    [
        "null",
        "http://evil.example",
        "http://127.0.0.1:9999",  # another local server's page
        "https://127.0.0.1:8000",
        "http://127.0.0.1.evil.example:8000",
        "http://localhost:8000.evil.example",
        "",
    ],
)
def test_foreign_origin_is_refused(corpus: Path, ctx: Context, origin: str) -> None:
    session = _session(corpus, ctx)
    client = _client(session)
    doc = client.get("/api/document", params={"name": "story.txt"}).json()
    decision = {"name": "story.txt", "id": _ids(doc)["CAS001"], "decision": "accept"}
    assert client.post("/api/decision", json=decision, headers={"Origin": origin}).status_code == 403
    apply = {"name": "story.txt", "digest": doc["digest"]}
    assert client.post("/api/apply", json=apply, headers={"Origin": origin}).status_code == 403
    assert (corpus / "story.txt").read_text(encoding="utf-8") == STORY
    assert not (corpus / "mtqa-decisions.jsonl").exists()


def test_own_origin_is_allowed(corpus: Path, ctx: Context) -> None:
    client = _client(_session(corpus, ctx))
    for origin in ("http://127.0.0.1:8000", "http://localhost:8000"):
        assert client.get("/api/documents", headers={"Origin": origin}).status_code == 200


# --- paths ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "../outside.txt",
        "..%2Foutside.txt",
        "%2e%2e/outside.txt",
        "%252e%252e%252foutside.txt",
        "..\\outside.txt",
        "sub/../../outside.txt",
        "./story.txt",
        "sub//other.txt",
        "story.txt\x00.html",
        "/etc/passwd",
        "",
        "mtqa-decisions.jsonl",
    ],
)
def test_path_traversal_is_not_found(corpus: Path, ctx: Context, name: str) -> None:
    client = _client(_session(corpus, ctx))
    assert client.get("/api/document", params={"name": name}).status_code == 404
    decision = {"name": name, "id": "x", "decision": "accept"}
    assert client.post("/api/decision", json=decision).status_code == 404
    assert client.post("/api/apply", json={"name": name, "digest": "0" * 64}).status_code == 404


def test_absolute_path_of_a_reviewed_file_is_not_a_name(corpus: Path, ctx: Context) -> None:
    client = _client(_session(corpus, ctx))
    for name in (str(corpus / "story.txt"), os.path.realpath(corpus / "sub" / "other.txt")):
        assert client.get("/api/document", params={"name": name}).status_code == 404
    assert client.get("/api/document", params={"name": "sub/other.txt"}).status_code == 200


def test_traversal_in_the_url_path_is_not_routed(corpus: Path, ctx: Context) -> None:
    client = _client(_session(corpus, ctx))
    for url in ("/api/../../outside.txt", "/api/%2e%2e/%2e%2e/outside.txt", "/static/../story.txt"):
        assert client.get(url).status_code == 404


def test_symlinked_folder_out_of_the_root_is_left_out(corpus: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "private.txt").write_text("private kyiv\n", encoding="utf-8")
    os.symlink(elsewhere, corpus / "linked")
    os.symlink(tmp_path / "outside.txt", corpus / "sub" / "escape.txt")
    warnings: list[str] = []
    files = collect_files([str(corpus)], warnings.append)
    assert sorted(f.name for f in files) == ["story.txt", "sub/other.txt"]
    assert all(os.path.realpath(f.path).startswith(os.path.realpath(corpus)) for f in files)
    assert any("escape.txt: leads outside" in w for w in warnings)


def test_file_swapped_for_a_symlink_out_of_the_root_is_neither_read_nor_written(
    corpus: Path, tmp_path: Path, ctx: Context
) -> None:
    session = _session(corpus, ctx)
    client = _client(session)
    doc = client.get("/api/document", params={"name": "story.txt"}).json()
    client.post("/api/decision", json={"name": "story.txt", "id": _ids(doc)["CAS001"], "decision": "accept"})
    outside = tmp_path / "outside.txt"
    outside.write_text(STORY, encoding="utf-8")  # the same bytes: the digest cannot tell them apart
    (corpus / "story.txt").unlink()
    os.symlink(outside, corpus / "story.txt")
    answer = client.get("/api/document", params={"name": "story.txt"})
    assert answer.status_code == 409 and "symbolic link" in answer.json()["error"]
    answer = client.post("/api/apply", json={"name": "story.txt", "digest": doc["digest"]})
    assert answer.status_code == 409
    assert outside.read_text(encoding="utf-8") == STORY  # never written through the link


# --- bodies ---------------------------------------------------------------------------------------------


def _chunks(size: int) -> Iterator[bytes]:
    sent = 0
    while sent < size:
        yield b" " * 4096
        sent += 4096


def test_oversized_bodies_are_refused(corpus: Path, ctx: Context) -> None:
    client = _client(_session(corpus, ctx))
    json_type = {"Content-Type": "application/json"}
    for path in ("/api/decision", "/api/apply"):
        answer = client.post(path, content=b" " * (MAX_BODY + 1), headers=json_type)
        assert answer.status_code == 413 and str(MAX_BODY) in answer.json()["error"]
        chunked = client.post(path, content=_chunks(MAX_BODY * 4), headers=json_type)  # no Content-Length
        assert chunked.status_code == 413
        lying = client.post(path, content=b"{}", headers={**json_type, "Content-Length": "-1"})
        assert lying.status_code in (400, 413)
    padded = b'{"name": "story.txt", "id": "x", "decision": "reject", "pad": "' + b"x" * MAX_BODY + b'"}'
    assert client.post("/api/decision", content=padded, headers=json_type).status_code == 413


@pytest.mark.parametrize(
    "body",
    [b"", b"null", b"[]", b'"text"', b"{", b"\xff\xfe", b'{"name": ["story.txt"], "digest": "0"}', b'{"name": null}'],
)
def test_malformed_bodies_are_refused(corpus: Path, ctx: Context, body: bytes) -> None:
    client = _client(_session(corpus, ctx))
    answer = client.post("/api/apply", content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 400
    assert (corpus / "story.txt").read_text(encoding="utf-8") == STORY


def test_deeply_nested_json_is_a_400_not_a_crash(corpus: Path, ctx: Context) -> None:
    client = _client(_session(corpus, ctx))
    body = b"[" * 20_000 + b"]" * 20_000  # under the size cap; json recursion would overflow
    answer = client.post("/api/apply", content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 400


# --- races ----------------------------------------------------------------------------------------------


def _accept_all(client: TestClient, name: str = "story.txt") -> dict:  # type: ignore[type-arg]
    doc = client.get("/api/document", params={"name": name}).json()
    for finding_id in _ids(doc).values():
        client.post("/api/decision", json={"name": name, "id": finding_id, "decision": "accept"})
    return doc


def _concurrently(session: ReviewSession, calls: list[tuple[str, str]]) -> list[object]:
    """``session.apply(name, digest)`` for each call, all started together; each outcome or ReviewError."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[object] = [None] * len(calls)

    def run(index: int, name: str, digest: str) -> None:
        barrier.wait()
        try:
            outcomes[index] = session.apply(name, digest)
        except ReviewError as exc:
            outcomes[index] = exc

    threads = [threading.Thread(target=run, args=(i, *call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_reviewers_apply_different_fixes_to_one_file_and_no_write_is_lost(corpus: Path, ctx: Context) -> None:
    session = _session(corpus, ctx)
    client = _client(session)
    first = client.get("/api/document", params={"name": "story.txt"}).json()  # both pages load the same version
    ids = _ids(first)
    client.post("/api/decision", json={"name": "story.txt", "id": ids["CAS001"], "decision": "accept"})
    applied = client.post("/api/apply", json={"name": "story.txt", "digest": first["digest"]})
    assert applied.status_code == 200 and applied.json()["applied"] == 1
    # the second reviewer decides on the page loaded before the first write, then applies it
    client.post("/api/decision", json={"name": "story.txt", "id": ids["PUN001"], "decision": "accept"})
    stale = client.post("/api/apply", json={"name": "story.txt", "digest": first["digest"]})
    assert stale.status_code == 409 and "reload" in stale.json()["error"]
    assert (corpus / "story.txt").read_text(encoding="utf-8") == "Ukraine says Kyiv is safe.\n\nThe result : a draw.\n"
    reloaded = client.get("/api/document", params={"name": "story.txt"}).json()
    again = client.post("/api/apply", json={"name": "story.txt", "digest": reloaded["digest"]})
    assert again.status_code == 200 and again.json()["applied"] == 1
    assert (corpus / "story.txt").read_text(encoding="utf-8") == FIXED  # both fixes, neither lost


@pytest.mark.parametrize("threads", [2, 8])
def test_concurrent_applies_with_one_digest_write_once(corpus: Path, ctx: Context, threads: int) -> None:
    session = _session(corpus, ctx)
    client = _client(session)
    doc = _accept_all(client)
    outcomes = _concurrently(session, [("story.txt", doc["digest"])] * threads)
    written = [o for o in outcomes if isinstance(o, dict)]
    refused = [o for o in outcomes if isinstance(o, ReviewError)]
    assert len(written) == 1 and len(refused) == threads - 1
    assert all(e.status == 409 and "reload" in str(e) for e in refused)
    assert (corpus / "story.txt").read_text(encoding="utf-8").startswith("Ukraine says Kyiv is safe.")
    final = client.get("/api/document", params={"name": "story.txt"}).json()
    again = client.post("/api/apply", json={"name": "story.txt", "digest": final["digest"]})
    assert again.status_code == 200 and again.json()["applied"] == 0  # re-applying after the reload: nothing lost
    assert (corpus / "story.txt").read_text(encoding="utf-8") == FIXED


def test_concurrent_applies_on_different_files_both_write(corpus: Path, ctx: Context) -> None:
    session = _session(corpus, ctx)
    client = _client(session)
    story = _accept_all(client, "story.txt")
    other = _accept_all(client, "sub/other.txt")
    outcomes = _concurrently(session, [("story.txt", story["digest"]), ("sub/other.txt", other["digest"])])
    assert all(isinstance(o, dict) for o in outcomes), outcomes
    assert (corpus / "story.txt").read_text(encoding="utf-8") == FIXED
    assert "Kyiv" in (corpus / "sub" / "other.txt").read_text(encoding="utf-8")


# --- files changed under review -------------------------------------------------------------------------


def test_decision_on_a_finding_edited_away_on_disk_says_reload(corpus: Path, ctx: Context) -> None:
    client = _client(_session(corpus, ctx))
    doc = client.get("/api/document", params={"name": "story.txt"}).json()
    (corpus / "story.txt").write_text(FIXED, encoding="utf-8")  # an editor fixed it by hand meanwhile
    answer = client.post("/api/decision", json={"name": "story.txt", "id": _ids(doc)["CAS001"], "decision": "accept"})
    assert answer.status_code == 409 and "reload" in answer.json()["error"]
    stale = client.post("/api/apply", json={"name": "story.txt", "digest": doc["digest"]})
    assert stale.status_code == 409 and "changed on disk" in stale.json()["error"]
    assert "reload" in stale.json()["error"]
    assert (corpus / "story.txt").read_text(encoding="utf-8") == FIXED


def test_file_deleted_or_broken_under_review_is_a_message(corpus: Path, ctx: Context) -> None:
    client = _client(_session(corpus, ctx))
    doc = client.get("/api/document", params={"name": "story.txt"}).json()
    (corpus / "story.txt").unlink()
    answer = client.get("/api/document", params={"name": "story.txt"})
    assert answer.status_code == 409 and answer.json()["error"].startswith("story.txt: ")
    assert client.post("/api/apply", json={"name": "story.txt", "digest": doc["digest"]}).status_code == 409
    listing = client.get("/api/documents").json()["documents"]
    assert any(d["name"] == "story.txt" and d.get("error") for d in listing)
    (corpus / "story.txt").write_bytes(b"\xff\xfe\x00binary")
    answer = client.get("/api/document", params={"name": "story.txt"})
    assert answer.status_code == 409 and "\n" not in answer.json()["error"]
