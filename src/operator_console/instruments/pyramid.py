"""Multi-resolution min/max of one channel: buckets of 2^k seconds, aligned to the epoch.

What a trace needs to draw any time range at any zoom with about two points per pixel
column, without going through every sample: level ``k`` holds, for each bucket of
``2**k`` seconds that has samples, the minimum and maximum (NaN ignored; an all-NaN bucket
stays NaN, so gaps survive), the times of its first and last sample, and the count and sum
of its values (its mean). Buckets are drawn as (first t, min), (last t, max), exactly as
the raw-sample reduction in ``decimation`` does, so a trace drawn from the pyramid is the
trace drawn from the samples, bucket for bucket.

Levels are built one from the other (bucket ``j`` of level ``k + 1`` merges buckets ``2j``
and ``2j + 1`` of level ``k``; ``floor`` of a power-of-two division is exact, so every level
groups the samples as a direct reduction would). Each level keeps its buckets for its own
retention: the fine ones as long as the raw samples are kept, the coarse ones for the whole
history (e.g. a day), so long history costs a few bytes per bucket instead of 17 per sample.
Pure numpy; the owner (``RingBuffer``) serialises access.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
_COLS = ("lo", "hi", "t0", "t1", "total", "n", "nf")  # a bucket's columns besides its index


class _Level:
    """One level's buckets, oldest first, in arrays that grow by doubling up to what the
    level's retention needs (then the live buckets are moved to the front instead)."""

    def __init__(self, k: int, keep_s: float) -> None:
        self.k, self.width, self.keep_s = k, 2.0 ** k, keep_s
        # Enough for the retention plus an eighth: moving the live buckets to the front
        # then happens once per eighth of the retention.
        self.cap_hint = math.ceil(keep_s / self.width * 1.125) + 8 \
            if math.isfinite(keep_s) else 1 << 62
        self.start = self.end = 0
        self._alloc(min(64, self.cap_hint))

    def _alloc(self, cap: int) -> None:
        self.idx = np.empty(cap, np.int64)
        self.lo, self.hi = np.empty(cap), np.empty(cap)
        self.t0, self.t1, self.total = np.empty(cap), np.empty(cap), np.empty(cap)
        self.n, self.nf = np.empty(cap, np.int32), np.empty(cap, np.int32)

    _FIELDS = ("idx", "lo", "hi", "t0", "t1", "total", "n", "nf")

    def __len__(self) -> int:
        return self.end - self.start

    def nbytes(self) -> int:
        return sum(int(getattr(self, f).nbytes) for f in self._FIELDS)

    def view(self, name: str, a: int = 0, b: int | None = None) -> np.ndarray:
        arr: np.ndarray = getattr(self, name)
        return arr[self.start + a:self.end if b is None else self.start + b]

    def truncate_from(self, first_idx: int) -> None:
        """Drop the buckets with index >= ``first_idx`` (they are about to be rebuilt)."""
        self.end = self.start + int(np.searchsorted(self.view("idx"), first_idx, "left"))

    def append(self, cols: dict[str, np.ndarray]) -> None:
        if len(cols["idx"]):  # what the retention drops anyway is not stored first
            newest = float(cols["t1"][-1])
            self.trim(newest)
            if math.isfinite(self.keep_s) and cols["t1"][0] < newest - self.keep_s:
                cut = int(np.searchsorted(cols["t1"], newest - self.keep_s, "left"))
                cols = {f: a[cut:] for f, a in cols.items()}
        m = len(cols["idx"])
        if self.end + m > len(self.idx):
            live = len(self)
            need, cap = live + m, len(self.idx)
            if need > cap or (need > cap * 7 // 8 and cap < self.cap_hint):
                cap = max(need, min(2 * cap, self.cap_hint)) if need <= self.cap_hint \
                    else 2 * need
                old = {f: getattr(self, f)[self.start:self.end] for f in self._FIELDS}
                self._alloc(cap)
                for f, a in old.items():
                    getattr(self, f)[:live] = a
            else:  # room enough once the trimmed buckets are gone: move the live ones
                for f in self._FIELDS:
                    arr = getattr(self, f)
                    arr[:live] = arr[self.start:self.end].copy()
            self.start, self.end = 0, live
        for f in self._FIELDS:
            getattr(self, f)[self.end:self.end + m] = cols[f]
        self.end += m

    def trim(self, newest_t: float) -> None:
        if len(self) and math.isfinite(self.keep_s):
            cut = int(np.searchsorted(self.view("t1"), newest_t - self.keep_s, "left"))
            self.start += min(cut, max(len(self) - 1, 0))


def _reduce(idx: np.ndarray, cols: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Merge consecutive entries with the same bucket index (idx non-decreasing)."""
    if len(idx) == 0:
        return {"idx": idx, **{f: a[:0] for f, a in cols.items()}}
    edges = np.concatenate(([0], np.flatnonzero(np.diff(idx)) + 1))
    last = np.append(edges[1:], len(idx)) - 1
    with np.errstate(invalid="ignore"):
        return {"idx": idx[edges],
                "lo": np.fmin.reduceat(cols["lo"], edges),
                "hi": np.fmax.reduceat(cols["hi"], edges),
                "t0": cols["t0"][edges], "t1": cols["t1"][last],
                "total": np.add.reduceat(cols["total"], edges),
                "n": np.add.reduceat(cols["n"], edges).astype(np.int32),
                "nf": np.add.reduceat(cols["nf"], edges).astype(np.int32)}


def sample_columns(t: np.ndarray, v: np.ndarray) -> dict[str, np.ndarray]:
    """Raw samples as one-sample buckets (before grouping)."""
    finite = np.isfinite(v)
    return {"lo": v, "hi": v, "t0": t, "t1": t, "total": np.where(finite, v, 0.0),
            "n": np.ones(len(t), np.int32), "nf": finite.astype(np.int32)}


def bucket_columns(t: np.ndarray, v: np.ndarray, width: float) -> dict[str, np.ndarray]:
    """Samples reduced to buckets of ``width`` seconds (a power of two)."""
    return _reduce(np.floor(t / width).astype(np.int64), sample_columns(t, v))


class MinMaxPyramid:
    """Levels ``k_min..k_max`` of min/max buckets over one channel's samples.

    ``fine_keep_s`` is how long levels finer than ``2**k_long`` seconds keep their buckets
    (as long as the raw samples are kept), ``history_s`` how long the others do.
    """

    def __init__(self, k_min: int, k_max: int, *, k_long: int, fine_keep_s: float,
                 history_s: float) -> None:
        if k_min > k_max:
            raise ValueError("k_min must be <= k_max")
        self.levels = [_Level(k, history_s if k >= k_long else max(fine_keep_s, 2.0 ** (k + 2)))
                       for k in range(k_min, k_max + 1)]
        self.k_min, self.k_max = k_min, k_max
        self.newest_t = -math.inf

    @classmethod
    def for_rate(cls, rate_hz: float, *, fine_keep_s: float, history_s: float,
                 long_bucket_s: float = 4.0) -> MinMaxPyramid:
        """Finest level about four sample intervals wide, coarsest one about a
        thousandth of the history (a day: 64 s); coarser than ``long_bucket_s`` kept for
        the whole history."""
        k_min = math.ceil(math.log2(4.0 / rate_hz))
        k_max = max(k_min, math.ceil(math.log2(max(history_s, 1.0) / 1000.0)))
        k_long = min(max(k_min, math.ceil(math.log2(long_bucket_s))), k_max)
        return cls(k_min, k_max, k_long=k_long, fine_keep_s=fine_keep_s, history_s=history_s)

    def nbytes(self) -> int:
        return sum(level.nbytes() for level in self.levels)

    def extend(self, t: np.ndarray, v: np.ndarray) -> None:
        """Add samples newer than (or as new as) every sample added before."""
        if len(t) == 0:
            return
        # A level is built from the one below after that one kept only its retention: in
        # pieces shorter than a quarter of the shortest retention, the buckets a level is
        # built from are still there (one long batch would lose all but its last hour).
        piece_s = min(level.keep_s for level in self.levels) / 4
        if float(t[-1] - t[0]) > piece_s:
            edges = np.searchsorted(t, np.arange(float(t[0]) + piece_s, float(t[-1]),
                                                 piece_s))
            for part_t, part_v in zip(np.split(t, edges), np.split(v, edges), strict=True):
                if len(part_t):
                    self._extend(part_t, part_v)
            return
        self._extend(t, v)

    def _extend(self, t: np.ndarray, v: np.ndarray) -> None:
        base = self.levels[0]
        cols = bucket_columns(t, v, base.width)
        first = int(cols["idx"][0])
        if len(base) and int(base.view("idx")[-1]) == first:  # the open bucket grows
            i = base.end - 1
            base.lo[i] = np.fmin(base.lo[i], cols["lo"][0])
            base.hi[i] = np.fmax(base.hi[i], cols["hi"][0])
            base.t1[i] = cols["t1"][0]
            base.total[i] += cols["total"][0]
            base.n[i] += cols["n"][0]
            base.nf[i] += cols["nf"][0]
            cols = {f: a[1:] for f, a in cols.items()}
        base.append(cols)
        for lower, upper in zip(self.levels, self.levels[1:], strict=False):
            first >>= 1  # first bucket of ``upper`` whose children changed
            upper.truncate_from(first)
            a = int(np.searchsorted(lower.view("idx"), first * 2, "left"))
            upper.append(_reduce(lower.view("idx", a) >> 1,
                                 {f: lower.view(f, a) for f in _COLS}))
        self.newest_t = max(self.newest_t, float(t[-1]))
        for level in self.levels:
            level.trim(self.newest_t)

    def level_for(self, width: float, t0: float) -> _Level | None:
        """The finest level at least ``width`` wide that reaches back to ``t0`` (the
        coarsest if none does); None if ``width`` is finer than every level."""
        if width < self.levels[0].width or not len(self.levels[-1]):
            return None
        target = max(t0, self.oldest_t())
        k = min(max(math.ceil(math.log2(width)), self.k_min), self.k_max)
        for level in self.levels[k - self.k_min:]:
            if len(level) and level.idx[level.start] * level.width <= target:
                return level
        return self.levels[-1]

    def oldest_t(self) -> float:
        """First sample time the pyramid still covers (at its coarsest)."""
        top = self.levels[-1]
        return float(top.t0[top.start]) if len(top) else math.nan

    def buckets(self, level: _Level, t0: float, t1: float,
                tail: tuple[np.ndarray, np.ndarray] | None = None
                ) -> tuple[np.ndarray, FloatArray, FloatArray]:
        """``(bucket index, x, y)`` of ``level``'s buckets meeting ``[t0, t1]``, drawn as
        (first t, min), (last t, max); ``tail``: samples not yet added, merged in. (Called
        for every trace on every frame: kept to a few numpy calls.)"""
        w = level.width
        k_hi = math.floor(t1 / w)
        idx = level.idx[level.start:level.end]
        a = level.start + int(np.searchsorted(idx, math.floor(t0 / w), "left"))
        b = level.start + int(np.searchsorted(idx, k_hi, "right"))
        ks, lo, hi = level.idx[a:b], level.lo[a:b], level.hi[a:b]
        first, last = level.t0[a:b], level.t1[a:b]
        if tail is not None and len(tail[0]):
            tk = np.floor(tail[0] / w).astype(np.int64)
            n = int(np.searchsorted(tk, k_hi, "right"))
            if n:
                tk, tt, tv = tk[:n], tail[0][:n], tail[1][:n]
                edges = np.concatenate(([0], np.flatnonzero(np.diff(tk)) + 1))
                ends = np.append(edges[1:], n) - 1
                with np.errstate(invalid="ignore"):
                    t_lo, t_hi = np.fmin.reduceat(tv, edges), np.fmax.reduceat(tv, edges)
                t_k, t_first, t_last = tk[edges], tt[edges], tt[ends]
                if len(ks) and ks[-1] == t_k[0]:  # the open bucket: merge the first
                    t_lo[0], t_hi[0] = np.fmin(lo[-1], t_lo[0]), np.fmax(hi[-1], t_hi[0])
                    t_first[0] = first[-1]
                    ks, lo, hi, first, last = ks[:-1], lo[:-1], hi[:-1], first[:-1], last[:-1]
                ks = np.concatenate((ks, t_k))
                lo, hi = np.concatenate((lo, t_lo)), np.concatenate((hi, t_hi))
                first, last = np.concatenate((first, t_first)), np.concatenate((last, t_last))
        m = len(ks)
        x, y = np.empty(2 * m), np.empty(2 * m)
        x[0::2], x[1::2], y[0::2], y[1::2] = first, last, lo, hi
        return ks.copy(), x, y
