"""The trend a report draws of a phase's channel: its per-second rows reduced to at most
``buckets`` equal time buckets, each with min, max and count-weighted mean, so an excursion of
one second still shows at any page width (nothing is averaged away)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from operator_console.domain.process_data import Point

TREND_BUCKETS = 240


def _round(x: float) -> float:
    """Six significant digits: what a chart shows; keeps the JSON twin small."""
    return float(f"{x:.6g}")


def buckets(rows: Sequence[Point], start: float, end: float, n: int = TREND_BUCKETS
            ) -> list[list[float]]:
    """``[[t, min, max, mean], ...]`` for buckets that hold values (``t``: bucket start)."""
    if end <= start or n < 1:
        return []
    width = (end - start) / n
    acc: dict[int, list[float]] = {}
    for row in rows:
        t, _dt, count, lo, hi, mean = row
        if not count or lo is None or hi is None or mean is None or t is None:
            continue
        i = min(n - 1, max(0, math.floor((float(t) - start) / width)))
        a = acc.get(i)
        if a is None:
            acc[i] = [float(lo), float(hi), float(mean) * float(count), float(count)]
        else:
            a[0], a[1] = min(a[0], float(lo)), max(a[1], float(hi))
            a[2] += float(mean) * float(count)
            a[3] += float(count)
    return [[round(start + i * width, 3), _round(a[0]), _round(a[1]), _round(a[2] / a[3])]
            for i, a in sorted(acc.items())]
