"""Full-resolution samples around alarms, kept in the station database while the ring buffers
still hold them.

The ring buffers keep a day; an expansion phase runs 10–14 days, and its process data must
carry the full-resolution samples around every alarm (``domain.process_data.alarm_spans``).
So ``application.alarm_windows.AlarmWindowKeeper`` copies each alarm's window out of the
buffer here once it is complete (at most its first and its last ``ALARM_KEEP_CAP_S`` seconds,
see ``kept_alarm_spans``), and ``instruments.phase_data`` takes from these rows the samples the
buffer no longer holds. A window is keyed by (channel, start): saving it again changes nothing.
The alarms are read from the audit trail (``alarm_raised``/``alarm_cleared`` entries, stamped
with the transition's sample time, which is what the step record's alarms carry too).

Retention (``apply_retention``, run by the keeper hourly): a window goes once it ends before
the 1 s tier's cutoff (``SqliteSecondsSink.cutoff``: older than ``historian_seconds_days`` and
needed by no phase whose process data the plant server has not acknowledged, and never older
than ``historian_retention_days``).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from operator_console.domain.audit_events import AuditEvent
from operator_console.domain.manifestation import format_utc_iso
from operator_console.domain.process_data import Point
from operator_console.store.db import Database
from operator_console.store.historian_seconds import SqliteSecondsSink
from operator_console.store.instrument_models import AlarmRawWindowModel as Row
from operator_console.store.models import AuditEntry

Alarm = tuple[str, float, float | None]


def _encode(points: Sequence[Point]) -> bytes:
    return zlib.compress(
        json.dumps([list(p) for p in points], separators=(",", ":"), allow_nan=False).encode()
    )


def _decode(blob: bytes) -> list[Point]:
    return [tuple(p) for p in json.loads(zlib.decompress(blob))]


def _epoch(ts: str) -> float:
    return datetime.fromisoformat(ts).timestamp()


class SqliteAlarmWindows:
    """The kept windows of the station database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def save(self, channel_key: str, t0: float, t1: float, points: Sequence[Point]) -> bool:
        """Keep ``points`` as the channel's window ``[t0, t1]``; False if it was kept already
        (the first one stays)."""
        stmt = (
            insert(Row)
            .values(
                channel_key=channel_key, t0=t0, t1=t1, count=len(points), points=_encode(points)
            )
            .on_conflict_do_nothing()
        )
        with self.db.transaction() as s:
            result = s.execute(stmt)
            return bool(getattr(result, "rowcount", 0))

    def kept(self, channel_key: str, t0: float) -> bool:
        with self.db.read() as s:
            return s.get(Row, (channel_key, t0)) is not None

    def points_between(self, channel_key: str, t0: float, t1: float) -> list[Point]:
        """The channel's kept samples in ``[t0, t1]``, oldest first, each time once."""
        with self.db.read() as s:
            blobs = s.scalars(
                select(Row.points).where(Row.channel_key == channel_key, Row.t0 <= t1, Row.t1 >= t0)
            ).all()
        by_t: dict[float, Point] = {}
        for blob in blobs:
            for p in _decode(blob):
                t = float(p[0] or 0)
                if t0 <= t <= t1:
                    by_t.setdefault(t, p)
        return [by_t[t] for t in sorted(by_t)]

    def alarms_since(self, since: float) -> list[Alarm]:
        """``(channel, raised_at, cleared_at)`` of every alarm raised or cleared after
        ``since``, from the audit trail (cleared_at None: still active; an alarm raised
        before ``since`` and still active is not listed)."""
        with self.db.read() as s:
            rows = s.execute(
                select(AuditEntry.event, AuditEntry.target, AuditEntry.ts)
                .where(
                    AuditEntry.event.in_(
                        (AuditEvent.ALARM_RAISED.value, AuditEvent.ALARM_CLEARED.value)
                    ),
                    AuditEntry.ts >= format_utc_iso(datetime.fromtimestamp(since, UTC)),
                )
                .order_by(AuditEntry.seq)
            ).all()
            out: list[Alarm] = []
            open_at: dict[str, int] = {}
            for event, target, ts in rows:
                if event == AuditEvent.ALARM_RAISED.value:
                    if target not in open_at:
                        open_at[target] = len(out)
                        out.append((target, _epoch(ts), None))
                elif target in open_at:
                    i = open_at.pop(target)
                    out[i] = (target, out[i][1], _epoch(ts))
                elif (raised := self._raised_before(s, target, ts)) is not None:
                    out.append((target, raised, _epoch(ts)))  # raised before ``since``
        return out

    @staticmethod
    def _raised_before(s: Session, channel_key: str, ts: str) -> float | None:
        """When the alarm that cleared at ``ts`` was raised (the channel's last raise)."""
        found = s.scalar(
            select(AuditEntry.ts)
            .where(
                AuditEntry.event == AuditEvent.ALARM_RAISED.value,
                AuditEntry.target == channel_key,
                AuditEntry.ts < ts,
            )
            .order_by(AuditEntry.seq.desc())
            .limit(1)
        )
        return None if found is None else _epoch(found)

    def apply_retention(self, now: float) -> int:
        """Delete the windows that end before the 1 s tier's cutoff; returns how many."""
        cutoff = SqliteSecondsSink(self.db).cutoff(now)
        with self.db.transaction() as s:
            result = s.execute(delete(Row).where(Row.t1 < cutoff))
            return int(getattr(result, "rowcount", 0) or 0)
