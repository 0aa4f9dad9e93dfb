"""What every request passes before any route sees it: a body size limit checked on the
declared length before the body is read (and on the bytes as they arrive, for a body sent
without a length), and the station credential checked before the body is parsed.

Refusals are brief JSON (a stable code, never the input echoed). Pure ASGI, so nothing of a
refused body is buffered."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import anyio.to_thread
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError

from plant_server.api.load_shed import BUSY_RETRY_AFTER_S, busy
from plant_server.db import Database
from plant_server.services.stations import station_for_credential

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Paths that need no station credential (enrollment, health and the API description).
PUBLIC_PATHS = frozenset({"/api/v1/enroll", "/api/v1/health", "/openapi.json", "/docs",
                          "/docs/oauth2-redirect", "/redoc"})


async def _answer(send: Send, status: int, code: str, message: str,
                  headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"detail": code, "message": message}).encode("utf-8")
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"), *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return bytes(value)
    return None


class RequestGuard:
    """ASGI middleware: size limit, then credential, then the application."""

    def __init__(self, app: ASGIApp, *, database: Database, max_body_bytes: int) -> None:
        self.app, self.database, self.max_body_bytes = app, database, max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = _header(scope, b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                await _answer(send, 400, "bad_content_length", "invalid Content-Length")
                return
            if declared > self.max_body_bytes:
                await _answer(send, 413, "body_too_large",
                              f"request bodies are limited to {self.max_body_bytes} bytes")
                return
        if scope.get("path") not in PUBLIC_PATHS:
            try:
                refusal = await self._refusal(scope)
            except SQLAlchemyTimeoutError:  # no database connection free: busy, retry later
                await busy(send, BUSY_RETRY_AFTER_S)
                return
            if refusal is not None:
                await _answer(send, 401, refusal, "a valid station credential is required"
                              if refusal == "unauthorized" else "this station's credential "
                              "was revoked by an administrator",
                              [(b"www-authenticate", b"Bearer")])
                return
        await self._limited(scope, receive, send)

    async def _refusal(self, scope: Scope) -> str | None:
        """None for a valid credential; else ``unauthorized`` or ``station_revoked``."""
        raw = _header(scope, b"authorization") or b""
        scheme, _, token = raw.decode("latin-1").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return "unauthorized"

        def lookup() -> str | None:
            with self.database.transaction() as session:
                station = station_for_credential(session, token.strip())
                if station is None:
                    return "unauthorized"
                return "station_revoked" if station.revoked_at is not None else None

        return await anyio.to_thread.run_sync(lookup)

    async def _limited(self, scope: Scope, receive: Receive, send: Send) -> None:
        """A body without Content-Length is read first, at most the limit (then refused),
        and handed on whole; with a (checked) length the application reads it itself."""
        if _header(scope, b"content-length") is not None or scope.get("method") in (
                "GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunk = bytes(message.get("body", b""))
            seen += len(chunk)
            if seen > self.max_body_bytes:
                await _answer(send, 413, "body_too_large",
                              f"request bodies are limited to {self.max_body_bytes} bytes")
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
