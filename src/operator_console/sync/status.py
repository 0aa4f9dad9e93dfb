"""The sync worker's state as the UI reads it (kept free of HTTP imports: start-up speed)."""

from __future__ import annotations

from dataclasses import dataclass

#: The station found the plant server ahead of it (restored from an old copy): no pushing.
BEHIND_SERVER = "behind_server"


@dataclass(frozen=True)
class SyncStatus:
    #: "online" | "offline" | "syncing" | "not_enrolled" | "unauthorized" | BEHIND_SERVER
    state: str
    since: float  # epoch seconds of the last state change
    pending: int
    sent: int = 0  # progress of the current push
    total: int = 0
    last_error: str = ""
    rejected: int = 0
