"""Fixed-capacity numpy ring buffer of one channel's samples, shared between two threads.

The instrument thread appends samples as they arrive; the UI thread reads on its redraw timer
(data rate is not redraw rate). Reads copy only what is asked for: ``snapshot(since_version)``
returns just the samples appended since the caller's last read, ``window(seconds)`` the recent
span, ``decimated(t0, t1, max_points)`` a min/max (peak-preserving) reduction of a time range.
All returned arrays are fresh, contiguous copies, so the writer never mutates what a reader
holds. A buffer made by ``for_duration`` also keeps a ``MinMaxPyramid`` of its samples: the
raw samples are kept for ``full_resolution_s`` (what is shown at full resolution), min/max
buckets of the whole history much longer, at a few bytes per bucket; ``pyramid_buckets``
reads any range at any zoom in time proportional to the buckets drawn. The writer adds
samples to the pyramid in batches (``fold_every``), never the reader.
Timestamps are float64 epoch seconds (source time); values are float64 with NaN for
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

from operator_console.instruments.pyramid import MinMaxPyramid

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

    def __init__(self, capacity: int, pyramid: MinMaxPyramid | None = None,
                 fold_every: int = 256) -> None:
        if capacity <= 0:
            raise ValueError("capacity must be > 0")
        self.capacity = capacity
        self._pyramid = pyramid
        # A fold costs about the same for 1 sample as for hundreds (a few numpy calls per
        # level): in batches it is a few microseconds per sample on the writer's thread; the
        # reader merges the unfolded tail (at most this many samples) itself.
        self._fold_every = max(1, min(fold_every, capacity // 2))
        self._folded = 0  # samples before this absolute index are in the pyramid
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
    def for_duration(cls, seconds: float, rate_hz: float,
                     full_resolution_s: float | None = None) -> RingBuffer:
        """A buffer holding ``seconds`` of history at ``rate_hz`` (e.g. 24 h at 10 Hz): raw
        samples for ``full_resolution_s`` (default: all of it), min/max buckets beyond."""
        raw_s = seconds if full_resolution_s is None else min(seconds, full_resolution_s)
        pyramid = MinMaxPyramid.for_rate(rate_hz, fine_keep_s=raw_s, history_s=seconds)
        return cls(max(1, math.ceil(raw_s * rate_hz)), pyramid)

    def append(self, t: float, value: float, quality: Quality = Quality.GOOD) -> None:
        """Add one sample; BAD and NO_DATA samples are stored as NaN whatever ``value`` is."""
        if quality >= Quality.BAD:
            value = math.nan
        with self._lock:
            i = self._version % self.capacity
            self._t[i], self._v[i], self._q[i] = t, value, quality
            self._version += 1
            self._last_t, self._last_value = t, value
            if self._pyramid is not None and self._version - self._folded >= self._fold_every:
                self._fold()
            if quality is not Quality.NO_DATA:
                # A gap marker records that data stopped; it is not an update.
                self._last_update_monotonic = time.monotonic()
                self._last_quality = quality

    def extend(self, t: np.ndarray, values: np.ndarray, quality: Quality = Quality.GOOD
               ) -> None:
        """Add many samples of one quality at once (time-ordered), as ``append`` would."""
        t = np.asarray(t, dtype=np.float64)
        v = np.full(len(t), math.nan) if quality >= Quality.BAD else \
            np.asarray(values, dtype=np.float64)
        if len(t) == 0:
            return
        with self._lock:
            if self._pyramid is not None:
                self._fold()
                self._pyramid_extend(t, v)
            keep = min(len(t), self.capacity)
            i = (self._version + len(t) - keep) % self.capacity
            for dst, src in ((self._t, t[-keep:]), (self._v, v[-keep:])):
                first = min(keep, self.capacity - i)
                dst[i:i + first], dst[:keep - first] = src[:first], src[first:]
            first = min(keep, self.capacity - i)
            self._q[i:i + first], self._q[:keep - first] = quality, quality
            self._version += len(t)
            self._folded = self._version if self._pyramid is not None else 0
            self._last_t, self._last_value = float(t[-1]), float(v[-1])
            if quality is not Quality.NO_DATA:
                self._last_update_monotonic = time.monotonic()
                self._last_quality = quality

    def _fold(self) -> None:
        """Add the samples not yet in the pyramid to it. Locked."""
        assert self._pyramid is not None
        new = self._version - self._folded
        if new <= 0:
            return
        retained = min(self._version, self.capacity)
        t, v, _q = self._copy_range(retained - min(new, retained), retained)
        self._pyramid_extend(t, v)
        self._folded = self._version

    def _pyramid_extend(self, t: np.ndarray, v: np.ndarray) -> None:
        assert self._pyramid is not None
        # A clock that stepped back: such samples count as the newest (the pyramid's
        # buckets must stay in time order).
        newest = self._pyramid.newest_t
        if len(t) and (t[0] < newest or np.any(np.diff(t) < 0)):
            t = np.maximum.accumulate(np.maximum(t, newest))
        self._pyramid.extend(t, v)

    def pyramid_buckets(self, t0: float, t1: float, width: float
                        ) -> tuple[np.ndarray, FloatArray, FloatArray] | None:
        """``(bucket index, x, y)``: min/max buckets of at least ``width`` seconds over
        ``[t0, t1]`` (whole buckets), from the pyramid; None without a pyramid level that
        fine. The samples not yet in the pyramid are merged in."""
        with self._lock:
            if self._pyramid is None:
                return None
            level = self._pyramid.level_for(width, t0)
            if level is None:
                return None
            new = self._version - self._folded
            retained = min(self._version, self.capacity)
            tail = self._copy_range(retained - min(new, retained), retained)[:2] if new else None
            return self._pyramid.buckets(level, t0, t1, tail)

    def count_between(self, t0: float, t1: float) -> int:
        """How many retained raw samples have ``t0 <= t <= t1`` (nothing copied)."""
        with self._lock:
            return self._search(t1, "right") - self._search(t0, "left")

    @property
    def history_start(self) -> float:
        """Time of the oldest sample still shown in some form (raw or in the pyramid)."""
        raw = self.oldest_t
        with self._lock:
            covered = self._pyramid.oldest_t() if self._pyramid is not None else math.nan
        return raw if not math.isfinite(covered) else min(covered, raw) \
            if math.isfinite(raw) else covered

    def nbytes(self) -> int:
        """Memory held: the raw arrays and the pyramid's."""
        with self._lock:
            pyramid = self._pyramid.nbytes() if self._pyramid is not None else 0
            return int(self._t.nbytes + self._v.nbytes + self._q.nbytes) + pyramid

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

    @property
    def newest_t(self) -> float:
        """Time of the newest entry (NaN when empty), without taking the lock: a single
        attribute the writer sets, for a page that asks every channel on every frame while
        the writer is busy (``latest`` waits for the lock)."""
        return self._last_t

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
