"""Channel configuration and historian rows in the local store.

``SqliteHistorianSink`` is the historian's sink: each ``write_rows`` call is one transaction
(all or nothing), and ``prune_before`` bounds the table's size by age.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from sqlalchemy import delete, select

from operator_console.domain.channels import ChannelConfig
from operator_console.domain.historian_rows import HistorianRow
from operator_console.store.audit import AuditLog
from operator_console.store.db import Database
from operator_console.store.instrument_models import ChannelRow, HistorianRowModel

_CHANNEL_FIELDS = ("endpoint", "node_id", "name_en", "name_ja", "unit", "display_min",
                   "display_max", "low_limit", "high_limit", "hysteresis", "alarm_delay_s",
                   "stale_after_s", "decimals")


def load_channels(db: Database) -> list[ChannelConfig]:
    with db.read() as s:
        rows = s.scalars(select(ChannelRow).order_by(ChannelRow.key)).all()
        return [ChannelConfig(key=r.key, **{f: getattr(r, f) for f in _CHANNEL_FIELDS})
                for r in rows]


def channel_security(db: Database) -> dict[str, tuple[str | None, str | None]]:
    """Per endpoint: (asyncua security string, pinned server certificate path)."""
    with db.read() as s:
        return {r.endpoint: (r.security, r.server_certificate)
                for r in s.scalars(select(ChannelRow))}


def save_channels(db: Database, audit: AuditLog, channels: Sequence[ChannelConfig], *,
                  actor: str, reason: str) -> int:
    """Insert or update channel configuration; each change is an audited configuration
    change. Returns how many channels changed."""
    changed = 0
    with db.transaction() as s:
        for ch in channels:
            new = {f: getattr(ch, f) for f in _CHANNEL_FIELDS}
            row = s.get(ChannelRow, ch.key)
            old = {f: getattr(row, f) for f in _CHANNEL_FIELDS} if row else None
            if old == new:
                continue
            if row is None:
                s.add(ChannelRow(key=ch.key, security=None, server_certificate=None, **new))
            else:
                for f, v in new.items():
                    setattr(row, f, v)
            audit.append(s, actor=actor, event="channel_configured", target=ch.key,
                         reason=reason, old=old, new=new)
            changed += 1
    return changed


class SqliteHistorianSink:
    """The historian's rows in the station database (one transaction per batch)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def write_rows(self, rows: Sequence[HistorianRow]) -> None:
        with self.db.transaction() as s:
            s.add_all(HistorianRowModel(**asdict(r)) for r in rows)

    def prune_before(self, cutoff: float) -> None:
        with self.db.transaction() as s:
            s.execute(delete(HistorianRowModel).where(HistorianRowModel.interval_start < cutoff))

    def rows_between(self, channel_key: str, t0: float, t1: float) -> list[HistorianRow]:
        with self.db.read() as s:
            found = s.scalars(select(HistorianRowModel).where(
                HistorianRowModel.channel_key == channel_key,
                HistorianRowModel.interval_start >= t0, HistorianRowModel.interval_start < t1,
            ).order_by(HistorianRowModel.interval_start)).all()
            return [HistorianRow(
                channel_key=r.channel_key, interval_start=r.interval_start,
                interval_s=r.interval_s, count=r.count, bad_count=r.bad_count,
                uncertain_count=r.uncertain_count, min=r.min, max=r.max, mean=r.mean,
                last=r.last, last_t=r.last_t) for r in found]
