"""Per-second rows from the ring buffers, the historian for what they no longer hold, and
full resolution around alarms."""

from __future__ import annotations

import numpy as np

from operator_console.domain.historian_rows import HistorianRow
from operator_console.instruments.phase_data import build_phase_data
from operator_console.instruments.ringbuffer import Quality, RingBuffer


def test_per_second_rows_and_alarm_window() -> None:
    buf = RingBuffer(10_000)
    t = 100.0 + np.arange(3000) / 10  # 300 s at 10 Hz
    v = np.where((t >= 200) & (t < 201), 50.0, 37.0)
    buf.extend(t[:1500], v[:1500])
    buf.extend(t[1500:1510], v[1500:1510], Quality.BAD)
    buf.extend(t[1510:], v[1510:])
    data = build_phase_data("B", "S", "r", 100.0, 400.0, ["temp"], [("temp", 200.0, 201.0)],
                            lambda k: buf if k == "temp" else None, lambda *_: [])
    rows = data.channels["temp"]
    assert len(rows) == 300 and all(r[1] == 1 for r in rows)
    by_t = {r[0]: r for r in rows}
    assert by_t[200][3:] == (50, 50, 50.0) and by_t[200][2] == 10
    assert by_t[250][2] == 0 and by_t[250][3] is None  # one second of bad samples
    [window] = data.windows
    assert (window.start, window.end) == (140.0, 261.0)
    assert len(window.points) == 1211 and window.points[0] == (140.0, 37.0, 0)
    assert sum(p[1] is None for p in window.points) == 10


def test_the_historian_fills_what_the_buffer_no_longer_holds() -> None:
    buf = RingBuffer(600)  # only the last 60 s at 10 Hz
    t = 0.0 + np.arange(1200) / 10
    buf.extend(t, np.full(1200, 5.0))
    hist = [HistorianRow("c", s, 10, 100, 0, 0, 4.0, 6.0, 5.0, 5.0, s + 9.9)
            for s in range(0, 120, 10)]
    data = build_phase_data("B", "S", "r", 0.0, 120.0, ["c"], [], lambda _k: buf,
                            lambda k, a, b: [h for h in hist if a <= h.interval_start < b])
    rows = data.channels["c"]
    coarse = [r for r in rows if r[1] == 10]
    fine = [r for r in rows if r[1] == 1]
    assert [r[0] for r in coarse] == [0, 10, 20, 30, 40, 50]
    assert [r[0] for r in fine] == list(range(60, 120))
