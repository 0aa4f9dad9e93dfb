"""Station settings (key/value); every change is an audited configuration change."""

from __future__ import annotations

from sqlalchemy.orm import Session

from operator_console.store.audit import AuditLog
from operator_console.store.models import Setting

DEFAULTS: dict[str, str] = {
    "station_name": "STATION-01",
    "idle_lock_seconds": "300",
    "lockout_threshold": "5",
    "verification_overdue_minutes": "60",
    # Fields of the cassette flow that may be typed instead of scanned (comma-separated:
    # batch, cassette, bag, bay); typed entries are marked "typed" in the record.
    "allow_typed_entry": "batch,bay",
    # The batch in process at this station: alarm acknowledgements are recorded against it.
    "current_batch": "",
}


def get_setting(session: Session, key: str) -> str:
    row = session.get(Setting, key)
    if row is not None:
        return row.value
    return DEFAULTS[key]


def set_setting(session: Session, audit: AuditLog, key: str, value: str, *, actor: str,
                reason: str = "") -> None:
    if key not in DEFAULTS:
        raise KeyError(f"unknown setting {key!r}")
    row = session.get(Setting, key)
    old = row.value if row is not None else None
    if old == value:
        return
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    audit.append(session, actor=actor, event="setting_changed", target=key, reason=reason,
                 old=old, new=value)
