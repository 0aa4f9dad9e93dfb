"""Historian: reduce the live sample stream to fixed-interval rows for long-term storage.

The ring buffers keep full-rate data for a day; the historian keeps a reduced record for much
longer. Every interval (default 10 s) and channel becomes one row with min, max, mean and last
value and the sample counts, so an excursion shorter than the interval still shows in min/max
and bad-quality periods show in the counts: nothing is averaged away. Aggregation is pure; the
``Historian`` pulls samples from the instrument client's queue and hands finished rows to a
``HistorianSink`` (the store implements it). Call ``poll()`` periodically and ``flush()`` at
shutdown, from the thread that owns the sink.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, runtime_checkable

from operator_console.domain.historian_rows import HistorianRow
from operator_console.instruments.ringbuffer import Quality, Sample


class HistorianSink(Protocol):
    """Where rows go (the store implements it). Must be all-or-nothing per call."""

    def write_rows(self, rows: Sequence[HistorianRow]) -> None: ...


@runtime_checkable
class RetentionSink(Protocol):
    """A sink that can also drop rows older than the retention period."""

    def write_rows(self, rows: Sequence[HistorianRow]) -> None: ...

    def prune_before(self, cutoff: float) -> None: ...


@runtime_checkable
class PolicySink(Protocol):
    """A sink that applies its own retention policy (e.g. the station's settings)."""

    def write_rows(self, rows: Sequence[HistorianRow]) -> None: ...

    def apply_retention(self, now: float) -> None: ...


class SampleSource(Protocol):
    """Where samples come from (``InstrumentClient`` implements it)."""

    def drain_samples(self, max_items: int | None = None) -> list[Sample]: ...


class _Acc:
    __slots__ = ("bad", "count", "hi", "last", "last_t", "lo", "n_values", "total", "uncertain")

    def __init__(self) -> None:
        self.count = self.bad = self.uncertain = self.n_values = 0
        self.lo, self.hi, self.total = math.inf, -math.inf, 0.0
        self.last: float | None = None
        self.last_t = -math.inf

    def add(self, s: Sample) -> None:
        self.count += 1
        if s.quality is Quality.UNCERTAIN:
            self.uncertain += 1
        if s.quality >= Quality.BAD or not math.isfinite(s.value):
            self.bad += 1
            return
        self.n_values += 1
        self.lo, self.hi = min(self.lo, s.value), max(self.hi, s.value)
        self.total += s.value
        if s.t >= self.last_t:
            self.last, self.last_t = s.value, s.t


class Aggregator:
    """Accumulates samples into per-channel interval buckets (interval aligned to epoch)."""

    def __init__(self, interval_s: float = 10.0) -> None:
        if interval_s <= 0:
            raise ValueError("interval_s must be > 0")
        self.interval_s = interval_s
        self._open: dict[tuple[str, float], _Acc] = {}

    def add(self, samples: Iterable[Sample]) -> None:
        """Add samples in any order."""
        for s in samples:
            start = math.floor(s.t / self.interval_s) * self.interval_s
            acc = self._open.get((s.channel_key, start))
            if acc is None:
                acc = self._open[(s.channel_key, start)] = _Acc()
            acc.add(s)

    def pop_closed(self, before: float) -> list[HistorianRow]:
        """Rows of intervals that end at or before ``before``, removed from the open set."""
        done = [k for k in self._open if k[1] + self.interval_s <= before]
        return self._pop(done)

    def pop_all(self) -> list[HistorianRow]:
        """Rows of every open interval (at shutdown)."""
        return self._pop(list(self._open))

    def _pop(self, keys: list[tuple[str, float]]) -> list[HistorianRow]:
        rows = []
        for key, start in sorted(keys, key=lambda k: (k[1], k[0])):
            a = self._open.pop((key, start))
            has = a.n_values > 0
            rows.append(HistorianRow(
                key, start, self.interval_s, a.count, a.bad, a.uncertain,
                a.lo if has else None, a.hi if has else None,
                a.total / a.n_values if has else None,
                a.last, a.last_t if has else None,
            ))
        return rows


def aggregate(samples: Iterable[Sample], interval_s: float = 10.0) -> list[HistorianRow]:
    """All rows for ``samples`` at ``interval_s``, ordered by interval then channel."""
    agg = Aggregator(interval_s)
    agg.add(samples)
    return agg.pop_all()


class _Tier:
    """One interval's aggregator, its sink and the rows it has not taken yet."""

    def __init__(self, sink: HistorianSink, interval_s: float) -> None:
        self.sink, self.agg = sink, Aggregator(interval_s)
        self.pending: list[HistorianRow] = []

    def write(self, rows: list[HistorianRow]) -> int:
        self.pending.extend(rows)
        if not self.pending:
            return 0
        batch = self.pending
        self.sink.write_rows(batch)  # on error the batch stays pending for the next call
        self.pending = []
        return len(batch)


class Historian:
    """Moves samples from a ``SampleSource`` through an ``Aggregator`` into a sink, and, with
    ``seconds``, through a second one of 1 s into that sink too (the 1 s tier an instrument
    phase's process data is built from, kept only while needed).

    An interval is written once ``grace_s`` has passed after its end, so samples delayed in
    transit still land in it. Rows a sink fails to take are kept and retried on the next
    call (then the error propagates). With a ``PolicySink`` its retention is applied at
    most every ``prune_every_s``; with a ``RetentionSink``, rows older than ``retention_s``
    are pruned as often.
    """

    def __init__(
        self,
        source: SampleSource,
        sink: HistorianSink,
        *,
        interval_s: float = 10.0,
        seconds: HistorianSink | None = None,
        grace_s: float = 5.0,
        retention_s: float = 365 * 86400.0,
        prune_every_s: float = 3600.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._source = source
        self._tiers = [_Tier(sink, interval_s)]
        if seconds is not None:
            self._tiers.append(_Tier(seconds, 1.0))
        self.grace_s, self.retention_s, self._prune_every_s = grace_s, retention_s, prune_every_s
        self._clock = clock
        self._last_prune = -math.inf

    def retention_cutoff(self, now: float | None = None) -> float:
        """Epoch seconds before which rows may be discarded."""
        return (self._clock() if now is None else now) - self.retention_s

    def poll(self, now: float | None = None) -> int:
        """Pull new samples, write finished intervals; returns the number of rows written
        (every tier's)."""
        now = self._clock() if now is None else now
        self._add(self._source.drain_samples())
        written = sum(tier.write(tier.agg.pop_closed(now - self.grace_s))
                      for tier in self._tiers)
        if now - self._last_prune >= self._prune_every_s:
            for tier in self._tiers:
                if isinstance(tier.sink, PolicySink):
                    tier.sink.apply_retention(now)
                elif isinstance(tier.sink, RetentionSink):
                    tier.sink.prune_before(self.retention_cutoff(now))
            self._last_prune = now
        return written

    def flush(self) -> int:
        """Pull remaining samples and write every interval, finished or not (at shutdown)."""
        self._add(self._source.drain_samples())
        return sum(tier.write(tier.agg.pop_all()) for tier in self._tiers)

    def _add(self, samples: list[Sample]) -> None:
        for tier in self._tiers:
            tier.agg.add(samples)
