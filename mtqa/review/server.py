"""The review web server: a Starlette app over a ReviewSession, served by uvicorn on the loopback.

Security: every request needs the session's random token (``?token=`` for the page, the
``X-MTQA-Token`` header for the API, compared in constant time); state changes are POSTs with a JSON
body, which a foreign page cannot send without the header; requests with a Host other than the
loopback names, or a foreign Origin, are refused; request bodies are capped; documents are named, never
addressed by a path from the request. The page is served with a strict Content-Security-Policy.
"""

from __future__ import annotations

import hmac
import json
import secrets
import socket
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from mtqa.review.page import content_policy, render_page
from mtqa.review.session import ReviewError, ReviewSession

MAX_BODY = 64 * 1024
LOOPBACK_NAMES = ("127.0.0.1", "localhost")
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}

Endpoint = Callable[[Request], Awaitable[Response]]


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=HEADERS)


def create_app(session: ReviewSession, token: str, host: str = "127.0.0.1") -> Starlette:
    """The ASGI app serving ``session``, guarded by ``token``; ``host`` joins the allowed Host names."""
    allowed_hosts = sorted({*LOOPBACK_NAMES, host})

    def token_ok(given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), token.encode())

    def guarded(handler: Callable[[Request], Awaitable[Response]], state_changing: bool = False) -> Endpoint:
        async def endpoint(request: Request) -> Response:
            page_request = request.url.path == "/"
            given = request.query_params.get("token") if page_request else request.headers.get("x-mtqa-token")
            if not token_ok(given):
                return _error(403, "missing or wrong session token: open the URL that `mtqa review` printed")
            origin = request.headers.get("origin")
            if origin is not None and origin not in _origins(request, allowed_hosts):
                return _error(403, "requests from other sites are refused")
            if state_changing and request.headers.get("content-type", "").split(";")[0] != "application/json":
                return _error(415, "send JSON")
            try:
                return await handler(request)
            except ReviewError as exc:
                return _error(exc.status, str(exc))

        return endpoint

    async def page(request: Request) -> Response:
        nonce = secrets.token_urlsafe(16)
        body = render_page("mtqa review", {"mode": "review", "token": token}, nonce, report=False)
        policy = content_policy(nonce, report=False) + "; frame-ancestors 'none'"
        return HTMLResponse(body, headers={**HEADERS, "Content-Security-Policy": policy})

    async def documents(request: Request) -> Response:
        return JSONResponse({"documents": await run_in_threadpool(session.summary)}, headers=HEADERS)

    async def document(request: Request) -> Response:
        name = request.query_params.get("name", "")
        return JSONResponse(await run_in_threadpool(session.document, name), headers=HEADERS)

    async def decision(request: Request) -> Response:
        data = await _json_body(request)
        name, finding, kind = _text(data, "name"), _text(data, "id"), _text(data, "decision")
        replacement = data.get("replacement")
        if replacement is not None and not isinstance(replacement, str):
            raise ReviewError(400, "replacement must be text")
        payload = await run_in_threadpool(session.decide, name, finding, kind, replacement)
        return JSONResponse(payload, headers=HEADERS)

    async def apply(request: Request) -> Response:
        data = await _json_body(request)
        payload = await run_in_threadpool(session.apply, _text(data, "name"), _text(data, "digest"))
        return JSONResponse(payload, headers=HEADERS)

    routes = [
        Route("/", guarded(page), methods=["GET"]),
        Route("/api/documents", guarded(documents), methods=["GET"]),
        Route("/api/document", guarded(document), methods=["GET"]),
        Route("/api/decision", guarded(decision, state_changing=True), methods=["POST"]),
        Route("/api/apply", guarded(apply, state_changing=True), methods=["POST"]),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)]
    return Starlette(routes=routes, middleware=middleware)


def _origins(request: Request, hosts: list[str]) -> set[str]:
    """The Origin values of pages this server serves itself."""
    port = request.url.port
    suffix = f":{port}" if port else ""
    return {f"http://{host}{suffix}" for host in hosts}


async def _json_body(request: Request) -> dict[str, Any]:
    """The request's JSON object, read up to MAX_BODY bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
        raise ReviewError(413, f"request body too large (limit {MAX_BODY} bytes)")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_BODY:
            raise ReviewError(413, f"request body too large (limit {MAX_BODY} bytes)")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: nested too deep
        raise ReviewError(400, "the request body is not JSON") from None
    if not isinstance(data, dict):
        raise ReviewError(400, "the request body must be a JSON object")
    return data


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise ReviewError(400, f"missing text field {key!r}")
    return value


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (port 0: a free one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket, token: str) -> str:
    """The page URL of a server listening on ``sock``."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/?token={token}"


def serve(app: Starlette, sock: socket.socket) -> None:
    """Serve ``app`` on ``sock`` until interrupted."""
    import uvicorn

    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])
