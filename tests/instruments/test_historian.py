"""Historian aggregation: interval rows keep excursions and bad data visible."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pytest

from operator_console.instruments.historian import (
    Aggregator,
    Historian,
    HistorianRow,
    aggregate,
)
from operator_console.instruments.ringbuffer import Quality, Sample

NAN = math.nan


def s(t: float, v: float, q: Quality = Quality.GOOD, key: str = "temperature") -> Sample:
    return Sample(key, t, v, q)


class ListSource:
    def __init__(self) -> None:
        self.queue: list[Sample] = []

    def drain_samples(self, max_items: int | None = None) -> list[Sample]:
        out, self.queue = self.queue, []
        return out


class ListSink:
    def __init__(self) -> None:
        self.rows: list[HistorianRow] = []
        self.fail = False
        self.pruned: list[float] = []

    def write_rows(self, rows: Sequence[HistorianRow]) -> None:
        if self.fail:
            raise OSError("database is locked")
        self.rows.extend(rows)


class PruningSink(ListSink):
    def prune_before(self, cutoff: float) -> None:
        self.pruned.append(cutoff)


def test_one_interval_statistics() -> None:
    (row,) = aggregate([s(100.0, 37.0), s(101.0, 37.2), s(109.9, 36.9)], 10.0)
    assert (row.channel_key, row.interval_start, row.interval_s) == ("temperature", 100.0, 10.0)
    assert (row.count, row.bad_count, row.uncertain_count) == (3, 0, 0)
    assert (row.min, row.max, row.last, row.last_t) == (36.9, 37.2, 36.9, 109.9)
    assert row.mean == pytest.approx(37.0333333)


def test_intervals_are_aligned_and_split_per_channel() -> None:
    rows = aggregate([s(99.9, 1), s(100.0, 2), s(105, 3, key="ph"), s(120.1, 4)], 10.0)
    assert [(r.channel_key, r.interval_start, r.count) for r in rows] == [
        ("temperature", 90.0, 1), ("ph", 100.0, 1), ("temperature", 100.0, 1),
        ("temperature", 120.0, 1),
    ]


def test_short_excursion_is_not_averaged_away() -> None:
    samples = [s(1000 + i * 0.1, 37.0) for i in range(100)]
    samples[42] = s(1004.2, 39.5)  # one 100 ms spike
    (row,) = aggregate(samples, 10.0)
    assert row.max == 39.5 and row.mean is not None and row.mean < 37.1


def test_bad_and_uncertain_are_counted() -> None:
    rows = aggregate([
        s(0, 37.0), s(1, NAN, Quality.BAD), s(2, 37.4, Quality.UNCERTAIN),
        s(3, NAN, Quality.NO_DATA),
    ], 10.0)
    (row,) = rows
    assert (row.count, row.bad_count, row.uncertain_count) == (4, 2, 1)
    assert (row.min, row.max, row.last) == (37.0, 37.4, 37.4)


def test_interval_with_only_bad_data_has_no_values() -> None:
    (row,) = aggregate([s(0, NAN, Quality.BAD), s(1, NAN, Quality.BAD)], 10.0)
    assert row.count == row.bad_count == 2
    assert row.min is row.max is row.mean is row.last is row.last_t is None


def test_last_is_latest_by_time_not_by_arrival() -> None:
    (row,) = aggregate([s(5, 2.0), s(3, 1.0)], 10.0)
    assert (row.last, row.last_t) == (2.0, 5)


def test_pop_closed_keeps_open_intervals() -> None:
    agg = Aggregator(10.0)
    agg.add([s(5, 1.0), s(15, 2.0)])
    assert [r.interval_start for r in agg.pop_closed(10.0)] == [0.0]
    assert agg.pop_closed(19.9) == []
    assert [r.interval_start for r in agg.pop_all()] == [10.0]
    with pytest.raises(ValueError):
        Aggregator(0)


def test_historian_writes_intervals_after_grace() -> None:
    source, sink = ListSource(), ListSink()
    hist = Historian(source, sink, interval_s=10.0, grace_s=2.0)
    source.queue = [s(100 + i, 37.0 + i / 10) for i in range(15)]  # t = 100..114
    assert hist.poll(now=111.0) == 0  # [100, 110) ends at 110: still inside the grace
    assert hist.poll(now=112.0) == 1
    assert sink.rows[0].interval_start == 100 and sink.rows[0].count == 10
    source.queue = [s(109.5, 50.0)]  # late sample for the written interval
    assert hist.poll(now=112.5) == 1  # its interval is past the grace: written at once
    assert hist.flush() == 1  # the open [110, 120) at shutdown
    late = [r for r in sink.rows if r.interval_start == 100]
    assert len(late) == 2 and late[1].max == 50.0 and late[1].count == 1  # a mergeable partial


def test_historian_keeps_rows_when_sink_fails() -> None:
    source, sink = ListSource(), ListSink()
    hist = Historian(source, sink, interval_s=1.0, grace_s=0.0)
    source.queue = [s(0.5, 1.0)]
    sink.fail = True
    with pytest.raises(OSError):
        hist.poll(now=5.0)
    source.queue = [s(1.5, 2.0)]
    sink.fail = False
    assert hist.poll(now=5.0) == 2
    assert [r.interval_start for r in sink.rows] == [0.0, 1.0]


def test_retention_prunes_at_most_every_period() -> None:
    sink = PruningSink()
    hist = Historian(ListSource(), sink, retention_s=100.0, prune_every_s=50.0)
    for now in (1000.0, 1010.0, 1049.0, 1050.0):
        hist.poll(now=now)
    assert sink.pruned == [900.0, 950.0]
    assert hist.retention_cutoff(2000.0) == 1900.0


def test_plain_sink_is_never_pruned() -> None:
    sink = ListSink()
    Historian(ListSource(), sink).poll(now=1e9)
    assert sink.pruned == []
