"""The historian's 1 s tier in the station database, kept only while it is needed.

The ring buffers hold a day of full-rate samples; an expansion phase runs 10–14 days, and its
process data must carry per-second min/max/mean for all of it. So the historian also writes
one row per channel and second here (``Historian``'s seconds tier), and
``instruments.phase_data`` builds the part of a phase the buffers no longer hold from these
rows. The table is keyed by (channel, second), without a rowid: a row costs its key and its
values, nothing else. A second written twice (a sample that arrived after its second was
written) merges into the one row, as partial aggregates merge.

Retention (``apply_retention``, run by the historian hourly): a second is deleted once it is
older than ``historian_seconds_days`` days *and* no instrument phase still needs it — a phase
needs its seconds until the plant server has acknowledged every chunk of its process data
(``store.process_data.earliest_unsent_phase_start``). Whatever happens, nothing is kept longer
than ``historian_retention_days`` (the 10 s rows' own full period), so a station that never
reaches its server still has a bounded file; the 10 s rows then remain.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.sqlite import insert

from operator_console.domain.historian_rows import HistorianRow
from operator_console.store.db import Database
from operator_console.store.instrument_models import HistorianSecondModel as Row
from operator_console.store.process_data import earliest_unsent_phase_start
from operator_console.store.settings import get_setting

DAY = 86400.0


def _merged() -> dict[str, object]:
    """The ON CONFLICT update: the stored row and the new one merged exactly."""
    new = insert(Row).excluded
    good_old, good_new = Row.count - Row.bad_count, new.count - new.bad_count
    return {
        "count": Row.count + new.count,
        "bad_count": Row.bad_count + new.bad_count,
        "uncertain_count": Row.uncertain_count + new.uncertain_count,
        "min": func.coalesce(func.min(Row.min, new.min), Row.min, new.min),
        "max": func.coalesce(func.max(Row.max, new.max), Row.max, new.max),
        "mean": func.coalesce(
            (func.coalesce(Row.mean, 0.0) * good_old + func.coalesce(new.mean, 0.0) * good_new)
            / func.nullif(good_old + good_new, 0),
            Row.mean,
            new.mean,
        ),
    }


class SqliteSecondsSink:
    """The 1 s tier's sink: each ``write_rows`` call is one transaction (all or nothing)."""

    interval_s = 1.0

    def __init__(self, db: Database) -> None:
        self.db = db

    def write_rows(self, rows: Sequence[HistorianRow]) -> None:
        if any(r.interval_s != self.interval_s for r in rows):
            raise ValueError("the seconds tier takes rows of 1 s only")
        if not rows:
            return
        values = [
            {
                "channel_key": r.channel_key,
                "t": int(r.interval_start),
                "count": r.count,
                "bad_count": r.bad_count,
                "uncertain_count": r.uncertain_count,
                "min": r.min,
                "max": r.max,
                "mean": r.mean,
            }
            for r in rows
        ]
        stmt = insert(Row).on_conflict_do_update(
            index_elements=["channel_key", "t"], set_=_merged()
        )
        with self.db.transaction() as s:
            s.execute(stmt, values)

    def rows_between(self, channel_key: str, t0: float, t1: float) -> list[HistorianRow]:
        """The channel's seconds starting in ``[t0, t1)``, oldest first (``last`` is not kept
        at this tier: None)."""
        with self.db.read() as s:
            found = s.execute(
                select(
                    Row.t, Row.count, Row.bad_count, Row.uncertain_count, Row.min, Row.max, Row.mean
                )
                .where(
                    Row.channel_key == channel_key,
                    Row.t >= math.ceil(t0),
                    Row.t < t1,
                )
                .order_by(Row.t)
            ).all()
        return [
            HistorianRow(channel_key, float(t), 1.0, n, bad, unc, lo, hi, mean, None, None)
            for t, n, bad, unc, lo, hi, mean in found
        ]

    def cutoff(self, now: float) -> float:
        """Seconds before this may go: older than the tier's days and needed by no phase,
        and never older than the 10 s rows' full period."""
        with self.db.read() as s:
            days = float(get_setting(s, "historian_seconds_days"))
            longest = float(get_setting(s, "historian_retention_days"))
        needed = earliest_unsent_phase_start(self.db)
        cutoff = now - days * DAY
        if needed is not None:
            cutoff = min(cutoff, needed)
        return max(cutoff, now - longest * DAY)

    def apply_retention(self, now: float) -> int:
        """Delete the seconds before ``cutoff(now)``, a channel at a time (each a range of the
        key, one short transaction); returns the number of rows deleted."""
        return self.prune_before(self.cutoff(now))

    def prune_before(self, cutoff: float) -> int:
        deleted = 0
        for key in self.channels():
            with self.db.transaction() as s:
                result = s.execute(delete(Row).where(Row.channel_key == key, Row.t < cutoff))
                deleted += int(getattr(result, "rowcount", 0) or 0)
        return deleted

    def channels(self) -> list[str]:
        """The channels that have rows: one seek each along the key, not a scan."""
        keys: list[str] = []
        with self.db.read() as s:
            key = s.scalar(select(func.min(Row.channel_key)))
            while key is not None:
                keys.append(key)
                key = s.scalar(select(func.min(Row.channel_key)).where(Row.channel_key > key))
        return keys
