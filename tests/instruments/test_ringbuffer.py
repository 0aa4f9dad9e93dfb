"""RingBuffer: incremental snapshots, wrap-around, windows, decimation, threads."""

from __future__ import annotations

import math
import threading

import numpy as np
import pytest

from operator_console.instruments.ringbuffer import Quality, RingBuffer


def filled(n: int, capacity: int) -> RingBuffer:
    buf = RingBuffer(capacity)
    for i in range(n):
        buf.append(float(i), float(i) * 10)
    return buf


def test_empty_buffer() -> None:
    buf = RingBuffer(4)
    snap = buf.snapshot(0)
    assert snap.version == 0 and len(snap.t) == 0 and snap.reset
    assert len(buf) == 0 and buf.last_update_monotonic is None and buf.last_quality is None
    t, v, q = buf.latest()
    assert math.isnan(t) and math.isnan(v) and q is None
    assert len(buf.window(10).t) == 0
    x, y = buf.decimated(0, 10, 100)
    assert len(x) == len(y) == 0


def test_snapshot_returns_only_new_samples() -> None:
    buf = filled(5, 10)
    first = buf.snapshot(0)
    assert first.version == 5 and first.reset
    np.testing.assert_array_equal(first.t, [0, 1, 2, 3, 4])
    assert buf.snapshot(first.version).t.size == 0
    buf.append(5.0, 50.0)
    buf.append(6.0, 60.0)
    nxt = buf.snapshot(first.version)
    assert not nxt.reset and nxt.version == 7
    np.testing.assert_array_equal(nxt.values, [50, 60])


def test_arrays_are_independent_copies() -> None:
    buf = filled(3, 3)
    snap = buf.snapshot(0)
    for i in range(3, 6):
        buf.append(float(i), 0.0)
    np.testing.assert_array_equal(snap.t, [0, 1, 2])
    assert snap.t.flags.c_contiguous and snap.values.flags.c_contiguous


def test_wraparound_keeps_newest_in_order() -> None:
    buf = filled(13, 5)
    assert len(buf) == 5
    np.testing.assert_array_equal(buf.snapshot(0).t, [8, 9, 10, 11, 12])
    np.testing.assert_array_equal(buf.snapshot(10).t, [10, 11, 12])


def test_snapshot_from_overwritten_version_resets() -> None:
    buf = filled(13, 5)
    snap = buf.snapshot(3)  # samples 3..7 are gone
    assert snap.reset
    np.testing.assert_array_equal(snap.t, [8, 9, 10, 11, 12])
    assert buf.snapshot(99).reset  # a version from another buffer


def test_bad_quality_is_stored_as_nan() -> None:
    buf = RingBuffer(4)
    buf.append(1.0, 37.0, Quality.GOOD)
    buf.append(2.0, 99.0, Quality.BAD)
    buf.append(3.0, 37.2, Quality.UNCERTAIN)
    snap = buf.snapshot(0)
    assert snap.values[0] == 37.0 and math.isnan(snap.values[1]) and snap.values[2] == 37.2
    np.testing.assert_array_equal(snap.quality, [0, 2, 1])
    assert buf.last_quality is Quality.UNCERTAIN


def test_gap_marker_does_not_count_as_update() -> None:
    buf = RingBuffer(4)
    buf.append(1.0, 37.0)
    stamp = buf.last_update_monotonic
    buf.mark_gap(2.0)
    assert buf.last_update_monotonic == stamp and buf.last_quality is Quality.GOOD
    t, v, q = buf.latest()
    assert t == 2.0 and math.isnan(v) and q is Quality.NO_DATA


def test_window_and_between() -> None:
    buf = filled(100, 30)  # retains t = 70..99
    np.testing.assert_array_equal(buf.window(5).t, [94, 95, 96, 97, 98, 99])
    np.testing.assert_array_equal(buf.window(3, now=80).t, np.arange(77, 100))
    np.testing.assert_array_equal(buf.between(68, 72).t, [70, 71, 72])
    np.testing.assert_array_equal(buf.between(85.5, 87).t, [86, 87])
    assert buf.between(200, 300).t.size == 0


def test_decimated_keeps_peaks_and_gaps() -> None:
    buf = RingBuffer(20_000)
    for i in range(10_000):
        value = 1.0
        if i == 4321:
            value = 50.0  # one-sample spike
        quality = Quality.BAD if 7000 <= i < 7400 else Quality.GOOD
        buf.append(float(i), value, quality)
    x, y = buf.decimated(0, 10_000, 200)
    assert len(x) == len(y) <= 200
    assert np.nanmax(y) == 50.0 and np.nanmin(y) == 1.0
    assert np.isnan(y).any()  # the bad stretch stays a gap
    assert np.all(np.diff(x) >= 0)
    small_x, _ = buf.decimated(10, 20, 200)
    np.testing.assert_array_equal(small_x, np.arange(10, 21))


def test_for_duration_capacity() -> None:
    assert RingBuffer.for_duration(24 * 3600, 10).capacity == 864_000
    with pytest.raises(ValueError):
        RingBuffer(0)


def test_concurrent_writer_and_incremental_reader_lose_nothing() -> None:
    n = 50_000
    buf = RingBuffer(n)
    received: list[np.ndarray] = []
    done = threading.Event()

    def writer() -> None:
        for i in range(n):
            buf.append(float(i), float(i))
        done.set()

    thread = threading.Thread(target=writer)
    thread.start()
    version = 0
    while True:
        finished = done.is_set()
        snap = buf.snapshot(version)
        assert not snap.reset or version == 0
        received.append(snap.t)
        version = snap.version
        if finished and version == n:
            break
    thread.join()
    np.testing.assert_array_equal(np.concatenate(received), np.arange(n, dtype=float))
