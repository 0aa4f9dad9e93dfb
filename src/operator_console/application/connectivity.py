"""The plant-server link as the operator reads it: since when it is down, and why in words.

The sync worker reports its latest attempt: every retry during an outage passes through
"syncing" and back to "offline", and its error is the HTTP client's text
(``ConnectError: [Errno 111] Connection refused``). ``OutageTracker`` keeps the *start* of the
outage until the server answers again, and ``outage_reason`` sorts the error into a reason
the screen can say in the operator's language (the text itself stays in the log). Pure
Python: no Qt, no HTTP.
"""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum

from operator_console.sync.status import SyncStatus


class OutageReason(StrEnum):
    """Why the plant server could not be used, as far as the station can tell."""

    NOT_ANSWERING = "not_answering"
    TIMED_OUT = "timed_out"
    BUSY = "busy"
    BAD_ANSWER = "bad_answer"
    OTHER = "other"


_NOT_ANSWERING = ("connecterror", "connection refused", "errno 111", "errno 113",
                  "name or service not known", "nodename nor servname", "no route to host",
                  "network is unreachable", "connection reset", "remoteprotocolerror",
                  "server disconnected")
_TIMED_OUT = ("timeout", "timed out")


def outage_reason(last_error: str) -> OutageReason:
    """The reason behind the worker's error text."""
    text = last_error.lower()
    if any(k in text for k in _TIMED_OUT):
        return OutageReason.TIMED_OUT
    if any(k in text for k in _NOT_ANSWERING):
        return OutageReason.NOT_ANSWERING
    if "busy (http" in text:
        return OutageReason.BUSY
    if text.startswith("http ") or "malformed" in text or "lacks a valid" in text \
            or "acknowledgement for" in text or "unknown entry status" in text:
        return OutageReason.BAD_ANSWER
    return OutageReason.OTHER


class OutageTracker:
    """Follows the worker's statuses; an outage lasts from the first failure to the next
    success, whatever retries ("syncing" that gets nowhere) happen in between."""

    def __init__(self) -> None:
        self._since: float | None = None

    def follow(self, status: SyncStatus) -> SyncStatus:
        """``status`` as the screen shows it: during an outage, offline since its start (a
        retry that has sent nothing yet is still the outage)."""
        if status.state == "online" or (status.state == "syncing" and status.sent > 0):
            self._since = None
            return status
        if status.state == "offline":
            if self._since is None:
                self._since = status.since
            return replace(status, since=self._since)
        if status.state == "syncing" and self._since is not None:
            return replace(status, state="offline", since=self._since)
        return status

    @property
    def outage_since(self) -> float | None:
        return self._since
