"""Peak-preserving min/max decimation of a ring buffer for drawing, kept between frames.

A model of data, not of the screen (no Qt): the Traces page asks it for about two points per
pixel column of a channel's visible time range and draws what it returns. ``with_gaps`` breaks
a curve where samples are further apart than the channel's stale time.
"""

from __future__ import annotations

import math

import numpy as np

from operator_console.instruments.ringbuffer import RingBuffer


def with_gaps(t: np.ndarray, y: np.ndarray, max_dt: float) -> tuple[np.ndarray, np.ndarray]:
    """Insert a NaN wherever consecutive samples are more than ``max_dt`` apart, so a
    connect="finite" curve breaks there instead of drawing a line across missing data."""
    if len(t) < 2:
        return t, y
    idx = np.flatnonzero(np.diff(t) > max_dt) + 1
    if len(idx) == 0:
        return t, y
    return np.insert(t, idx, t[idx - 1]), np.insert(y, idx, np.nan)


class AlignedDecimation:
    """Peak-preserving min/max of one channel over time buckets aligned to a fixed grid,
    kept between frames: while following live data only the newest (open) bucket and the
    ones completed since the last frame are computed; the rest is reused.

    Buckets are ``bucket_s`` wide (a power of two of seconds, so it stays put while the span
    and plot width do), each drawn as (first t, min), (last t, max) like
    ``RingBuffer.decimated``; an all-NaN bucket stays NaN so gaps survive. A range with no
    more samples than ``max_points`` is returned as is.

    When the buffer keeps a ``MinMaxPyramid`` with a level that fine, the buckets are read
    from it instead, whole, every frame: the same buckets, in time proportional to the
    buckets drawn however long the range (a pan or zoom over an hour of 50 Hz data no longer
    reduces 180,000 samples per channel), and history older than the raw samples shows.
    """

    _EMPTY_F = np.empty(0, dtype=np.float64)

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.bucket_s = 0.0
        self.first_k = 0  # bucket index of the first cached bucket
        self.next_k = 0  # bucket index of the first bucket not cached (the open one)
        self.x = self._EMPTY_F
        self.y = self._EMPTY_F

    @staticmethod
    def _buckets(t: np.ndarray, v: np.ndarray, bucket_s: float
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        k = np.floor(t / bucket_s).astype(np.int64)
        starts = np.flatnonzero(np.diff(k)) + 1
        edges = np.concatenate(([0], starts))
        last = np.append(starts, len(t)) - 1
        with np.errstate(invalid="ignore"):
            mins = np.fmin.reduceat(v, edges)
            maxs = np.fmax.reduceat(v, edges)
        x = np.column_stack([t[edges], t[last]]).ravel()
        y = np.column_stack([mins, maxs]).ravel()
        return k[edges], x, y

    def update(self, buf: RingBuffer, t0: float, t1: float, max_points: int
               ) -> tuple[np.ndarray, np.ndarray]:
        span = t1 - t0
        if not (span > 0 and math.isfinite(span)) or max_points < 4:
            self.reset()
            return buf.decimated(t0, t1, max_points)
        bucket_s = 2.0 ** math.ceil(math.log2(span * 2 / max_points))
        oldest = buf.oldest_t
        older_than_raw = not t0 >= oldest and buf.history_start < oldest
        if older_than_raw or buf.count_between(t0, t1) > max(max_points, 2):
            got = buf.pyramid_buckets(t0, t1, bucket_s)
            if got is not None:
                self.reset()
                return got[1], got[2]
        if not math.isfinite(oldest):
            self.reset()
            return buf.decimated(t0, t1, max_points)
        # First bucket that can hold data: the view's left edge or the oldest retained sample.
        k_start = max(math.floor(t0 / bucket_s), math.floor(oldest / bucket_s))
        if bucket_s == self.bucket_s and self.first_k <= k_start < self.next_k:
            if k_start > self.first_k:  # scrolled out on the left, or overwritten
                drop = int(np.searchsorted(self.x, k_start * bucket_s, side="left"))
                drop -= drop % 2
                self.x, self.y = self.x[drop:], self.y[drop:]
                self.first_k = k_start
            if len(self.x) and self.x[0] < oldest:  # first bucket partly overwritten: redo it
                head = buf.between(k_start * bucket_s, (k_start + 1) * bucket_s)
                self.x, self.y = self.x[2:], self.y[2:]
                if len(head.t):
                    ks, hx, hy = self._buckets(head.t, head.values, bucket_s)
                    if ks[0] == k_start:
                        self.x = np.concatenate((hx[:2], self.x))
                        self.y = np.concatenate((hy[:2], self.y))
            snap = buf.between(self.next_k * bucket_s, t1)
        else:
            self.reset()
            snap = buf.between(k_start * bucket_s, t1)
            if len(snap.t) <= max(max_points, 2):
                return buf.decimated(t0, t1, max_points)  # few samples: drawn as they are
            self.bucket_s, self.first_k, self.next_k = bucket_s, k_start, k_start
        if len(snap.t):
            ks, x, y = self._buckets(snap.t, snap.values, bucket_s)
            # The last bucket may still grow: keep it out of the cache.
            self.x = np.concatenate((self.x, x[:-2]))
            self.y = np.concatenate((self.y, y[:-2]))
            self.next_k = int(ks[-1])
            open_x, open_y = x[-2:], y[-2:]
        else:
            open_x, open_y = self._EMPTY_F, self._EMPTY_F
        return np.concatenate((self.x, open_x)), np.concatenate((self.y, open_y))
