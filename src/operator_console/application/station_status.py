"""A snapshot of the station's state for Home and the status strip (plain data, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from operator_console.application.batch_progress import station_batches
from operator_console.store.db import Database
from operator_console.store.outbox import pending_count
from operator_console.store.records_reader import verification_backlog


@dataclass(frozen=True)
class StationStatus:
    station: str
    pending_sync: int
    server_state: str  # "not_enrolled" until the sync issue lands; then online/offline/syncing
    awaiting_verification: int = 0
    overdue_verification: int = 0  # awaiting longer than verification_overdue_minutes
    verification_overdue_minutes: int = 60
    batches: int = 0  # recipe-run batches of this station
    batches_blocked: int = 0  # an open critical exception waits on QA
    batches_to_do: int = 0  # a step may be executed now


def read_station_status(db: Database, station: str,
                        now: datetime | None = None) -> StationStatus:
    """Gather the snapshot; blocking (database), so call it from a worker."""
    with db.read() as s:
        pending = pending_count(s)
        backlog = verification_backlog(s, now or datetime.now(UTC))
    snaps = station_batches(db, station)
    blocked = sum(1 for b in snaps if b.progress is not None and b.progress.blocked)
    to_do = sum(1 for b in snaps if b.progress is not None and b.progress.executable)
    return StationStatus(station=station, pending_sync=pending,
                         server_state="not_enrolled",
                         awaiting_verification=backlog.awaiting,
                         overdue_verification=backlog.overdue,
                         verification_overdue_minutes=backlog.overdue_minutes,
                         batches=len(snaps), batches_blocked=blocked, batches_to_do=to_do)
