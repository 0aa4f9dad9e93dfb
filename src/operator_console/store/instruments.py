"""Channel configuration and historian rows in the local store.

``SqliteHistorianSink`` is the historian's sink: each ``write_rows`` call is one transaction
(all or nothing). ``apply_retention`` bounds the table by the station's settings: rows of
the full interval older than ``historian_retention_days`` are merged into 15 min rows (one
transaction per day of them, so a long backlog never holds the write lock for long), and
those older than ``historian_compacted_days`` are deleted; SQLite reuses the freed pages,
so the file stops growing. Only the ``historian`` table is touched: audit entries, records
and signatures never are. (Historian rows are not sent to the plant server yet; once they
are, "reached the plant server" becomes a condition of compacting too.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from sqlalchemy import delete, func, select

from operator_console.domain.channels import ChannelConfig
from operator_console.domain.historian_rows import HistorianRow, RetentionPolicy, merge_rows
from operator_console.store.audit import AuditLog
from operator_console.store.db import Database
from operator_console.store.instrument_models import ChannelRow, HistorianRowModel
from operator_console.store.settings import get_setting

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

    def policy(self) -> RetentionPolicy:
        """The station's retention settings."""
        with self.db.read() as s:
            return RetentionPolicy(float(get_setting(s, "historian_retention_days")),
                                   float(get_setting(s, "historian_compacted_days")))

    def apply_retention(self, now: float, policy: RetentionPolicy | None = None) -> int:
        """Compact and prune by ``policy`` (default: the settings); rows merged."""
        policy = policy or self.policy()
        self.prune_before(policy.prune_cutoff(now))
        return self.compact_before(policy.compact_cutoff(now), policy.coarse_s)

    def compact_before(self, cutoff: float, coarse_s: float, batch_s: float = 86400.0) -> int:
        """Merge the rows finer than ``coarse_s`` that start before ``cutoff`` into rows of
        ``coarse_s``, oldest first, a day at a time; returns how many rows were merged."""
        fine = (HistorianRowModel.interval_s < coarse_s,
                HistorianRowModel.interval_start < cutoff)
        merged = 0
        while True:
            with self.db.transaction() as s:
                first = s.scalar(select(func.min(HistorianRowModel.interval_start)).where(*fine))
                if first is None:
                    return merged
                end = min(cutoff, (first // batch_s + 1) * batch_s)
                found = s.scalars(select(HistorianRowModel).where(
                    *fine, HistorianRowModel.interval_start < end)).all()
                rows = [_row(r) for r in found]
                s.execute(delete(HistorianRowModel).where(
                    *fine, HistorianRowModel.interval_start < end))
                s.add_all(HistorianRowModel(**asdict(r)) for r in merge_rows(rows, coarse_s))
                merged += len(rows)

    def rows_between(self, channel_key: str, t0: float, t1: float) -> list[HistorianRow]:
        with self.db.read() as s:
            found = s.scalars(select(HistorianRowModel).where(
                HistorianRowModel.channel_key == channel_key,
                HistorianRowModel.interval_start >= t0, HistorianRowModel.interval_start < t1,
            ).order_by(HistorianRowModel.interval_start)).all()
            return [_row(r) for r in found]


def _row(r: HistorianRowModel) -> HistorianRow:
    return HistorianRow(
        channel_key=r.channel_key, interval_start=r.interval_start, interval_s=r.interval_s,
        count=r.count, bad_count=r.bad_count, uncertain_count=r.uncertain_count, min=r.min,
        max=r.max, mean=r.mean, last=r.last, last_t=r.last_t)
