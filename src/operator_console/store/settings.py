"""Station settings (key/value); every change is an audited configuration change."""

from __future__ import annotations

from sqlalchemy.orm import Session

from operator_console.settings_defaults import DEFAULTS
from operator_console.store.audit import AuditLog
from operator_console.store.models import Setting

__all__ = ["DEFAULTS", "get_setting", "set_setting"]


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
