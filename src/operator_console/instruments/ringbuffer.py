"""Fixed-capacity numpy ring buffer of one channel's samples, shared between two threads.

The instrument thread appends samples as they arrive; the UI thread reads on its redraw timer
(data rate is not redraw rate). Reads copy only what is asked for: ``snapshot(since_version)``
returns just the samples appended since the caller's last read, ``window(seconds)`` the recent
span, ``decimated(t0, t1, max_points)`` a min/max (peak-preserving) reduction of a time range.
All returned arrays are fresh, contiguous copies, so the writer never mutates what a reader
holds. Timestamps are float64 epoch seconds (source time); values are float64 with NaN for
bad quality and gaps.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass
from enum import IntEnum
from typing import Literal

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
QualityArray = NDArray[np.int8]


class Quality(IntEnum):
    """Sample quality, from the OPC UA StatusCode severity (``NO_DATA``: connection lost)."""

    GOOD = 0
    UNCERTAIN = 1
    BAD = 2
    NO_DATA = 3


@dataclass(frozen=True, slots=True)
class Sample:
    """One received value of one channel (``value`` is NaN unless quality allows a value)."""

    channel_key: str
    t: float
    value: float
    quality: Quality


@dataclass(frozen=True, slots=True)
class BufferSnapshot:
    """Samples read from a buffer. Pass ``version`` back as ``since_version`` next time.

    ``reset`` is True when the reader's previous data can no longer be extended (it asked from
    a version that has been overwritten or was never seen): drop it and use these arrays, which
    then hold everything retained.
    """

    version: int
    t: FloatArray
    values: FloatArray
    quality: QualityArray
    reset: bool


class RingBuffer:
    """Thread-safe ring buffer of (timestamp, value, quality); capacity fixed at creation."""

    def __init__(self, capacity: int) -> None:
        if capacity <= 0:
            raise ValueError("capacity must be > 0")
        self.capacity = capacity
        # zeros(): the OS commits pages only as they are written; unwritten slots are never read.
        self._t = np.zeros(capacity, dtype=np.float64)
        self._v = np.zeros(capacity, dtype=np.float64)
        self._q = np.zeros(capacity, dtype=np.int8)
        self._lock = threading.Lock()
        self._version = 0  # total samples ever appended; the write index is version % capacity
        self._last_update_monotonic: float | None = None
        self._last_quality: Quality | None = None
        self._last_value = math.nan
        self._last_t = math.nan

    @classmethod
    def for_duration(cls, seconds: float, rate_hz: float) -> RingBuffer:
        """A buffer holding ``seconds`` of history at ``rate_hz`` (e.g. 24 h at 10 Hz)."""
        return cls(max(1, math.ceil(seconds * rate_hz)))

    def append(self, t: float, value: float, quality: Quality = Quality.GOOD) -> None:
        """Add one sample; BAD and NO_DATA samples are stored as NaN whatever ``value`` is."""
        if quality >= Quality.BAD:
            value = math.nan
        with self._lock:
            i = self._version % self.capacity
            self._t[i], self._v[i], self._q[i] = t, value, quality
            self._version += 1
            self._last_t, self._last_value = t, value
            if quality is not Quality.NO_DATA:
                # A gap marker records that data stopped; it is not an update.
                self._last_update_monotonic = time.monotonic()
                self._last_quality = quality

    def mark_gap(self, t: float) -> None:
        """Record a gap (e.g. connection lost) so traces break instead of joining across it."""
        self.append(t, math.nan, Quality.NO_DATA)

    @property
    def version(self) -> int:
        """Number of samples ever appended; changes whenever the buffer changes."""
        with self._lock:
            return self._version

    def __len__(self) -> int:
        with self._lock:
            return min(self._version, self.capacity)

    @property
    def last_update_monotonic(self) -> float | None:
        """``time.monotonic()`` of the latest real sample (gap markers excluded), or None."""
        with self._lock:
            return self._last_update_monotonic

    @property
    def last_quality(self) -> Quality | None:
        """Quality of the latest real sample, or None before the first."""
        with self._lock:
            return self._last_quality

    @property
    def oldest_t(self) -> float:
        """Timestamp of the oldest retained entry (NaN when empty)."""
        with self._lock:
            if self._version == 0:
                return math.nan
            return float(self._t[0 if self._version <= self.capacity
                                 else self._version % self.capacity])

    def latest(self) -> tuple[float, float, Quality | None]:
        """``(t, value, quality)`` of the newest entry (NaNs and None when empty)."""
        with self._lock:
            if self._version == 0:
                return math.nan, math.nan, None
            i = (self._version - 1) % self.capacity
            return self._last_t, self._last_value, Quality(int(self._q[i]))

    def _copy_range(self, lo: int, hi: int) -> tuple[FloatArray, FloatArray, QualityArray]:
        """Copy retained samples ``lo..hi`` (0 = oldest retained), in time order. Locked."""
        first = self._version - min(self._version, self.capacity)  # absolute index of oldest
        a = (first + lo) % self.capacity
        b = a + max(0, hi - lo)
        if b <= self.capacity:
            return self._t[a:b].copy(), self._v[a:b].copy(), self._q[a:b].copy()
        parts = (slice(a, self.capacity), slice(0, b - self.capacity))
        return (
            np.concatenate([self._t[p] for p in parts]),
            np.concatenate([self._v[p] for p in parts]),
            np.concatenate([self._q[p] for p in parts]),
        )

    def _search(self, t: float, side: Literal["left", "right"]) -> int:
        """Retained-order index where ``t`` would go (sorted time assumed). Locked."""
        if self._version <= self.capacity:
            return int(np.searchsorted(self._t[: self._version], t, side=side))
        end = self._version % self.capacity
        older, newer = self._t[end:], self._t[:end]
        i = int(np.searchsorted(older, t, side=side))
        if i < len(older):
            return i
        return len(older) + int(np.searchsorted(newer, t, side=side))

    def snapshot(self, since_version: int = 0) -> BufferSnapshot:
        """Samples appended after ``since_version`` (everything retained if that is too old)."""
        with self._lock:
            retained = min(self._version, self.capacity)
            new = self._version - since_version
            reset = since_version <= 0 or new > retained or new < 0
            lo = 0 if reset else retained - new
            t, v, q = self._copy_range(lo, retained)
            return BufferSnapshot(self._version, t, v, q, reset)

    def between(self, t0: float, t1: float) -> BufferSnapshot:
        """Retained samples with ``t0 <= t <= t1`` (copies only that range)."""
        with self._lock:
            t, v, q = self._copy_range(self._search(t0, "left"), self._search(t1, "right"))
            return BufferSnapshot(self._version, t, v, q, True)

    def window(self, seconds: float, now: float | None = None) -> BufferSnapshot:
        """Retained samples with ``t >= now - seconds`` (``now`` defaults to the newest t)."""
        with self._lock:
            end = self._last_t if now is None else now
            lo = self._search(end - seconds, "left") if self._version else 0
            t, v, q = self._copy_range(lo, min(self._version, self.capacity))
            return BufferSnapshot(self._version, t, v, q, True)

    def decimated(self, t0: float, t1: float, max_points: int) -> tuple[FloatArray, FloatArray]:
        """``(x, y)`` for ``t0 <= t <= t1`` reduced to at most ``max_points`` points.

        Each bucket contributes its minimum and maximum (NaN ignored; an all-NaN bucket stays
        NaN so gaps survive), so excursions are never averaged away. Assumes timestamps that
        do not go backwards, as a source clock does.
        """
        snap = self.between(t0, t1)
        t, v = snap.t, snap.values
        if len(t) <= max(max_points, 2):
            return t, v
        buckets = max(1, max_points // 2)
        edges = np.linspace(0, len(t), buckets + 1).astype(np.intp)[:-1]
        with np.errstate(invalid="ignore"):
            mins = np.fmin.reduceat(v, edges)
            maxs = np.fmax.reduceat(v, edges)
        last = np.append(edges[1:], len(t)) - 1
        x = np.column_stack([t[edges], t[last]]).ravel()
        y = np.column_stack([mins, maxs]).ravel()
        return x, y
