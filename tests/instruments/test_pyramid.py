"""The min/max pyramid gives, level by level, exactly what reducing the samples gives."""

from __future__ import annotations

import math

import numpy as np
import pytest

from operator_console.instruments.decimation import AlignedDecimation
from operator_console.instruments.pyramid import MinMaxPyramid, bucket_columns
from operator_console.instruments.ringbuffer import Quality, RingBuffer


def _samples(n: int, rate_hz: float, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    t = 1.8e9 + np.cumsum(rng.uniform(0.5, 1.5, n)) / rate_hz
    v = np.sin(t / 7.0) + rng.normal(0, 0.1, n)
    v[rng.random(n) < 0.02] = np.nan
    v[1000:1200] = np.nan  # a whole gap
    return t, v


@pytest.mark.parametrize("batch", [1, 7, 64, 5000])
def test_every_level_equals_the_direct_reduction(batch: int) -> None:
    t, v = _samples(20_000, 50.0)
    pyramid = MinMaxPyramid(-3, 6, k_long=0, fine_keep_s=math.inf, history_s=math.inf)
    for i in range(0, len(t), batch):
        pyramid.extend(t[i:i + batch], v[i:i + batch])
    for level in pyramid.levels:
        want = bucket_columns(t, v, level.width)
        for f, col in want.items():
            if f == "total":  # sums added in another order: equal to rounding
                np.testing.assert_allclose(level.view(f), col, rtol=1e-12, atol=1e-12)
            else:  # min, max, times, counts: exactly
                np.testing.assert_array_equal(level.view(f), col, err_msg=f"{level.k} {f}")
        means = level.view("total") / np.maximum(level.view("nf"), 1)
        assert np.isfinite(means).all()


def test_buckets_match_the_raw_decimation_including_unfolded_tail() -> None:
    t, v = _samples(30_000, 50.0)
    buf = RingBuffer.for_duration(3600.0, 50.0)
    buf.extend(t[:20_000], v[:20_000])
    for ti, vi in zip(t[20_000:].tolist(), v[20_000:].tolist(), strict=True):
        buf.append(ti, vi, Quality.GOOD if math.isfinite(vi) else Quality.BAD)
    t0, t1 = float(t[3000]), float(t[-1])
    width = 0.5
    got = buf.pyramid_buckets(t0, t1, width)
    assert got is not None
    ks, x, y = got
    k0 = math.floor(t0 / width)
    sel = t >= k0 * width
    want_k, want_x, want_y = AlignedDecimation._buckets(t[sel], v[sel], width)
    np.testing.assert_array_equal(ks, want_k)
    np.testing.assert_array_equal(x, want_x)
    np.testing.assert_array_equal(y, want_y)


def test_long_history_is_kept_coarse_and_memory_is_bounded() -> None:
    rate = 10.0
    day = 86400.0
    buf = RingBuffer.for_duration(day, rate, full_resolution_s=3600.0)
    full = RingBuffer(int(day * rate))
    t = 1.8e9 + np.arange(int(day * rate)) / rate
    v = np.sin(t / 300.0)
    for i in range(0, len(t), 36_000):
        buf.extend(t[i:i + 36_000], v[i:i + 36_000])
    assert buf.capacity == 36_000  # raw: the last hour only
    assert buf.oldest_t == pytest.approx(t[-36_000])
    assert buf.history_start <= t[0] + 64  # the day is still there, coarse
    old = buf.pyramid_buckets(t[0], t[0] + 3600.0, 0.5)  # an hour, a day ago
    assert old is not None and len(old[0]) > 100
    assert np.nanmin(old[2]) == pytest.approx(np.min(v[:36_000]), abs=1e-9)
    full_bytes = full._t.nbytes + full._v.nbytes + full._q.nbytes
    assert buf.nbytes() < full_bytes / 3


def test_one_long_batch_keeps_the_whole_history() -> None:
    buf = RingBuffer.for_duration(86400.0, 10.0, full_resolution_s=3600.0)
    t = 1.8e9 + np.arange(864_000) / 10.0
    buf.extend(t, np.sin(t / 300.0))  # a day at once: built a piece at a time
    assert buf.history_start == pytest.approx(t[0])
    day = buf.pyramid_buckets(t[0], t[-1], 64.0)
    assert day is not None
    assert day[1][0] == t[0] and day[1][-1] == t[-1]
    assert len(day[0]) == 86400 // 64
