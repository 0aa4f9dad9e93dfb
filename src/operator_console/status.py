"""A snapshot of the station's state for Home and the status strip (plain data, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

from operator_console.services import Services
from operator_console.store.outbox import pending_count


@dataclass(frozen=True)
class StationStatus:
    station: str
    pending_sync: int
    server_state: str  # "not_enrolled" until the sync issue lands; then online/offline/syncing


def read_station_status(services: Services) -> StationStatus:
    """Gather the snapshot; blocking (database), so call it from a worker."""
    with services.db.read() as s:
        pending = pending_count(s)
    return StationStatus(station=services.station, pending_sync=pending,
                         server_state="not_enrolled")
