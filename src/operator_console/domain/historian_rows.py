"""The historian's reduced record of a channel: one row per channel and interval, and how old
rows are compacted (plain data and pure rules, shared by the instrument layer that makes rows
and the store that keeps and compacts them)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class HistorianRow:
    """Aggregate of one channel over ``[interval_start, interval_start + interval_s)``.

    ``count`` counts all samples; ``bad_count`` those without a value (bad quality),
    ``uncertain_count`` those of uncertain quality. ``min``/``max``/``mean``/``last`` cover
    the samples that have a value (None if there were none). A sample arriving after its
    interval was written yields a second row for the same interval: rows are partial
    aggregates that merge exactly (min of mins, max of maxes, count-weighted mean, latest
    ``last_t`` wins).
    """

    channel_key: str
    interval_start: float
    interval_s: float
    count: int
    bad_count: int
    uncertain_count: int
    min: float | None
    max: float | None
    mean: float | None
    last: float | None
    last_t: float | None


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """Rows of the full interval are kept ``full_days``, then merged into rows of
    ``coarse_s`` seconds, which are kept ``compacted_days`` (counted from now)."""

    full_days: float = 30.0
    compacted_days: float = 365.0
    coarse_s: float = 900.0

    def compact_cutoff(self, now: float) -> float:
        """Rows starting before this are merged into coarse rows (a whole coarse bucket:
        the cutoff is on the coarse grid, so a bucket is never merged in two parts)."""
        return math.floor((now - self.full_days * 86400.0) / self.coarse_s) * self.coarse_s

    def prune_cutoff(self, now: float) -> float:
        return now - self.compacted_days * 86400.0


def merge_rows(rows: Iterable[HistorianRow], interval_s: float) -> list[HistorianRow]:
    """``rows`` merged into rows of ``interval_s`` (a multiple of theirs) per channel, as
    partial aggregates merge: counts add, min of mins, max of maxes, mean weighted by the
    number of values, the latest ``last``. Ordered by interval, then channel."""
    groups: dict[tuple[str, float], list[HistorianRow]] = {}
    for r in rows:
        start = math.floor(r.interval_start / interval_s) * interval_s
        groups.setdefault((r.channel_key, start), []).append(r)
    out = []
    for (key, start), part in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        valued = [r for r in part if r.mean is not None and r.count - r.bad_count > 0]
        n_values = sum(r.count - r.bad_count for r in valued)
        latest = max((r for r in part if r.last_t is not None),
                     key=lambda r: r.last_t or -math.inf, default=None)
        out.append(HistorianRow(
            key, start, interval_s, sum(r.count for r in part),
            sum(r.bad_count for r in part), sum(r.uncertain_count for r in part),
            min((r.min for r in valued if r.min is not None), default=None),
            max((r.max for r in valued if r.max is not None), default=None),
            sum((r.mean or 0.0) * (r.count - r.bad_count) for r in valued) / n_values
            if n_values else None,
            latest.last if latest else None, latest.last_t if latest else None))
    return out
