"""Busy is an answer, never a failure: when a server process already works on as many station
syncs as its database connections can carry, a further one is told to come back later.

``LoadShedder`` is the outermost ASGI middleware. It counts the requests in flight in this
process; a request beyond ``limit`` gets ``503`` with ``Retry-After`` at once, before its body
is read and before it takes a database connection, so a plant's worth of stations draining
after an outage queue at the stations (whose backoff honours ``Retry-After``) instead of
inside the server, where they would exhaust the connection pool and time out as 500s. The
pause is jittered so that refused stations do not all come back in the same second.
"""

from __future__ import annotations

import json
import random
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: The pause asked for when no database connection came free in time.
BUSY_RETRY_AFTER_S = 2.0
#: Requests that are cheap and must answer even when the process is busy.
ALWAYS = frozenset({"/api/v1/health", "/openapi.json"})


def retry_after(base_s: float) -> int:
    """Whole seconds to wait: ``base_s`` stretched by up to half again, at least 1."""
    return max(1, round(base_s * random.uniform(1.0, 1.5)))


async def busy(send: Send, base_s: float) -> None:
    """Answer ``503 busy`` with a ``Retry-After`` (and the same in the body)."""
    wait = retry_after(base_s)
    body = json.dumps({"detail": "busy", "message": "the plant server is busy; retry later",
                       "retry_after": wait}).encode("utf-8")
    await send({"type": "http.response.start", "status": 503, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(wait).encode())]})
    await send({"type": "http.response.body", "body": body})


class LoadShedder:
    """At most ``limit`` requests in flight in this process; the rest are told to retry."""

    def __init__(self, app: ASGIApp, *, limit: int, retry_after_s: float) -> None:
        self.app, self.limit, self.retry_after_s = app, limit, retry_after_s
        self.in_flight = 0
        self.shed = 0  # requests answered "busy" since start (for tests and benchmarks)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") in ALWAYS:
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.limit:
            self.shed += 1
            await busy(send, self.retry_after_s)
            return
        # One event loop per process: the counter needs no lock between these awaits.
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1
