"""The historian's reduced record of a channel: one row per channel and interval (plain data,
shared by the instrument layer that makes rows and the store that keeps them)."""

from __future__ import annotations

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
