"""A recorded instrument phase at a console, with samples in real ring buffers: what the
process-data tests and the benchmark push (the EXPANSION phase of the demo recipe)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np

from operator_console.domain.batch_execution.step_record import step_record_content
from operator_console.domain.demo_data import DEMO_BATCH
from operator_console.domain.recipes import recipe_ref
from operator_console.domain.recipes.demo import demo_recipe
from operator_console.domain.records import RecordDraft, RecordType
from operator_console.instruments.historian import Historian
from operator_console.instruments.ringbuffer import Quality, RingBuffer, Sample
from operator_console.services import Services
from operator_console.store.historian_seconds import SqliteSecondsSink
from operator_console.store.instruments import SqliteHistorianSink
from operator_console.store.records import create_record

RECIPE = demo_recipe()
REF = recipe_ref(RECIPE)
PHASE = next(s for s in RECIPE.steps if s.step_id == "EXPANSION")


@dataclass
class RecordedPhase:
    record_id: str
    buffers: dict[str, RingBuffer]
    start: float
    end: float
    #: With ``buffer_s``: every sample of the phase, as the buffers held them at the time.
    history: dict[str, RingBuffer] = field(default_factory=dict)


class _Samples:
    """A sample source for the historian: the given samples, once."""

    def __init__(self, samples: list[Sample]) -> None:
        self._samples = samples

    def drain_samples(self, max_items: int | None = None) -> list[Sample]:
        out, self._samples = self._samples, []
        return out


def record_phase(services: Services, seconds: float = 7200.0, rate_hz: float = 10.0,
                 t0: float = 1_790_000_000.0, batch: str = DEMO_BATCH,
                 buffer_s: float | None = None) -> RecordedPhase:
    """Samples of the phase's channels over ``seconds`` (an alarm on the first channel a
    third of the way in, a bad-quality stretch) and its step record in the store. With
    ``buffer_s`` the ring buffers hold only the last ``buffer_s`` seconds (as a day-long
    buffer does of a two-week phase) and the station's historian (both tiers, in the store)
    has every sample."""
    assert PHASE.phase is not None
    channels = [c.channel for c in PHASE.phase.channels]
    end = t0 + seconds
    t = t0 + np.arange(int(seconds * rate_hz)) / rate_hz
    buffers = {}
    history = {}
    samples: list[Sample] = []
    capacity = len(t) + 10 if buffer_s is None else int(buffer_s * rate_hz)
    for i, key in enumerate(channels):
        buf = RingBuffer(capacity)
        if buffer_s is not None:
            history[key] = RingBuffer(len(t) + 10)
        v = 37.0 + 0.2 * np.sin(t / 60.0 + i)
        if i == 0:
            v = np.where((t > t0 + seconds / 3) & (t < t0 + seconds / 3 + 40), 38.4, v)
        for b in (buf, history.get(key)):
            if b is None:
                continue
            b.extend(t[: len(t) // 2], v[: len(t) // 2])
            b.extend(t[len(t) // 2: len(t) // 2 + 50], v[len(t) // 2: len(t) // 2 + 50],
                     Quality.BAD)
            b.extend(t[len(t) // 2 + 50:], v[len(t) // 2 + 50:])
        buffers[key] = buf
        if buffer_s is not None:
            bad = np.zeros(len(t), dtype=bool)
            bad[len(t) // 2: len(t) // 2 + 50] = True
            samples += [Sample(key, ti, math.nan if b else vi,
                               Quality.BAD if b else Quality.GOOD)
                        for ti, vi, b in zip(t.tolist(), v.tolist(), bad.tolist(), strict=True)]
    if samples:
        Historian(_Samples(samples), SqliteHistorianSink(services.db),
                  seconds=SqliteSecondsSink(services.db)).flush()
    raised = t0 + seconds / 3
    actual = {"start": t0, "end": end,
              "channels": {k: {"count": len(t), "min": 36.8, "max": 38.4, "mean": 37.0}
                           for k in channels},
              "alarms": [{"channel": channels[0], "raised_at": raised + 5,
                          "cleared_at": raised + 40, "value": 38.4, "limit": "high"}]}
    with services.db.transaction() as s:
        row = create_record(s, services.audit, RecordDraft(
            RecordType.STEP_RECORD, batch, step_record_content(REF, PHASE, actual)),
            created_by="op01", at=datetime.now(UTC))
        record_id = row.record_id
    assert not math.isnan(end)
    return RecordedPhase(record_id, buffers, t0, end, history)
