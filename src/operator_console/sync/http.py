"""HTTP client for the plant server's API (``/api/v1``), with strict response checking.

Anything the server answers that is not what the API promises — a 5xx, malformed or truncated
JSON, a missing field, an acknowledgement for an entry that was not sent — raises
``BadResponseError`` and changes nothing locally. Network failures raise
``ServerUnreachableError``. Blocking: call from the sync worker, never from the UI thread.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

API = "/api/v1"


def insecure_url(url: str) -> bool:
    """True for plain ``http`` to anything but a loopback address (``localhost`` included)."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "http":
        return False
    host = (parts.hostname or "").lower()
    if host == "localhost":
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True  # a name: it could be anywhere


class ServerUnreachableError(ConnectionError):
    """No answer: connection refused, reset, timed out."""


class ServerBusyError(ServerUnreachableError):
    """The server answered that it is busy: try again after ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _retry_after(response: httpx.Response) -> float | None:
    """The ``Retry-After`` of a busy answer in seconds (a number; dates are not used here)."""
    raw = response.headers.get("retry-after", "")
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if 0 <= value <= 3600 else None


class BadResponseError(RuntimeError):
    """The server answered, but not with what the API promises."""


class UnauthorizedError(RuntimeError):
    """The station credential was refused (not enrolled, revoked)."""


@dataclass(frozen=True)
class EntryResult:
    entry_id: str
    station_seq: int
    status: str  # "accepted" | "duplicate" | "rejected"
    reason: str
    acknowledged: bool  # the server has stored it (even a rejection): never send it again


class PlantServerClient:
    def __init__(self, base_url: str, credential: str | None = None, *,
                 timeout_s: float = 15.0, transport: httpx.BaseTransport | None = None) -> None:
        headers = {"Authorization": f"Bearer {credential}"} if credential else {}
        self._http = httpx.Client(base_url=base_url.rstrip("/"), headers=headers,
                                  timeout=timeout_s, transport=transport)

    def close(self) -> None:
        self._http.close()

    def clone(self) -> PlantServerClient:
        """A client of its own to the same server with the same credential (a client is
        used by one thread: the QA review's calls run beside the sync worker's)."""
        own = getattr(self._http, "_transport", None)
        # A network transport is made anew (its pool closes with its client); a test's
        # in-process transport is shared.
        transport = None if isinstance(own, httpx.HTTPTransport) else own
        twin = PlantServerClient.__new__(PlantServerClient)
        twin._http = httpx.Client(base_url=self._http.base_url, headers=self._http.headers,
                                  timeout=self._http.timeout, transport=transport)
        return twin

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = self._http.request(method, API + path, **kwargs)
        except httpx.TransportError as exc:
            raise ServerUnreachableError(f"{type(exc).__name__}: {exc}") from exc
        if response.status_code == 401:
            if _detail(response) == "station_revoked":
                raise UnauthorizedError(
                    "the plant server revoked this station's credential; it no longer syncs "
                    "until an administrator issues a new code and it is enrolled again")
            raise UnauthorizedError("the plant server refused this station's credential")
        if response.status_code in (429, 503):
            wait = _retry_after(response)
            if wait is not None:
                raise ServerBusyError(f"plant server busy (HTTP {response.status_code}); "
                                      f"retry in {wait:g} s", wait)
        if response.status_code in (409, 503):
            raise ServerUnreachableError(f"plant server busy (HTTP {response.status_code})")
        if response.status_code >= 400:
            raise BadResponseError(f"HTTP {response.status_code}: {response.text[:200]}")
        try:
            return response.json()
        except ValueError as exc:
            raise BadResponseError(f"malformed JSON from the plant server: {exc}") from exc

    def health(self) -> bool:
        data = self._call("GET", "/health")
        return isinstance(data, dict)

    def enroll(self, code: str, station_name: str) -> tuple[str, str]:
        """Exchange a one-time enrollment code for (station name, credential)."""
        data = self._call("POST", "/enroll", json={"code": code, "station_name": station_name})
        station, credential = _get(data, "station", str), _get(data, "credential", str)
        return station, credential

    def answer(self, method: str, path: str, **kwargs: Any) -> tuple[int, dict[str, Any]]:
        """A call whose refusals are answers (QA acts: 403 wrong password, 409 release
        refused with its reasons, 404...): (status, JSON body). Unreachable, busy and an
        unknown station raise as for every call."""
        try:
            response = self._http.request(method, API + path, **kwargs)
        except httpx.TransportError as exc:
            raise ServerUnreachableError(f"{type(exc).__name__}: {exc}") from exc
        if response.status_code == 401:
            raise UnauthorizedError("the plant server refused this station's credential")
        if response.status_code in (429, 503):
            raise ServerUnreachableError(f"plant server busy (HTTP {response.status_code})")
        try:
            body = response.json()
        except ValueError as exc:
            raise BadResponseError(f"malformed JSON from the plant server: {exc}") from exc
        if not isinstance(body, dict) or (response.status_code >= 400 and
                                          response.status_code not in (400, 403, 404, 409,
                                                                       422)):
            raise BadResponseError(f"HTTP {response.status_code}: {response.text[:200]}")
        return response.status_code, body

    def push(self, entries: list[dict[str, Any]], *,
             outbox_head: int | None = None) -> list[EntryResult]:
        """``outbox_head``: the highest seq this station holds (the release gate at the
        server waits for every entry up to it)."""
        body: dict[str, Any] = {"entries": entries}
        if outbox_head is not None:
            body["outbox_head"] = outbox_head
        data = self._call("POST", "/push", json=body)
        results = _get(data, "results", list)
        sent = {(e["entry_id"], e["station_seq"]) for e in entries}
        out = []
        for item in results:
            result = EntryResult(_get(item, "entry_id", str), _get(item, "station_seq", int),
                                 _get(item, "status", str), str(item.get("reason") or ""),
                                 _get(item, "acknowledged", bool))
            if (result.entry_id, result.station_seq) not in sent:
                raise BadResponseError(f"acknowledgement for an entry not sent: {result}")
            if result.status not in ("accepted", "duplicate", "rejected"):
                raise BadResponseError(f"unknown entry status {result.status!r}")
            out.append(result)
        return out

    def pull(self, cursor: int) -> dict[str, Any]:
        data = self._call("GET", "/pull", params={"cursor": cursor})
        _get(data, "next_cursor", int)
        return dict(data)

    def station_state(self) -> tuple[int, int, str, int]:
        """What the server holds of this station: (last seq, audit head seq, head hash,
        records)."""
        data = self._call("GET", "/station")
        return (_get(data, "last_seq", int), _get(data, "audit_head_seq", int),
                _get(data, "audit_head_hash", str), _get(data, "records", int))

    def report_rollback(self, local_last_seq: int, local_audit_seq: int,
                        local_hash_at_server_head: str | None, local_records: int) -> None:
        self._call("POST", "/station/rollback", json={
            "local_last_seq": local_last_seq, "local_audit_seq": local_audit_seq,
            "local_hash_at_server_head": local_hash_at_server_head,
            "local_records": local_records})

    def auth_check(self, user_id: str, password: str, purpose: str, *,
                   content_hash: str | None = None, meaning: str | None = None) -> dict[str, Any]:
        """The server's password check; with ``content_hash`` and ``meaning`` (signing) a
        right password also brings a single-use ``signing_proof`` for that signature."""
        body: dict[str, Any] = {"user_id": user_id, "password": password, "purpose": purpose}
        if content_hash is not None and meaning is not None:
            body |= {"content_hash": content_hash, "meaning": meaning}
        data = self._call("POST", "/auth/check", json=body)
        _get(data, "ok", bool)
        return dict(data)


def _detail(response: httpx.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return ""
    return str(data.get("detail", "")) if isinstance(data, dict) else ""


def _get(data: Any, key: str, kind: type) -> Any:
    if not isinstance(data, dict) or key not in data or not isinstance(data[key], kind) or (
            kind is int and isinstance(data[key], bool)):
        raise BadResponseError(f"the plant server's answer lacks a valid {key!r}")
    return data[key]
