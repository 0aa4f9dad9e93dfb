"""Sending each recorded instrument phase's process data to the plant server.

Whoever records an instrument phase (the batch step screens, a migration of old data) only
writes the step record; :meth:`PhaseDataSender.run_once`, run periodically off the UI thread
(``InstrumentRuntime`` submits it to the TaskRunner), finds every phase step record whose data
is not queued yet, builds the phase's data from the ring buffers and the historian's 1 s tier
(``instruments.phase_data``: per-second rows for the whole phase) and queues it through the
outbox, once (``store.process_data``). Only for a part that neither holds any more (the 1 s
tier keeps a second until its phase's data is acknowledged, and no longer than the 10 s rows'
full period) are the historian's 10 s rows sent, at their own interval, which each point
states. The full-resolution windows around alarms come from the buffers and, for what they
no longer hold, from the windows ``application.alarm_windows.AlarmWindowKeeper`` kept.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from operator_console.domain.process_data import PhaseData
from operator_console.instruments.phase_data import (
    HistorianRows,
    KeptSamples,
    SampleBuffer,
    build_phase_data,
)
from operator_console.store.db import Database
from operator_console.store.process_data import PhaseStep, pending_phase_steps, queue_phase_data

log = logging.getLogger(__name__)


class PhaseDataSender:
    def __init__(self, db: Database, buffer: Callable[[str], SampleBuffer | None],
                 historian: HistorianRows, seconds: HistorianRows,
                 kept: KeptSamples | None = None) -> None:
        self._db, self._buffer = db, buffer
        self._historian, self._seconds, self._kept = historian, seconds, kept

    def build(self, step: PhaseStep) -> PhaseData:
        return build_phase_data(step.batch_id, step.step_id, step.step_record_id, step.start,
                                step.end, step.channels, step.alarms, self._buffer,
                                self._historian, self._seconds, self._kept)

    def run_once(self) -> int:
        """Queue the data of every phase not queued yet; returns the number of phases."""
        done = 0
        for step in pending_phase_steps(self._db):
            data = self.build(step)
            if queue_phase_data(self._db, data):
                done += 1
                log.info("process data of %s/%s queued (%d points)", step.batch_id,
                         step.step_id, data.point_count())
        return done
