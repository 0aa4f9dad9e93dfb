"""Per-second rows from the ring buffers, the historian's 1 s tier for what they no longer
hold, its 10 s rows for what neither holds, and full resolution around alarms."""

from __future__ import annotations

import numpy as np

from operator_console.application.phase_data import PhaseDataSender
from operator_console.domain.historian_rows import HistorianRow
from operator_console.instruments.phase_data import build_phase_data
from operator_console.instruments.ringbuffer import Quality, RingBuffer
from operator_console.services import Services
from operator_console.store.historian_seconds import SqliteSecondsSink
from operator_console.store.instruments import SqliteHistorianSink
from operator_console.store.process_data import pending_phase_steps
from tests.helpers.phase_data import record_phase


def test_per_second_rows_and_alarm_window() -> None:
    buf = RingBuffer(10_000)
    t = 100.0 + np.arange(3000) / 10  # 300 s at 10 Hz
    v = np.where((t >= 200) & (t < 201), 50.0, 37.0)
    buf.extend(t[:1500], v[:1500])
    buf.extend(t[1500:1510], v[1500:1510], Quality.BAD)
    buf.extend(t[1510:], v[1510:])
    data = build_phase_data("B", "S", "r", 100.0, 400.0, ["temp"], [("temp", 200.0, 201.0)],
                            lambda k: buf if k == "temp" else None, lambda *_: [],
                            lambda *_: [])
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
                            lambda k, a, b: [h for h in hist if a <= h.interval_start < b],
                            lambda *_: [])
    rows = data.channels["c"]
    coarse = [r for r in rows if r[1] == 10]
    fine = [r for r in rows if r[1] == 1]
    assert [r[0] for r in coarse] == [0, 10, 20, 30, 40, 50]
    assert [r[0] for r in fine] == list(range(60, 120))


def test_the_seconds_tier_fills_before_the_buffer_and_the_10s_rows_before_that() -> None:
    buf = RingBuffer(600)  # the last 60 s at 10 Hz
    t = np.arange(1200) / 10
    buf.extend(t, np.full(1200, 5.0))
    hist = [HistorianRow("c", s, 10, 100, 0, 0, 4.0, 6.0, 5.0, 5.0, s + 9.9)
            for s in range(0, 120, 10)]
    secs = [HistorianRow("c", s, 1, 10, 1, 0, 4.5, 5.5, 5.0, None, None)
            for s in range(35, 120)]  # the 1 s tier starts mid-way through a 10 s row
    data = build_phase_data(
        "B", "S", "r", 0.0, 120.0, ["c"], [], lambda _k: buf,
        lambda k, a, b: [h for h in hist if a <= h.interval_start < b],
        lambda k, a, b: [h for h in secs if a <= h.interval_start < b])
    rows = data.channels["c"]
    assert [(r[0], r[1]) for r in rows if r[1] == 10] == [(0, 10), (10, 10), (20, 10), (30, 10)]
    assert [r[0] for r in rows if r[1] == 1] == list(range(40, 120))  # no second twice
    assert {r[2] for r in rows if r[1] == 1 and r[0] < 60} == {9}  # from the 1 s tier
    assert {r[2] for r in rows if r[0] >= 60} == {10}  # from the buffer


def test_a_phase_longer_than_the_buffer_is_per_second_throughout(services: Services) -> None:
    phase = record_phase(services, seconds=1800.0, buffer_s=300.0)
    db = services.db
    data = PhaseDataSender(db, phase.buffers.get, SqliteHistorianSink(db).rows_between,
                           SqliteSecondsSink(db).rows_between).build(
        pending_phase_steps(db)[0])
    for key, points in data.channels.items():
        assert [p[0] for p in points] == list(range(int(phase.start), int(phase.end))), key
        assert {p[1] for p in points} == {1}
        assert sum(p[2] == 0 for p in points) == 5  # the bad stretch, 15 min in
        buffered = phase.buffers[key].between(phase.start, phase.end)
        tail = [p for p in points if p[0] >= buffered.t[0]]
        assert len(tail) == 300 and all(p[2] == 10 for p in tail)


def test_kept_samples_fill_what_the_buffer_dropped_each_sample_once() -> None:
    t = 1000.0 + np.arange(6000) / 10  # 600 s at 10 Hz
    v = 37.0 + np.sin(t)
    whole, late = RingBuffer(len(t)), RingBuffer(len(t))
    whole.extend(t, v)
    late.extend(t[3000:], v[3000:])  # the buffer now holds from 1300 s on
    alarms = [("ph", 1250.0, 1320.0)]  # its window: 1190 s .. 1380 s
    lo, hi = 1190.0, 1380.0
    from operator_console.instruments.phase_data import raw

    kept = raw(whole.between(lo, hi), lo, hi)  # what the keeper took from the buffer then

    def kept_points(key: str, t0: float, t1: float) -> list[tuple[float | int | None, ...]]:
        return [p for p in kept if key == "ph" and t0 <= float(p[0] or 0) <= t1]

    def build(buf: RingBuffer, with_kept: bool) -> tuple[tuple[float | int | None, ...], ...]:
        data = build_phase_data("B", "S", "R", 1000.0, 1600.0, ["ph"], alarms,
                                lambda key: buf, lambda *a: [], lambda *a: [],
                                kept_points if with_kept else None)
        (window,) = data.windows
        assert (window.start, window.end) == (lo, hi)
        return window.points

    full = build(whole, False)
    assert len(full) == 1901
    assert len(build(late, False)) == 801  # only what the buffer still holds
    merged = build(late, True)
    assert merged == full  # every sample, once, in order
    assert build(whole, True) == full  # the buffer holds it all: the kept copy adds nothing
