"""Keeping the full-resolution samples around each alarm before the ring buffer drops them.

:meth:`AlarmWindowKeeper.run_once`, run off the UI thread every 30 s just before the
``PhaseDataSender`` (``InstrumentRuntime`` submits both to the TaskRunner), reads the alarms
of the audit trail and, for each part of an alarm's window that is complete
(``domain.process_data.kept_alarm_spans``: the first and last ``ALARM_KEEP_CAP_S`` seconds of
``ALARM_MARGIN_S`` before the raise to as much after the clearing), copies the channel's
samples out of its ring buffer into ``store.alarm_windows``, once. A phase's data then takes
the samples its buffer no longer holds from there (``instruments.phase_data``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from operator_console.domain.process_data import kept_alarm_spans
from operator_console.instruments.phase_data import SampleBuffer, raw
from operator_console.store.alarm_windows import SqliteAlarmWindows
from operator_console.store.db import Database

log = logging.getLogger(__name__)

DAY = 86400.0
#: The audit trail stamps an alarm to the microsecond; a kept window reaches this much further
#: either side, so that the step record's exact alarm times fall inside it.
SLACK_S = 1e-3
#: How far back the audit trail is read for alarms: longer than the ring buffers hold (a
#: day), so every window they may still hold is seen; an alarm that has been active longer
#: kept its first minutes long ago and is found again by its clearing.
LOOKBACK_S = 2 * DAY


class AlarmWindowKeeper:
    """``grace_s``: how long after a window's end its last samples are surely in the buffer
    (they arrive by polling). A window looked at once (kept, or no longer in the buffer) is
    not looked at again by this keeper."""

    def __init__(
        self,
        db: Database,
        buffer: Callable[[str], SampleBuffer | None],
        *,
        clock: Callable[[], float] = time.time,
        grace_s: float = 5.0,
        lookback_s: float = LOOKBACK_S,
        retention_every_s: float = 3600.0,
    ) -> None:
        self._db, self._buffer, self._clock = db, buffer, clock
        self.store = SqliteAlarmWindows(db)
        self._grace, self._lookback = grace_s, lookback_s
        self._retention_every = retention_every_s
        self._retained_at = -float("inf")
        self._done: set[tuple[str, float, float]] = set()  # (channel, lo, hi) kept or gone

    def run_once(self, now: float | None = None) -> int:
        """Keep every complete window not kept yet; returns the number of windows kept."""
        now = self._clock() if now is None else now
        saved = 0
        for channel, raised, cleared in self.store.alarms_since(now - self._lookback):
            buf = self._buffer(channel)
            if buf is None:
                continue
            for lo, hi in kept_alarm_spans(raised, cleared, now - self._grace):
                lo, hi = lo - SLACK_S, hi + SLACK_S
                if (channel, lo, hi) in self._done:
                    continue
                self._done.add((channel, lo, hi))
                if self.store.kept(channel, lo):
                    continue
                snap = buf.between(lo, hi)
                if not snap.t.size:  # the buffer no longer (or never) held it
                    continue
                if self.store.save(channel, lo, hi, raw(snap, lo, hi)):
                    saved += 1
                    log.info("alarm window of %s kept (%d samples)", channel, snap.t.size)
        if now - self._retained_at >= self._retention_every:
            self._retained_at = now
            self._done = {d for d in self._done if d[2] >= now - self._lookback}
            self.store.apply_retention(now)
        return saved
